// Per-person staff logins: each cadre and admin has a username and an scrypt-hashed password, created by an admin
// or by redeeming an invite code, changeable by its owner, revocable by an admin. Every change is audited by name.
import { z } from "zod";
import type { Services } from "../core/turn.ts";
import { USERNAME_PATTERN } from "../config/staff.ts";
import type { GrantedRole, StaffAccountRow } from "../store/index.ts";
import { accountKey, addressKey, attemptSucceeded, reserveAttempt } from "./login-throttle.ts";
import { hashPassword, hashPasswordSync, verifyPassword } from "./password.ts";
import { ROLE_LABEL, type Role } from "./roles.ts";

type AccountServices = Pick<Services, "config" | "store" | "clock">;

/** Who acts, as written to the audit log: "staff:<username>" or "api-token". */
export interface Actor {
  id: string;
  role: Role;
}

export function normalizeUsername(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase();
}

export function staffIdOf(username: string): string {
  return `staff:${username}`;
}

export const UsernameSchema = z
  .string({ error: "需要用户名" })
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_PATTERN, "用户名 2–32 个字符：字母、数字、汉字或 . _ -"));
export const NewPasswordSchema = z.string({ error: "需要密码" }).min(8, "密码至少 8 个字符").max(200, "密码不能超过 200 个字符");
export const DisplayNameSchema = z.string().trim().max(40, "姓名不能超过 40 个字符").default("");
export const StaffRoleSchema = z.enum(["cadre", "admin"], { error: "只能是 cadre（村镇干部）或 admin（管理员）" });

export const NewAccountSchema = z.object({
  username: UsernameSchema,
  displayName: DisplayNameSchema,
  password: NewPasswordSchema,
  role: StaffRoleSchema.default("cadre"),
});
export type NewAccount = z.infer<typeof NewAccountSchema>;

async function audit(
  services: AccountServices,
  actor: Actor | { id: string; role: string },
  action: string,
  outcome: "allowed" | "refused",
  detail: string,
): Promise<void> {
  await services.store.audit.write({ actor: actor.id, role: actor.role, action, outcome, detail, createdAt: services.clock().toISOString() });
}

export type CreateResult = { ok: true; account: StaffAccountRow } | { ok: false; code: "USERNAME_TAKEN"; message: string };

/** Creates an account. The caller has checked that `by` may (an admin, or a valid invite). */
export async function createAccount(services: AccountServices, input: NewAccount, by: Actor): Promise<CreateResult> {
  const passwordHash = await hashPassword(input.password);
  const created = await insertAccountRow(services, input, passwordHash, by.id);
  if (!created) {
    await audit(services, by, "创建账号", "refused", `用户名 ${input.username} 已被占用`);
    return { ok: false, code: "USERNAME_TAKEN", message: `用户名“${input.username}”已经有人用了，请换一个` };
  }
  await audit(services, by, "创建账号", "allowed", `${staffIdOf(created.username)}（${ROLE_LABEL[created.role]}）`);
  return { ok: true, account: created };
}

/** Inserts the row (inside the caller's transaction, if any); undefined when the username is taken. */
export async function insertAccountRow(
  services: AccountServices,
  input: Omit<NewAccount, "password">,
  passwordHash: string,
  createdBy: string,
): Promise<StaffAccountRow | undefined> {
  const id = await services.store.staff.insertAccount({
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    createdBy,
    createdAt: services.clock().toISOString(),
  });
  return id === undefined ? undefined : await services.store.staff.findAccountById(id);
}

// Unknown usernames are checked against this, so the answer takes as long as for a real account.
let dummyHash: Promise<string> | undefined;

export type LoginResult = { ok: true; account: StaffAccountRow } | { ok: false; reason: "wrong" } | { ok: false; reason: "locked"; retryAfterMs: number };

/**
 * Checks a username and password. The attempt is charged to the account and to the client address before the
 * slow hash runs; a locked account is refused without looking at the password, even the right one.
 */
export async function authenticate(services: AccountServices, rawUsername: string, password: string, client: string | undefined): Promise<LoginResult> {
  const staff = services.store.staff;
  const username = normalizeUsername(rawUsername).slice(0, 64);
  const account = accountKey(username);
  const address = client ? addressKey(client) : undefined;
  const from = client ? `，来自 ${client}` : "";
  const reserved = await reserveAttempt(staff, address ? [account, address] : [account], services.clock());
  if (!reserved.ok) {
    await audit(services, { id: `login:${username}`, role: "villager" }, "后台登录", "refused", `尝试过多，锁定中（${reserved.lockedKey}）${from}`);
    return { ok: false, reason: "locked", retryAfterMs: reserved.retryAfterMs };
  }
  const row = await staff.findAccount(username);
  const usable = row && !row.revokedAt ? row : undefined;
  dummyHash ??= hashPassword("no such account");
  const matches = await verifyPassword(password, usable?.passwordHash ?? (await dummyHash));
  if (!usable || !matches) {
    await audit(services, { id: `login:${username}`, role: "villager" }, "后台登录", "refused", `${row?.revokedAt ? "账号已停用" : "用户名或密码错误"}${from}`);
    return { ok: false, reason: "wrong" };
  }
  await attemptSucceeded(staff, account, address, services.clock());
  await audit(services, { id: staffIdOf(usable.username), role: usable.role }, "后台登录", "allowed", from.replace(/^，/, ""));
  return { ok: true, account: usable };
}

export type PasswordChangeResult = { ok: true } | { ok: false; reason: "wrong" | "locked"; message: string };

