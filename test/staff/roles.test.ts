import { afterEach, describe, expect, it } from "vitest";
import { requireRole, roleOf } from "../../src/staff/roles.ts";
import { issueInvite, redeemInvite } from "../../src/staff/invites.ts";
import { staffFixture } from "./fixtures.ts";

let fixture: ReturnType<typeof staffFixture>;
afterEach(() => fixture?.close());

describe("roles", async () => {
  it("gives configured ids their role, qualified by channel", async () => {
    fixture = staffFixture({ ADMIN_IDS: "telegram:123, wechat:wxid_abc", CADRE_IDS: "web:c1" });
    const s = fixture.services;
    expect(await roleOf(s, "telegram", "123")).toBe("admin");
    expect(await roleOf(s, "wechat", "wxid_abc")).toBe("admin");
    expect(await roleOf(s, "web", "c1")).toBe("cadre");
    // The same id on another channel is someone else.
    expect(await roleOf(s, "web", "123")).toBe("villager");
  });

  it("refuses a villager politely and writes who, what and when to the audit log", async () => {
    fixture = staffFixture();
    const check = await requireRole(fixture.services, "web", "v1", "cadre", "查看反映统计");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reply).toMatch(/抱歉.*查看反映统计.*工作人员/s);
    const [entry] = await fixture.store.audit.list();
    expect(entry).toMatchObject({ actor: "web:v1", role: "villager", action: "查看反映统计", outcome: "refused", createdAt: "2026-11-20T08:00:00.000Z" });
  });

  it("lets a cadre through cadre actions but not admin ones", async () => {
    fixture = staffFixture({ CADRE_IDS: "web:c1" });
    expect((await requireRole(fixture.services, "web", "c1", "cadre", "查看")).ok).toBe(true);
    const admin = await requireRole(fixture.services, "web", "c1", "admin", "生成邀请码");
    expect(admin.ok).toBe(false);
    if (!admin.ok) expect(admin.reply).toMatch(/需要管理员权限/);
  });
});

describe("invite codes", async () => {
  it("makes the redeemer a cadre once; a second use, a forged code and an expired code change nothing", async () => {
    fixture = staffFixture({ ADMIN_IDS: "web:boss", INVITE_TTL_HOURS: "24" });
    const s = fixture.services;
    const { code } = await issueInvite(s, "cadre", "web:boss");
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    const first = await redeemInvite(s, "web", "c2", code.toLowerCase());
    expect(first.ok).toBe(true);
    expect(await roleOf(s, "web", "c2")).toBe("cadre");

    const again = await redeemInvite(s, "web", "v9", code);
    expect(again).toMatchObject({ ok: false, reason: "used" });
    expect(await roleOf(s, "web", "v9")).toBe("villager");

    const forged = await redeemInvite(s, "web", "v9", "ABCDE-23456");
    expect(forged).toMatchObject({ ok: false, reason: "unknown" });
    expect(await roleOf(s, "web", "v9")).toBe("villager");

    const late = await issueInvite(s, "admin", "web:boss");
    fixture.advance(25 * 3_600_000);
    expect(await redeemInvite(s, "web", "v9", late.code)).toMatchObject({ ok: false, reason: "expired" });
    expect(await roleOf(s, "web", "v9")).toBe("villager");

    const refused = (await s.store.audit.list()).filter((e) => e.outcome === "refused").map((e) => e.detail);
    expect(refused.sort()).toEqual(["expired", "unknown", "used"]);
  });

  it("stores only a hash of the code", async () => {
    fixture = staffFixture();
    const { code } = await issueInvite(fixture.services, "cadre", "web:boss");
    const stored = fixture.store.db.prepare("SELECT code_hash FROM invite_codes").pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(code.replace("-", ""));
  });
});
