// Public entry of staff functions: roles, invites, villagers' profiles, report states and categories.
export { roleOf, requireRole, atLeast, refusalText, ROLE_LABEL, type Role, type RoleCheck } from "./roles.ts";
export { issueInvite, redeemInvite, type RedeemResult } from "./invites.ts";
export { villageOf, setVillage, findVillage, villageAsked, markVillageSkipped } from "./profile.ts";
export { FeedbackStateSchema, STATE_LABEL, OPEN_STATES, CLOSED_STATES, isOpen, stateGroup, parseState, type FeedbackState } from "./states.ts";
export { loadCategories, classifyCategory, findCategoryName, extractPlaces, samePlace, FeedbackCategoriesFileSchema, parseCategories } from "./categories.ts";
export { hashPassword, verifyPassword } from "./password.ts";