/** The owner changes their password; the old one is checked (and throttled) like a login. Other sessions end. */
export async function changeOwnPassword(
  services: AccountServices,
  accountId: number,
  input: { oldPassword: string; newPassword: string },
  client: string | undefined,
  currentSessionHash: string | undefined,
): Promise<PasswordChangeResult> {
  const row = await services.store.staff.findAccountById(accountId);
  if (!row || row.revokedAt) return { ok: false, reason: "wrong", message: "账号已停用" };
  const checked = await authenticate(services, row.username, input.oldPassword, client);
  if (!checked.ok) {
    return checked.reason === "locked"
      ? { ok: false, reason: "locked", message: `尝试次数太多，请 ${Math.ceil(checked.retryAfterMs / 1000)} 秒后再试` }
      : { ok: false, reason: "wrong", message: "原密码不正确" };
  }
  const hash = await hashPassword(input.newPassword);
  // The new hash, the other sessions ended and the audit entry: one change, acknowledged to its owner.
  await services.store.sql.transaction(
    async () => {
      await services.store.staff.updatePasswordHash(row.id, hash, services.clock().toISOString());
      const ended = await services.store.staff.deleteAccountSessions(row.id, currentSessionHash);
      await audit(services, { id: staffIdOf(row.username), role: row.role }, "修改密码", "allowed", ended ? `其他 ${ended} 个登录已退出` : "");
    },
    { durable: true },
  );
  return { ok: true };
}

export type AccountChangeResult = { ok: true; account: StaffAccountRow } | { ok: false; code: "NOT_FOUND" | "ALREADY_REVOKED" | "LAST_ADMIN"; message: string };

/** An admin sets a new password for someone who forgot theirs; that account's sessions end. */
export async function resetPassword(services: AccountServices, rawUsername: string, newPassword: string, by: Actor): Promise<AccountChangeResult> {
  const row = await services.store.staff.findAccount(normalizeUsername(rawUsername));
  if (!row) return { ok: false, code: "NOT_FOUND", message: `没有用户名为“${normalizeUsername(rawUsername)}”的账号` };
  if (row.revokedAt) return { ok: false, code: "ALREADY_REVOKED", message: "这个账号已经停用" };
  const hash = await hashPassword(newPassword);
  await services.store.sql.transaction(
    async () => {
      await services.store.staff.updatePasswordHash(row.id, hash, services.clock().toISOString());
      await services.store.staff.deleteAccountSessions(row.id);
      await audit(services, by, "重设密码", "allowed", staffIdOf(row.username));
    },
    { durable: true },
  );
  return { ok: true, account: row };
}

/** Revokes an account: its sessions stop working on their next request. The last admin can't be revoked. */
export async function revokeStaffAccount(services: AccountServices, rawUsername: string, by: Actor): Promise<AccountChangeResult> {
  const staff = services.store.staff;
  const row = await staff.findAccount(normalizeUsername(rawUsername));
  if (!row) return { ok: false, code: "NOT_FOUND", message: `没有用户名为“${normalizeUsername(rawUsername)}”的账号` };
  if (row.revokedAt) return { ok: false, code: "ALREADY_REVOKED", message: "这个账号已经停用" };
  // The last-admin check and the revocation are one step in the repository, and the audit entry commits with them.
  const outcome = await services.store.sql.transaction(
    async () => {
      const revoked = await staff.revokeAccount(row.id, by.id, services.clock().toISOString());
      if (revoked === "last_admin") await audit(services, by, "停用账号", "refused", `${staffIdOf(row.username)}：最后一个管理员`);
      if (revoked === "revoked") await audit(services, by, "停用账号", "allowed", staffIdOf(row.username));
      return revoked;
    },
    { durable: true },
  );
  if (outcome === "already_revoked") return { ok: false, code: "ALREADY_REVOKED", message: "这个账号已经停用" };
  if (outcome === "last_admin") return { ok: false, code: "LAST_ADMIN", message: "这是最后一个管理员账号，不能停用；请先创建另一个管理员" };
  return { ok: true, account: { ...row, revokedBy: by.id, revokedAt: services.clock().toISOString() } };
}

/**
 * Deployments from before per-person accounts had one ADMIN_PASSWORD(_HASH): while no admin account exists,
 * that password becomes the account ADMIN_USERNAME ("admin"). Afterwards the env value is no longer read.
 */
export async function bootstrapFirstAdmin(services: AccountServices): Promise<StaffAccountRow | undefined> {
  const { config } = services;
  const staff = services.store.staff;
  if (!config.ADMIN_PASSWORD_HASH && !config.ADMIN_PASSWORD) return undefined;
  if ((await staff.countActiveAdmins()) > 0) return undefined;
  const existing = await staff.findAccount(config.ADMIN_USERNAME);
  if (existing) return undefined; // revoked on purpose; don't bring it back behind the admins' backs
  const passwordHash = config.ADMIN_PASSWORD_HASH ?? hashPasswordSync(config.ADMIN_PASSWORD!);
  const source = config.ADMIN_PASSWORD_HASH ? "ADMIN_PASSWORD_HASH" : "ADMIN_PASSWORD";
  // Several instances starting at once: the unique username lets one of them create the account.
  const created = await insertAccountRow(services, { username: config.ADMIN_USERNAME, displayName: "管理员", role: "admin" }, passwordHash, `config:${source}`);
  if (created)
    await audit(services, { id: `config:${source}`, role: "admin" }, "创建账号", "allowed", `${staffIdOf(created.username)}（管理员，由 ${source} 引导）`);
  return created;
}

export async function hasAccounts(services: AccountServices): Promise<boolean> {
  return (await services.store.staff.countAccounts()) > 0;
}

export type { GrantedRole, StaffAccountRow };
