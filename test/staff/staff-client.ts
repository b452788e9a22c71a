// HTTP helpers for staff tests: JSON calls from a chosen local address (127.0.0.x), logins, and CSRF-carrying sessions.
import { request } from "node:http";

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A JSON request over node:http, so the socket can come from another loopback address (a different client). */
export function callJson(
  url: string,
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; from?: string } = {},
): Promise<JsonResponse> {
  const target = new URL(path, url);
  const payload = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? (payload === undefined ? "GET" : "POST"),
        headers: { ...(payload === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
        ...(options.from ? { localAddress: options.from } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export function login(url: string, username: string, password: string, extra: { from?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  return callJson(url, "/api/staff/login", { body: { username, password }, ...extra });
}

/** A logged-in person: their cookie and CSRF token, sent on every call like the dashboard would. */
export interface Session {
  cookie: string;
  csrfToken: string;
  call(path: string, options?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<JsonResponse>;
}

export async function session(url: string, username: string, password: string): Promise<Session> {
  const res = await login(url, username, password);
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers["set-cookie"];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(";")[0]!;
  const csrfToken = res.body.csrfToken as string;
  return {
    cookie,
    csrfToken,
    call: (path, options = {}) => callJson(url, path, { ...options, headers: { cookie, "x-csrf-token": csrfToken, ...options.headers } }),
  };
}
