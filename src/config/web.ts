// Settings for the web chat and its JSON API: identity cookie, integration token, fair load, timeouts.
// (TRUST_PROXY, shared with the dashboard's login throttle, is in staff.ts.)
import { z } from "zod";
import { emptyAsUndefined } from "./env.ts";

const count = (fallback: number, max: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(max).default(fallback));

export const WebConfigShape = {
  /** Signs the web chat's identity cookie; unset: a random key is generated once and kept in the database. */
  CHAT_COOKIE_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "至少 32 个字符，请用随机生成的长字符串（例如 openssl rand -hex 32）").optional()),
  /** With `Authorization: Bearer <token>`, a `userId` in the body names the user (integrations, load tests); unset: off. */
  CHAT_API_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, "至少 16 个字符，请用随机生成的长字符串").optional()),
  /** Messages one web chat user may send per minute on average (token bucket); 0 turns the limit off. */
  CHAT_RATE_PER_MINUTE: count(20, 100_000),
  /** How many messages one user may send in a quick burst before the per-minute rate applies. */
  CHAT_RATE_BURST: count(10, 100_000),
  /** A whole request (headers and body) must arrive within this time, or the connection is closed. */
  HTTP_REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(500).max(120_000).default(20_000)),
};
