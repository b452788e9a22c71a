// Calls to WeChat's and WeCom's JSON APIs: the access token fetched once, cached, refreshed before it expires.
import { z } from "zod";
import { AppError } from "../../core/errors.ts";

/** The platform answered with a non-zero errcode. Carries the path, never the access token. */
export class WechatApiError extends AppError {
  constructor(
    readonly path: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super("WECHAT_API_REFUSED", `${path} refused: ${errcode} ${errmsg}`);
  }
}

/** The request did not get a JSON answer (network down, HTTP error, timeout). */
export class WechatNetworkError extends AppError {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("WECHAT_API_UNREACHABLE", `${path}: ${message}`, options);
  }
}

/**
 * Codes that mean "this access token is no good": 40001 invalid credential, 40014 invalid token,
 * 42001 expired (another server may have fetched a newer one, which voids ours). Refreshing once fixes them.
 */
export const STALE_TOKEN_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

const ApiAnswerSchema = z.looseObject({ errcode: z.number().int().optional(), errmsg: z.string().optional() });
const TokenAnswerSchema = z.looseObject({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

type Fetch = typeof fetch;

export interface WechatApiOptions {
  /** API host, e.g. https://api.weixin.qq.com (no trailing path). */
  root: string;
  /** Path and query that return a fresh token, e.g. /cgi-bin/token?grant_type=client_credential&appid=…&secret=… */
  tokenPath: string;
  fetch?: Fetch;
  now?: () => number;
  timeoutMs?: number;
  /** Renew this long before the token's stated expiry (clocks drift, requests take time). */
  refreshMarginMs?: number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class WechatApi {
  private cached: CachedToken | undefined;
  private refreshing: Promise<CachedToken> | undefined;
  private readonly fetch: Fetch;
  private readonly now: () => number;
  private readonly root: string;
  /** How many tokens were fetched (for the log and the tests: one fetch however many callers wait). */
  tokenFetches = 0;

  constructor(private readonly options: WechatApiOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.root = options.root.replace(/\/+$/, "");
  }

  /** POSTs JSON with the access token; a stale token is refreshed and the call tried once more. */
  async post(path: string, body: unknown, query: Record<string, string> = {}): Promise<Record<string, unknown>> {
    return this.withToken(path, (token) =>
      this.request(path, { ...query, access_token: token }, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    );
  }

  /** GETs with the access token; returns the raw response (media downloads are not JSON). */
  async download(path: string, query: Record<string, string>): Promise<Buffer> {
    return this.withToken(path, async (token) => {
      const response = await this.send(path, { ...query, access_token: token }, { method: "GET" });
      const type = response.headers.get("content-type") ?? "";
      // An error is JSON even here ({"errcode":40007,...}); media comes as audio/* or application/octet-stream.
      if (/json|text\/plain/.test(type)) checkAnswer(path, ApiAnswerSchema.parse(await response.json()));
      return Buffer.from(await response.arrayBuffer());
    });
  }

  /** A valid access token: the cached one, or one fresh fetch shared by every caller waiting for it. */
  async token(): Promise<string> {
    const cached = this.cached;
    if (cached && cached.expiresAt > this.now()) return cached.value;
    return (await this.refresh(cached?.value)).value;
  }

  private refresh(stale: string | undefined): Promise<CachedToken> {
    // Someone already replaced the stale token: use theirs instead of fetching again.
    if (this.cached && this.cached.value !== stale && this.cached.expiresAt > this.now()) return Promise.resolve(this.cached);
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchToken(): Promise<CachedToken> {
    this.tokenFetches++;
    const path = this.options.tokenPath.split("?")[0]!;
    const response = await this.send(path, Object.fromEntries(new URLSearchParams(this.options.tokenPath.split("?")[1] ?? "")), { method: "GET" });
    const answer = ApiAnswerSchema.parse(await readJson(path, response));
    checkAnswer(path, answer);
    const parsed = TokenAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new WechatNetworkError(path, "token answer without access_token / expires_in");
    const lifetimeMs = parsed.data.expires_in * 1000;
    const margin = Math.min(this.options.refreshMarginMs ?? 5 * 60_000, lifetimeMs / 2);
    this.cached = { value: parsed.data.access_token, expiresAt: this.now() + lifetimeMs - margin };
    return this.cached;
  }

  private async withToken<T>(path: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !STALE_TOKEN_CODES.has(error.errcode)) throw error;
      const fresh = await this.refresh(token);
      return call(fresh.value);
    }
  }

  private async request(path: string, query: Record<string, string>, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await this.send(path, query, init);
    const answer = ApiAnswerSchema.parse(await readJson(path, response));
    checkAnswer(path, answer);
    return answer;
  }

  private async send(path: string, query: Record<string, string>, init: RequestInit): Promise<Response> {
    const url = `${this.root}${path}?${new URLSearchParams(query).toString()}`;
    let response: Response;
    try {
      response = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (cause) {
      // The URL holds the secret or the access token: the error names the path only.
      throw new WechatNetworkError(path, (cause as Error)?.name === "TimeoutError" ? "timed out" : "network error", { cause: (cause as Error)?.name });
    }
    if (!response.ok) throw new WechatNetworkError(path, `HTTP ${response.status}`);
    return response;
  }
}

async function readJson(path: string, response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new WechatNetworkError(path, "answer is not JSON");
  }
}

function checkAnswer(path: string, answer: z.infer<typeof ApiAnswerSchema>): void {
  if (answer.errcode !== undefined && answer.errcode !== 0) throw new WechatApiError(path, answer.errcode, answer.errmsg ?? "");
}
