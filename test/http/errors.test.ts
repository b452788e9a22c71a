// The error model at the HTTP edge: thrown AppErrors and validator refusals become the one JSON error body.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../src/core/errors.ts";
import { createLogger } from "../../src/core/logger.ts";
import { errorHandler, jsonBody, queryParams, refusal } from "../../src/web/errors.ts";

function appWith(logs: string[]) {
  const app = new Hono();
  app.onError(errorHandler(createLogger("debug", (line) => logs.push(line))));
  app.post("/items", jsonBody(z.object({ name: z.string({ error: "需要字符串" }).min(1, "不能为空") })), (c) => c.json({ name: c.req.valid("json").name }));
  app.get("/items", queryParams(z.object({ page: z.coerce.number({ error: "需要数字" }).int().min(1, "从 1 开始").default(1) })), (c) =>
    c.json(c.req.valid("query")),
  );
  app.get("/gone", () => {
    throw refusal(410, "GONE", "已经删除了", "id");
  });
  app.get("/broken", () => {
    throw new AppError("DATABASE_OPEN_FAILED", "cannot open /secret/path.db");
  });
  return app;
}

const post = (app: Hono, body: string) => app.request("/items", { method: "POST", headers: { "content-type": "application/json" }, body });

describe("one error body for every refusal", () => {
  it("passes a valid body to the handler", async () => {
    const res = await post(appWith([]), JSON.stringify({ name: "王" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: "王" });
  });

  it("tells an empty body, broken JSON and a bad field apart, naming the field in Chinese", async () => {
    const app = appWith([]);
    expect(await (await post(app, " ")).json()).toMatchObject({ error: { code: "EMPTY_BODY" } });
    expect(await (await post(app, "{name:")).json()).toEqual({ error: { code: "INVALID_JSON", message: "请求体不是合法的 JSON" } });
    const res = await post(app, JSON.stringify({ name: "" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "INVALID_FIELD", message: "字段 name：不能为空", field: "name" } });
    expect(await (await post(app, "[1]")).json()).toMatchObject({ error: { code: "INVALID_FIELD", field: "(body)" } });
  });

  it("refuses a bad query string the same way", async () => {
    const res = await appWith([]).request("/items?page=0");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "INVALID_FIELD", message: "字段 page：从 1 开始", field: "page" } });
  });

  it("answers a thrown refusal with its own status, code and field", async () => {
    const res = await appWith([]).request("/gone");
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ error: { code: "GONE", message: "已经删除了", field: "id" } });
  });

  it("hides a fault of ours behind a generic message and logs it", async () => {
    const logs: string[] = [];
    const res = await appWith(logs).request("/broken");
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: { code: "INTERNAL", message: "服务器出错了，请稍后再试" } });
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(logs.join("\n")).toContain("/secret/path.db");
  });
});
