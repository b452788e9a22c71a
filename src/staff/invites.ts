// One-time, expiring invite codes that an admin issues to make someone a cadre or admin: redeemed in chat (the
// chat user gets the role) or on the dashboard's sign-up page (a new login with its own password).
import { createHash, randomInt } from "node:crypto";
import type { Services } from "../core/turn.ts";
import type { GrantedRole, InviteRow, StaffAccountRow } from "../store/index.ts";
import type { RedeemedInvite } from "../store/staff.ts";
import { insertAccountRow, staffIdOf, type NewAccount } from "./accounts.ts";
import { hashPassword } from "./password.ts";
import { atLeast, roleOf, ROLE_LABEL } from "./roles.ts";

// No 0/O, 1/I/L: codes are read aloud and typed on phones.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LENGTH = 10;

type InviteServices = Pick<Services, "config" | "store" | "clock">;

export function normalizeInviteCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, "");
}

export function hashInviteCode(code: string): string {
  return createHash("sha256").update(normalizeInviteCode(code)).digest("hex");
}

export function formatInviteCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Creates a code and returns it in readable form; only its hash is stored. The caller checks the role. */
export async function issueInvite(services: InviteServices, role: GrantedRole, createdBy: string): Promise<{ code: string; expiresAt: Date }> {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  const now = services.clock();
  const expiresAt = new Date(now.getTime() + services.config.INVITE_TTL_HOURS * 3_600_000);
  // The code is handed to the admin as valid: stored (with its audit entry) before it is shown.
  await services.store.sql.transaction(
    async () => {
      await services.store.staff.insertInvite({
        codeHash: hashInviteCode(code),
        role,
        createdBy,
        createdAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      await services.store.audit.write({
        actor: createdBy,
        role: "admin",
        action: "生成邀请码",
        outcome: "allowed",
        detail: `角色 ${role}，有效期至 ${expiresAt.toISOString()}`,
        createdAt: now.toISOString(),
      });
    },
    { durable: true },
  );
  return { code: formatInviteCode(code), expiresAt };
}

type InviteFailure = { ok: false; reason: "unknown" | "expired" | "used" | "malformed"; text: string };
type InviteCheck = { ok: true; invite: InviteRow; hash: string } | InviteFailure;

const USED_TEXT = "这个邀请码已经被使用过了，每个邀请码只能用一次。请向管理员重新要一个。";

async function usableInvite(services: InviteServices, code: string, now: string): Promise<InviteCheck> {
  if (!/^[A-Z0-9]{6,20}$/.test(code)) return { ok: false, reason: "malformed", text: "邀请码格式不对：应为 10 位字母和数字，例如 ABCDE-23456。" };
  const hash = hashInviteCode(code);
  const invite = await services.store.staff.findInvite(hash);
  if (!invite) return { ok: false, reason: "unknown", text: "这个邀请码无效，请核对后再发，或向管理员重新要一个。" };
  if (invite.redeemedAt) return { ok: false, reason: "used", text: USED_TEXT };
  if (invite.expiresAt <= now) return { ok: false, reason: "expired", text: "这个邀请码已经过期了，请向管理员重新要一个。" };
  return { ok: true, invite, hash };
}

/**
 * Claims the code for `by` (inside the caller's transaction): what it grants, or why not. The claim is the
 * repository's conditional UPDATE, so of two people (or instances) redeeming one code at once exactly one gets it;
 * the other is told it was used.
 */
async function claimInvite(services: InviteServices, code: string, by: string, now: string): Promise<{ ok: true; invite: RedeemedInvite } | InviteFailure> {
  const invite = await services.store.staff.markInviteRedeemed(hashInviteCode(code), by, now);
  if (invite) return { ok: true, invite };
  const checked = await usableInvite(services, code, now);
  return checked.ok ? { ok: false, reason: "used", text: USED_TEXT } : checked;
}

/** Thrown to roll back a claimed code when the account can't be made: the code stays usable. */
class UsernameTaken extends Error {}

export type AccountRedeemResult =
  | { ok: true; account: StaffAccountRow }
  | { ok: false; reason: "unknown" | "expired" | "used" | "malformed" | "username_taken"; text: string };

/**
 * Redeems a code for a new dashboard login with the invite's role. The code is spent and the account created in
 * one transaction: a taken username leaves the code usable, and two people racing for one code can't both win.
 */
export async function redeemInviteForAccount(
  services: InviteServices,
  rawCode: string,
  input: Omit<NewAccount, "role">,
  client?: string,
): Promise<AccountRedeemResult> {
  const actor = staffIdOf(input.username);
  const code = normalizeInviteCode(rawCode);
  const from = client ? `，来自 ${client}` : "";
  const fail = async (reason: Exclude<AccountRedeemResult, { ok: true }>["reason"], text: string): Promise<AccountRedeemResult> => {
    await services.store.audit.write({
      actor,
      role: "villager",
      action: "用邀请码开账号",
      outcome: "refused",
      detail: `${reason}${from}`,
      createdAt: services.clock().toISOString(),
    });
    return { ok: false, reason, text };
  };
  const first = await usableInvite(services, code, services.clock().toISOString());
  if (!first.ok) return fail(first.reason, first.text);
  const passwordHash = await hashPassword(input.password);
  const now = services.clock().toISOString();
  let outcome: AccountRedeemResult;
  try {
    outcome = await services.store.sql.transaction(
      async (): Promise<AccountRedeemResult> => {
        const claimed = await claimInvite(services, code, actor, now);
        if (!claimed.ok) return claimed;
        const { invite } = claimed;
        const account = await insertAccountRow(services, { ...input, role: invite.role }, passwordHash, invite.createdBy);
        if (!account) throw new UsernameTaken();
        await services.store.audit.write({
          actor,
          role: account.role,
          action: "用邀请码开账号",
          outcome: "allowed",
          detail: `由 ${invite.createdBy} 发放${from}`,
          createdAt: now,
        });
        return { ok: true, account };
      },
      { durable: true },
    );
  } catch (error) {
    if (!(error instanceof UsernameTaken)) throw error;
    outcome = { ok: false, reason: "username_taken", text: `用户名“${input.username}”已经有人用了，请换一个` };
  }
  return outcome.ok ? outcome : fail(outcome.reason, outcome.text);
}

export type RedeemResult = { ok: true; role: GrantedRole; text: string } | { ok: false; reason: "unknown" | "expired" | "used" | "malformed"; text: string };

/** Redeems a code for a chat user; forged, expired and reused codes change nothing and are audited. */
export async function redeemInvite(services: InviteServices, channel: string, userId: string, rawCode: string): Promise<RedeemResult> {
  const actor = `${channel}:${userId}`;
  const now = services.clock().toISOString();
  const code = normalizeInviteCode(rawCode);
  const fail = async (reason: Exclude<RedeemResult, { ok: true }>["reason"], text: string): Promise<RedeemResult> => {
    await services.store.audit.write({
      actor,
      role: await roleOf(services, channel, userId),
      action: "使用邀请码",
      outcome: "refused",
      detail: reason,
      createdAt: now,
    });
    return { ok: false, reason, text };
  };
  const checked = await usableInvite(services, code, now);
  if (!checked.ok) return fail(checked.reason, checked.text);
  const current = await roleOf(services, channel, userId);
  const granted = await services.store.sql.transaction(
    async () => {
      const claimed = await claimInvite(services, code, actor, now);
      if (!claimed.ok) return claimed;
      const { invite } = claimed;
      // A code never lowers a role someone already has.
      if (!atLeast(current, invite.role)) await services.store.staff.grantRole({ channel, userId, role: invite.role, grantedBy: invite.createdBy, at: now });
      await services.store.audit.write({
        actor,
        role: invite.role,
        action: "使用邀请码",
        outcome: "allowed",
        detail: `由 ${invite.createdBy} 发放`,
        createdAt: now,
      });
      return claimed;
    },
    { durable: true },
  );
  if (!granted.ok) return fail(granted.reason, granted.text);
  const role = atLeast(current, granted.invite.role) ? (current as GrantedRole) : granted.invite.role;
  return { ok: true, role, text: `登记成功，您现在的身份是${ROLE_LABEL[role]}。可以问我“本月收到多少反映？”“还有多少没处理？”，或打开 /admin 管理后台。` };
}
