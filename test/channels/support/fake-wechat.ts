// A fake WeChat / WeCom API server over real HTTP on 127.0.0.1: access tokens that expire, custom send,
// WeCom message/send, menu create and media download — enough for the Official Account and WeCom adapters.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const OA_APPID = "wx0123456789abcdef";
export const OA_SECRET = "0123456789abcdef0123456789abcdef";
export const WECOM_CORP = "ww0123456789abcdef";
export const WECOM_SECRET = "wecom-secret-for-the-fake-server";

export interface SentText {
  api: "custom" | "wecom";
  touser: string;
  content: string;
  agentid?: number;
  at: number;
}

export class FakeWechat {
  readonly sent: SentText[] = [];
  readonly menus: unknown[] = [];
  readonly paths: string[] = [];
  tokenFetches = 0;
  /** Seconds a new token lives (WeChat: 7200). */
  expiresIn = 7200;
  /** Milliseconds the token endpoint takes (to pile up concurrent callers). */
  tokenDelayMs = 0;
  /** Custom sends to these openids answer this errcode (45015: outside the 48 hours). */
  readonly refuseFor = new Map<string, number>();
  readonly media = new Map<string, Buffer>();
  private valid = new Set<string>();
  private expired = new Set<string>();
  private serial = 0;
  private waiters: Array<() => void> = [];
  private server!: Server;
  url = "";

  static async start(): Promise<FakeWechat> {
    const fake = new FakeWechat();
    fake.server = createServer((req, res) => void fake.route(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every token handed out so far stops working, answering 42001 as WeChat does for an expired token. */
  expireTokens(): void {
    for (const token of this.valid) this.expired.add(token);
    this.valid.clear();
  }

  sentTo(user: string): string[] {
    return this.sent.filter((s) => s.touser === user).map((s) => s.content);
  }

  async waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(
          `fake WeChat: condition not met within ${timeoutMs} ms; sent: ${JSON.stringify(this.sent.map((s) => [s.touser, s.content.slice(0, 30)]))}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    this.paths.push(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, any>) : {};
    const json = (payload: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    const q = url.searchParams;
    if (url.pathname === "/cgi-bin/token" || url.pathname === "/cgi-bin/gettoken") {
      const ok =
        url.pathname === "/cgi-bin/token"
          ? q.get("appid") === OA_APPID && q.get("secret") === OA_SECRET && q.get("grant_type") === "client_credential"
          : q.get("corpid") === WECOM_CORP && q.get("corpsecret") === WECOM_SECRET;
      if (!ok) return json({ errcode: 40001, errmsg: "invalid credential" });
      if (this.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, this.tokenDelayMs));
      this.tokenFetches++;
      const token = `token-${++this.serial}`;
      this.valid.add(token);
      return json({ ...(url.pathname === "/cgi-bin/gettoken" ? { errcode: 0, errmsg: "ok" } : {}), access_token: token, expires_in: this.expiresIn });
    }
    const token = q.get("access_token") ?? "";
    if (!this.valid.has(token))
      return json(this.expired.has(token) ? { errcode: 42001, errmsg: "access_token expired" } : { errcode: 40014, errmsg: "invalid access_token" });
    if (url.pathname === "/cgi-bin/message/custom/send" || url.pathname === "/cgi-bin/message/send") {
      const content = String(body.text?.content ?? "");
      if (Buffer.byteLength(content) > 2048) return json({ errcode: 45002, errmsg: "content size out of limit" });
      const refused = this.refuseFor.get(String(body.touser));
      if (refused) return json({ errcode: refused, errmsg: "response out of time limit or subscription is canceled" });
      const api = url.pathname === "/cgi-bin/message/send" ? "wecom" : "custom";
      this.sent.push({ api, touser: String(body.touser), content, ...(api === "wecom" ? { agentid: body.agentid } : {}), at: Date.now() });
      this.wake();
      return json({ errcode: 0, errmsg: "ok" });
    }
    if (url.pathname === "/cgi-bin/menu/create") {
      this.menus.push({ agentid: q.get("agentid") ?? undefined, ...body });
      return json({ errcode: 0, errmsg: "ok" });
    }
    if (url.pathname === "/cgi-bin/media/get") {
      const audio = this.media.get(q.get("media_id") ?? "");
      if (!audio) return json({ errcode: 40007, errmsg: "invalid media_id" });
      res.writeHead(200, { "content-type": "audio/amr" });
      res.end(audio);
      return;
    }
    res.writeHead(404).end();
  }
}
