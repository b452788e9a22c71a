// Who may do what: villager (everyone), cadre, admin — from configuration and from redeemed invite codes.
import type { Services } from "../core/turn.ts";

export type Role = "villager" | "cadre" | "admin";

const RANK: Record<Role, number> = { villager: 0, cadre: 1, admin: 2 };

export const ROLE_LABEL: Record<Role, string> = { villager: "村民", cadre: "村镇干部", admin: "管理员" };

export function atLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

function higher(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Looked up on every call (never cached), so a role granted or configured takes effect at once. */
export async function roleOf(services: Pick<Services, "config" | "store">, channel: string, userId: string): Promise<Role> {
  const qualified = `${channel}:${userId}`;
  let role: Role = "villager";
  if (services.config.ADMIN_IDS.includes(qualified)) role = "admin";
  else if (services.config.CADRE_IDS.includes(qualified)) role = "cadre";
  const granted = await services.store.staff.grantedRole(channel, userId);
  return granted ? higher(role, granted) : role;
}

export type RoleCheck = { ok: true; role: Role } | { ok: false; role: Role; reply: string };

/**
 * Checks the caller's role for one staff action. A refusal is written to the audit log (who, what, when)
 * and comes back with a polite Chinese reply that reveals nothing about the data asked for.
 */
export async function requireRole(
  services: Pick<Services, "config" | "store" | "clock">,
  channel: string,
  userId: string,
  minimum: Role,
  action: string,
): Promise<RoleCheck> {
  const role = await roleOf(services, channel, userId);
  if (atLeast(role, minimum)) return { ok: true, role };
  await services.store.audit.write({
    actor: `${channel}:${userId}`,
    role,
    action,
    outcome: "refused",
    detail: `需要${ROLE_LABEL[minimum]}权限`,
    createdAt: services.clock().toISOString(),
  });
  return { ok: false, role, reply: refusalText(role, minimum, action) };
}

export function refusalText(role: Role, minimum: Role, action: string): string {
  if (role === "villager") {
    return `抱歉，“${action}”只对村镇工作人员开放，我不能替您办理。\n如果您是工作人员，请用自己的账号登录管理后台（/admin）；在微信或 Telegram 里也可以向管理员要邀请码，发“邀请码 XXXX”登记身份。有问题要反映，直接告诉我就行。`;
  }
  return `抱歉，“${action}”需要${ROLE_LABEL[minimum]}权限，您目前是${ROLE_LABEL[role]}。如需开通，请联系管理员。`;
}
