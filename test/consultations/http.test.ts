// The staff consultation API's answers to bad requests: clear errors, nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app.ts";
import { fixtureSnapshot } from "./fixtures.ts";

const TOKEN = "consultation-http-token-0123456789";
let t: TestApp;
const now = new Date("2026-11-29T04:00:00Z");

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/api/staff/consultations${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await startTestApp({ env: { STAFF_API_TOKEN: TOKEN }, clock: () => now, snapshot: fixtureSnapshot() });
});
afterAll(async () => {
  await t?.close();
});

describe("the consultation API with bad input", () => {
  it("rejects broken JSON, unknown ids and non-numeric ids with a clear message", async () => {
    expect((await api("POST", "", "{not json")).body.error.code).toBe("INVALID_JSON");
    const missing = await api("GET", "/42/results");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/没有第42号征求意见/);
    const bad = await api("GET", "/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("id");
  });

  it("names the field: options, deadline, over-long title", async () => {
    expect((await api("POST", "", { title: "修路", options: ["支持"], deadline: "12月10日" })).body.error).toMatchObject({ field: "options" });
    expect((await api("POST", "", { title: "修路", deadline: "找个时间" })).body.error).toMatchObject({ field: "deadline" });
    expect((await api("POST", "", { title: "路".repeat(61), deadline: "12月10日" })).body.error).toMatchObject({ field: "title" });
    expect((await api("GET", "")).body.consultations).toEqual([]);
  });

  it("stores SQL and HTML in a title verbatim and creates custom options with their stance", async () => {
    const title = "<script>alert(1)</script>'; DROP TABLE consultations;--";
    const created = await api("POST", "", { title, options: "同意建/不同意建/无所谓", audience: "全镇", deadline: "2026-12-10" });
    expect(created.status).toBe(201);
    expect(created.body.consultation.title).toBe(title);
    expect(created.body.consultation.options.map((o: any) => o.stance)).toEqual(["support", "oppose", "choice"]);
    expect((await api("GET", `/${created.body.consultation.id}`)).body.consultation.title).toBe(title);
  });

  it("closes once, then answers 409; refuses meeting votes for villages outside the audience", async () => {
    const { body } = await api("POST", "", { title: "建猪场", audience: ["三家庄"], deadline: "12月10日" });
    const id = body.consultation.id;
    const outside = await api("POST", `/${id}/votes`, { votes: [{ option: 1, village: "白鹿屯", method: "meeting" }] });
    expect(outside.status).toBe(400);
    expect(outside.body.error.field).toBe("votes.0.village");
    const badMethod = await api("POST", `/${id}/votes`, { votes: [{ option: 1, village: "三家庄", method: "telepathy" }] });
    expect(badMethod.body.error.field).toBe("votes.0.method");
    expect((await api("POST", `/${id}/close`)).body.consultation.status).toBe("closed");
    expect((await api("POST", `/${id}/close`)).status).toBe(409);
    expect((await api("GET", `/${id}/results`)).body.results.respondents).toBe(0);
  });
});
