// A local OpenAI-compatible server over real HTTP (chat completions incl. tool calls, audio transcriptions) for tests and the benchmark.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export interface FakeRequest {
  path: string;
  headers: IncomingMessage["headers"];
  /** Parsed JSON for chat; undefined for multipart. */
  body: any;
  raw: Buffer;
}

export interface FakeResponse {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  /** Never answer (a hanging provider). */
  hang?: boolean;
}

export type Responder = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeOpenAI {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  url: string;
  requests: FakeRequest[];
  chatRequests(): FakeRequest[];
  onChat(responder: Responder): void;
  onTranscription(responder: Responder): void;
  /** Any other path (default: 404). */
  onOther(responder: Responder): void;
  /** Total ms the server spent between receiving each request and finishing its response. */
  serverMs: number[];
  close(): Promise<void>;
}

export function usage(prompt = 50, completion = 30) {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function chatText(content: string, tokens = usage()): FakeResponse {
  return {
    json: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: "fake-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop", logprobs: null }],
      usage: tokens,
    },
  };
}

/** A function-calling reply, as langchain's withStructuredOutput(method: "functionCalling") expects. */
export function toolCall(name: string, args: unknown, tokens = usage()): FakeResponse {
  return {
    json: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: "fake-model",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) } }],
          },
          finish_reason: "tool_calls",
          logprobs: null,
        },
      ],
      usage: tokens,
    },
  };
}

export function serverError(status = 500): FakeResponse {
  return { status, json: { error: { message: "fake provider failure", type: "server_error" } } };
}

/** The user-visible question inside the answer/classify prompt (the last human message). */
export function lastUserContent(request: FakeRequest): string {
  const messages = (request.body?.messages ?? []) as Array<{ role: string; content: unknown }>;
  const last = [...messages].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
}

export function isStructured(request: FakeRequest): boolean {
  return Array.isArray(request.body?.tools) && request.body.tools.length > 0;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const serverMs: number[] = [];
  let chat: Responder = () => chatText("（测试服务器没有设置回答）");
  let transcription: Responder = () => ({ json: { text: "" } });
  let other: Responder = () => ({ status: 404, json: { error: { message: "not found" } } });
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? "").split("?")[0]!;
      let body: unknown;
      if ((req.headers["content-type"] ?? "").includes("application/json")) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          body = undefined;
        }
      }
      const request: FakeRequest = { path, headers: req.headers, body, raw };
      requests.push(request);
      const responder = path.endsWith("/chat/completions") ? chat : path.endsWith("/audio/transcriptions") ? transcription : other;
      Promise.resolve(responder(request))
        .then((response) => send(res, response, started, serverMs))
        .catch((error) => send(res, { status: 500, json: { error: { message: String(error) } } }, started, serverMs));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith("/chat/completions")),
    onChat: (responder) => {
      chat = responder;
    },
    onTranscription: (responder) => {
      transcription = responder;
    },
    onOther: (responder) => {
      other = responder;
    },
    serverMs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, response: FakeResponse, started: number, serverMs: number[]): void {
  if (response.hang) return;
  const body = JSON.stringify(response.json ?? {});
  res.writeHead(response.status ?? 200, { "content-type": "application/json", ...response.headers });
  res.end(body, () => serverMs.push(performance.now() - started));
}
