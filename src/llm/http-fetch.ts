// A `fetch` for the LLM provider over node:http/https with keep-alive connections.
//
// Why not the global fetch: Node 20's undici holds every request's AbortController behind a WeakRef,
// and young-generation GC keeps WeakRef targets alive. The openai SDK passes a signal on every call, so
// each call's objects were promoted to the old generation (1.3 MB per scavenge in `npm run bench -- llm`)
// and scavenges grew to 6–12 ms, the slowest part of an LLM answer on top of the provider's own time.
// node-fetch avoids that but answers with Node streams where openai v6 expects web streams.
import http from "node:http";
import https from "node:https";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";

export interface HttpFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes idle keep-alive connections; requests after this open new ones. */
  close(): void;
}

export interface HttpFetchOptions {
  /** Concurrent connections per host. */
  maxSockets?: number;
  /** A larger response is refused: a provider answer is a few kilobytes. */
  maxResponseBytes?: number;
}

/** A transport failure (no HTTP response); callers treat it like fetch's own "fetch failed". */
export class TransportError extends TypeError {
  readonly code = "LLM_TRANSPORT";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TransportError";
  }
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const DECODERS: Record<string, (input: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

interface Incoming {
  status: number;
  statusText: string;
  rawHeaders: string[];
  body: Buffer;
}

export function createHttpFetch(options: HttpFetchOptions = {}): HttpFetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16, scheduling: "lifo" as const };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };
  const maxBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;

  const send = (out: Outgoing, signal: AbortSignal | null | undefined): Promise<Incoming> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const protocol = out.url.protocol;
      if (protocol !== "http:" && protocol !== "https:") return reject(new TransportError(`unsupported protocol ${protocol}`));
      const request = (protocol === "https:" ? https : http).request(out.url, { method: out.method, headers: out.headers, agent: agents[protocol] });
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        return true;
      };
      const fail = (error: unknown) => {
        if (!settle()) return;
        request.destroy();
        reject(error);
      };
      const onAbort = () => fail(abortReason(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      request.on("error", (error) => fail(new TransportError(`request to ${out.url.host} failed: ${error.message}`, { cause: error })));
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(new TransportError(`response from ${out.url.host} larger than ${maxBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on("error", (error) => fail(new TransportError(`response from ${out.url.host} broke off: ${error.message}`, { cause: error })));
        response.on("end", () => {
          if (settle()) resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? "", rawHeaders: response.rawHeaders, body: Buffer.concat(chunks, size) });
        });
        response.on("close", () => fail(new TransportError(`response from ${out.url.host} ended early`)));
      });
      request.end(out.body);
    });

  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const out = await outgoing(input, init);
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
    const redirect = init.redirect ?? "follow";
    for (let redirects = 0; ; redirects++) {
      const incoming = await send(out, signal);
      const location = REDIRECT_STATUS.has(incoming.status) ? headerOf(incoming.rawHeaders, "location") : undefined;
      if (location === undefined || redirect === "manual") return toResponse(incoming, out.url, redirects > 0);
      if (redirect === "error") throw new TransportError(`redirected to ${location}`);
      if (redirects >= MAX_REDIRECTS) throw new TransportError(`more than ${MAX_REDIRECTS} redirects`);
      followRedirect(out, incoming.status, new URL(location, out.url));
    }
  };
  fetch.close = () => {
    agents["http:"].destroy();
    agents["https:"].destroy();
  };
  return fetch;
}

async function outgoing(input: string | URL | Request, init: RequestInit): Promise<Outgoing> {
  const fromRequest = input instanceof Request ? input : undefined;
  const headers: Record<string, string> = {};
  new Headers(init.headers ?? fromRequest?.headers).forEach((value, name) => (headers[name] = value));
  let body: Buffer | undefined;
  const source = init.body ?? (fromRequest?.body ? fromRequest : undefined);
  if (typeof source === "string") {
    body = Buffer.from(source);
    headers["content-type"] ??= "text/plain;charset=UTF-8";
  } else if (source instanceof ArrayBuffer) {
    body = Buffer.from(source);
  } else if (ArrayBuffer.isView(source)) {
    body = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  } else if (source != null) {
    // Form data (audio uploads), blobs and streams: let the platform encode them, as fetch would.
    const encoded = source instanceof Request ? source : new Request("http://encode.invalid/", { method: "POST", body: source, duplex: "half" } as RequestInit);
    body = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type");
    if (type && !headers["content-type"]) headers["content-type"] = type;
  }
  if (body) headers["content-length"] = String(body.length);
  return { url: new URL(fromRequest?.url ?? String(input)), method: (init.method ?? fromRequest?.method ?? "GET").toUpperCase(), headers, body };
}

/** The next request of a redirect, as fetch makes it: 303 (and 301/302 after POST) become a GET without body. */
function followRedirect(out: Outgoing, status: number, next: URL): void {
  if ((status === 303 && out.method !== "HEAD") || ((status === 301 || status === 302) && out.method === "POST")) {
    out.method = "GET";
    out.body = undefined;
    for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) delete out.headers[name];
  }
  // Credentials stay with the origin they were meant for.
  if (next.origin !== out.url.origin) {
    delete out.headers.authorization;
    delete out.headers["api-key"];
  }
  out.url = next;
}

async function toResponse(incoming: Incoming, url: URL, redirected: boolean): Promise<Response> {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  let body: Uint8Array | null = NULL_BODY_STATUS.has(incoming.status) ? null : incoming.body;
  const encoding = headers.get("content-encoding")?.trim().toLowerCase();
  const decode = encoding ? DECODERS[encoding] : undefined;
  if (body && body.length > 0 && decode) {
    try {
      body = await decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    } catch (error) {
      throw new TransportError(`cannot decode ${encoding} response from ${url.host}`, { cause: error });
    }
  }
  const response = new Response(body as BodyInit | null, { status: incoming.status, statusText: incoming.statusText, headers });
  Object.defineProperty(response, "url", { value: url.href });
  if (redirected) Object.defineProperty(response, "redirected", { value: true });
  return response;
}

function headerOf(rawHeaders: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) return rawHeaders[i + 1];
  return undefined;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}
