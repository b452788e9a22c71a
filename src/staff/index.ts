// Public entry of staff: who the township's staff are and what they may do — accounts, roles, invite codes, passwords.
export { roleOf, requireRole, atLeast, refusalText, ROLE_LABEL, type Role, type RoleCheck } from "./roles.ts";
export { issueInvite, redeemInvite, type RedeemResult } from "./invites.ts";
export { hashPassword, verifyPassword } from "./password.ts";
