// Hardening of the villager-facing HTTP app: JSON only, slow clients cut off, no inline scripts, lengths in characters.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversation, postMessage, startTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: "1000" } });
});
afterAll(async () => {
  await t.close();
});

/** Opens a raw connection, writes `head`, then drips one byte every `everyMs`; resolves with ms until the server closes it. */
function drip(url: string, head: string, everyMs: number, giveUpMs: number): Promise<{ closedAfterMs: number; response: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    let response = "";
    const socket = connect(Number(port), hostname, () => socket.write(head));
    const timer = setInterval(() => socket.writable && socket.write("a"), everyMs);
    const done = () => {
      clearInterval(timer);
      clearTimeout(limit);
      resolve({ closedAfterMs: Date.now() - started, response });
    };
    const limit = setTimeout(() => {
      socket.destroy();
      done();
    }, giveUpMs);
    socket.on("data", (chunk) => (response += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", done);
  });
}

describe("JSON routes take JSON only", () => {
  it("refuses text/plain, a form and no content type with 415 and a Chinese message", async () => {
    const body = JSON.stringify({ userId: "u", text: "你好" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", undefined]) {
      const res = await fetch(`${t.url}/api/messages`, { method: "POST", body, ...(type ? { headers: { "content-type": type } } : {}) });
      expect(res.status, String(type)).toBe(415);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(json.error.message).toMatch(/JSON/);
      expect(json.error.message).toMatch(/请求/);
    }
    expect(await t.app.store.messages.count()).toBe(0);
  });

  it("accepts application/json with a charset", async () => {
    const res = await fetch(`${t.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ text: "你好" }),
    });
    expect(res.status).toBe(200);
  });
});

describe("slow clients", () => {
  it("closes a connection whose body trickles in, instead of holding it open", async () => {
    const head = `POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const { closedAfterMs, response } = await drip(t.url, head, 200, 15_000);
    expect(closedAfterMs).toBeLessThan(5_000);
    expect(response).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose headers never finish", async () => {
    const { closedAfterMs } = await drip(t.url, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", 200, 15_000);
    expect(closedAfterMs).toBeLessThan(5_000);
  });

  it("still answers a normal request afterwards", async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe("Content-Security-Policy", () => {
  it("allows scripts from this site only, and the chat page has no inline script", async () => {
    const res = await fetch(`${t.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    const html = await res.text();
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter((m) => !/\bsrc=/.test(m[1]!) || m[2]!.trim() !== "");
    expect(inline).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const script = await fetch(`${t.url}/chat.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
  });
});

describe("message length is counted in characters", () => {
  it("takes 1,005 emoji as 1,005 characters (not 2,010 UTF-16 units)", async () => {
    const { text } = await conversation(t.url).ask("👍".repeat(1005));
    expect(text).not.toMatch(/太长|2010|2006/);
  });

  it("refuses 2,001 emoji, counted as 2,001 字", async () => {
    const { text } = await conversation(t.url).ask("😀".repeat(2001));
    expect(text).toMatch(/2001 个字.*2000 字以内/s);
  });

  it("answers 2,000 characters that end in an emoji without splitting it", async () => {
    const { status } = await postMessage(t.url, { userId: "long", text: `${"路灯".repeat(999)}好😀` });
    expect(status).toBe(200);
    const [row] = await t.app.store.messages.recent(1);
    expect(String(row!.text)).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
