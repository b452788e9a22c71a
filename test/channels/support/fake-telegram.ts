// A fake Telegram Bot API server over real HTTP on 127.0.0.1: enough of the API for grammy and the runner.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiCall {
  method: string;
  params: Record<string, any>;
  at: number;
}

interface Fault {
  status: number;
  body: Record<string, unknown>;
}

type Update = Record<string, any> & { update_id: number };

export const BOT = {
  id: 7000001,
  is_bot: true,
  first_name: "乡亲助手",
  username: "xiangqin_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

export class FakeTelegram {
  readonly token = "7000001:TEST-token_for-the-fake-server";
  readonly calls: ApiCall[] = [];
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private pollers: Array<() => void> = [];
  private readonly faults = new Map<string, Fault[]>();
  /** sendMessage to these chats answers 403, as when the bot was removed from a group. */
  readonly blockedChats = new Set<number>();
  private callWaiters: Array<() => void> = [];
  /** Files served by getFile and /file/bot<token>/<path>, keyed by file_path (file_id is the same string). */
  readonly files = new Map<string, Buffer>();
  private readonly holds = new Map<string, Promise<void>>();
  /** Milliseconds the server takes to answer a method (a slow Telegram). */
  readonly delays = new Map<string, number>();
  private server!: Server;
  url = "";

  static async start(): Promise<FakeTelegram> {
    const fake = new FakeTelegram();
    fake.server = createServer((req, res) => void fake.route(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Omit<Update, "update_id"> & { update_id?: number }): number {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    this.nextUpdateId = Math.max(this.nextUpdateId, full.update_id + 1);
    this.updates.push(full);
    const waiting = this.pollers;
    this.pollers = [];
    for (const wake of waiting) wake();
    return full.update_id;
  }

  /** The next `count` calls of `method` fail with this status and body. */
  failNext(method: string, status: number, body: Record<string, unknown>, count = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push({ status, body });
    this.faults.set(method, list);
  }

  /** Answers to `method` wait until the returned function is called (a request kept in flight). */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentTo(chatId: number): string[] {
    return this.callsOf("sendMessage")
      .filter((c) => Number(c.params.chat_id) === chatId)
      .map((c) => String(c.params.text));
  }

  /** Resolves when `predicate` holds for the recorded calls; rejects after `timeoutMs`. */
  async waitFor(predicate: (calls: ApiCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Telegram: condition not met in ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(",")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.callWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
    if (download) {
      const file = download[1] === this.token ? this.files.get(download[2]!) : undefined;
      if (!file) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(file);
      return;
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    let params: Record<string, any> = {};
    try {
      params = body ? JSON.parse(body) : {};
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
    }
    this.calls.push({ method, params, at: performance.now() });
    const waiters = this.callWaiters;
    this.callWaiters = [];
    for (const wake of waiters) wake();

    const held = this.holds.get(method);
    if (held) await held;
    const delay = this.delays.get(method);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = this.faults.get(method)?.shift();
    if (fault) return send(res, fault.status, { ok: false, error_code: fault.status, ...fault.body });
    switch (method) {
      case "getMe":
        return send(res, 200, { ok: true, result: BOT });
      case "deleteWebhook":
      case "setWebhook":
      case "setMyCommands":
      case "answerCallbackQuery":
        return send(res, 200, { ok: true, result: true });
      case "getFile": {
        const path = String(params.file_id);
        if (!this.files.has(path)) return send(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        return send(res, 200, { ok: true, result: { file_id: path, file_unique_id: path, file_size: this.files.get(path)!.length, file_path: path } });
      }
      case "getUpdates":
        return this.getUpdates(req, res, params);
      case "sendMessage": {
        const chatId = Number(params.chat_id);
        if (this.blockedChats.has(chatId)) return send(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was kicked from the group chat" });
        const message = {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: chatId < 0 ? "group" : "private" },
          from: BOT,
          text: params.text,
        };
        return send(res, 200, { ok: true, result: message });
      }
      default:
        return send(res, 404, { ok: false, error_code: 404, description: `Not Found: method ${method} is not faked` });
    }
  }

  private async getUpdates(req: IncomingMessage, res: ServerResponse, params: Record<string, any>): Promise<void> {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    // Confirming an offset forgets every earlier update, as Telegram does.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    if (this.updates.length === 0 && Number(params.timeout ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Number(params.timeout) * 1000);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.pollers.push(wake);
        req.once("close", wake);
        res.once("close", wake);
      });
      if (res.destroyed || res.writableEnded) return;
    }
    send(res, 200, { ok: true, result: this.updates.filter((u) => u.update_id >= offset).slice(0, limit) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

let messageCounter = 1;

/** A text message update as Telegram sends it; private chat unless `chatId` is negative (a group). */
export function textUpdate(options: {
  chatId: number;
  userId?: number;
  text: string;
  entities?: unknown[];
  replyTo?: Record<string, unknown>;
  messageId?: number;
  firstName?: string;
}) {
  const userId = options.userId ?? Math.abs(options.chatId);
  const isGroup = options.chatId < 0;
  return {
    message: {
      message_id: options.messageId ?? messageCounter++,
      date: Math.floor(Date.now() / 1000),
      chat: isGroup
        ? { id: options.chatId, type: "supergroup", title: "村民群" }
        : { id: options.chatId, type: "private", first_name: options.firstName ?? "村民" },
      from: { id: userId, is_bot: false, first_name: options.firstName ?? "村民" },
      text: options.text,
      ...(options.entities ? { entities: options.entities } : {}),
      ...(options.replyTo ? { reply_to_message: options.replyTo } : {}),
    },
  };
}

/** "@bot question" in a group, with the mention entity Telegram attaches. */
export function mentionUpdate(chatId: number, userId: number, question: string) {
  const mention = `@${BOT.username}`;
  return textUpdate({ chatId, userId, text: `${mention} ${question}`, entities: [{ type: "mention", offset: 0, length: mention.length }] });
}
