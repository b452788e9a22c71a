import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetch, TransportError } from "../../src/llm/http-fetch.ts";
import { isRetryable } from "../../src/llm/retry.ts";

// A real server on 127.0.0.1 whose routes show what the transport sent and how it reads answers.
let server: http.Server;
let base: string;
const connections = new Set<unknown>();
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const [path, query] = req.url!.split("?");
      switch (path) {
        case "/echo":
          res.setHeader("content-type", "application/json");
          res.setHeader("x-request-id", "req-1");
          return res.end(JSON.stringify({ method: req.method, body, contentType: req.headers["content-type"] ?? null }));
        case "/fail":
          res.statusCode = 500;
          return res.end("provider broke");
        case "/empty":
          res.statusCode = 204;
          return res.end();
        case "/gzip":
          res.setHeader("content-encoding", "gzip");
          return res.end(gzipSync("压缩的回答"));
        case "/big":
          return res.end("x".repeat(5000));
        case "/cut":
          res.setHeader("content-length", "100");
          res.write("half");
          return setTimeout(() => res.destroy(), 20);
        case "/hang":
          return; // never answers
        case "/redirect": {
          const [status, to] = (query ?? "").split("-");
          res.statusCode = Number(status);
          res.setHeader("location", to === "self" ? "/redirect?" + query : `/${to}`);
          return res.end();
        }
        case "/elsewhere":
          res.statusCode = 307;
          res.setHeader("location", `http://localhost:${(server.address() as AddressInfo).port}/echo`);
          return res.end();
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
  });
  server.on("connection", (socket) => connections.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("the provider transport", () => {
  it("sends method, headers and body, and answers with a standard Response", async () => {
    const fetch = createHttpFetch();
    const response = await fetch(`${base}/echo`, { method: "post", headers: { authorization: "Bearer k", "content-type": "application/json" }, body: JSON.stringify({ q: "三级残疾" }) });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/echo`);
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(await response.json()).toEqual({ method: "POST", body: '{"q":"三级残疾"}', contentType: "application/json" });
    const sent = seen.at(-1)!;
    expect(sent.headers.authorization).toBe("Bearer k");
    expect(sent.headers["content-length"]).toBe(String(Buffer.byteLength('{"q":"三级残疾"}')));
    fetch.close();
  });

  it("keeps one connection open for calls one after another", async () => {
    const fetch = createHttpFetch();
    const before = connections.size;
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/echo`, { method: "POST", body: `${i}` })).text();
    expect(connections.size - before).toBe(1);
    fetch.close();
  });

  it("returns error statuses as responses and encodes form data the way fetch does", async () => {
    const fetch = createHttpFetch();
    const failed = await fetch(`${base}/fail`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe("provider broke");
    const form = new FormData();
    form.append("model", "whisper-1");
    form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "voice.ogg");
    const echoed = (await (await fetch(`${base}/echo`, { method: "POST", body: form })).json()) as { body: string; contentType: string };
    expect(echoed.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(echoed.body).toContain('name="file"; filename="voice.ogg"');
    expect(echoed.body).toContain("whisper-1");
    expect((await fetch(`${base}/empty`)).body).toBeNull();
    expect(await (await fetch(`${base}/gzip`)).text()).toBe("压缩的回答");
    fetch.close();
  });

  it("gives up on a hanging provider as soon as the caller aborts, with the caller's reason", async () => {
    const fetch = createHttpFetch();
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    const error = await fetch(`${base}/hang`, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(Date.now() - started).toBeLessThan(2000);
    const reason = new Error("deadline");
    const already = AbortSignal.abort(reason);
    const count = seen.length;
    await expect(fetch(`${base}/echo`, { signal: already })).rejects.toBe(reason);
    expect(seen.length).toBe(count); // nothing was sent
    fetch.close();
  });

  it("reports an unreachable provider as a retryable transport failure", async () => {
    const fetch = createHttpFetch();
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toBeInstanceOf(TypeError); // what the openai SDK expects of a failed fetch
    expect((error as TransportError).code).toBe("LLM_TRANSPORT");
    expect(isRetryable(error)).toBe(true);
    await expect(fetch(`${base}/cut`)).rejects.toThrow(TransportError);
    await expect(fetch(`${base}/big`).then((r) => r.text())).resolves.toHaveLength(5000);
    const small = createHttpFetch({ maxResponseBytes: 1000 });
    await expect(small(`${base}/big`)).rejects.toThrow(/larger than 1000 bytes/);
    small.close();
    fetch.close();
  });

  it("follows redirects as fetch does, and keeps credentials from other origins", async () => {
    const fetch = createHttpFetch();
    const kept = (await (await fetch(`${base}/redirect?307-echo`, { method: "POST", body: "保留", headers: { authorization: "Bearer k" } })).json()) as { method: string; body: string };
    expect(kept).toEqual({ method: "POST", body: "保留", contentType: "text/plain;charset=UTF-8" });
    const seeOther = await fetch(`${base}/redirect?303-echo`, { method: "POST", body: "丢掉" });
    expect(seeOther.redirected).toBe(true);
    expect(await seeOther.json()).toEqual({ method: "GET", body: "", contentType: null });
    await (await fetch(`${base}/elsewhere`, { headers: { authorization: "Bearer secret" } })).text();
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    await expect(fetch(`${base}/redirect?302-self`)).rejects.toThrow(/more than 5 redirects/);
    const manual = await fetch(`${base}/redirect?302-echo`, { redirect: "manual" });
    expect(manual.status).toBe(302);
    fetch.close();
  });
});
