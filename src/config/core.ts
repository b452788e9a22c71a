// Core settings: where the server listens, where data and the database live.
import { z } from "zod";
import { emptyAsUndefined } from "./env.ts";

export const CoreConfigShape = {
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DB_PATH: z.preprocess(emptyAsUndefined, z.string().default("var/xiangqin.db")),
  /**
   * postgres://user:password@host:port/database — the whole app's data in PostgreSQL, shared by several
   * instances; unset: SQLite at DB_PATH. A secret (it carries the password): never logged.
   */
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "应以 postgres:// 开头，例如 postgres://xiangqin:密码@127.0.0.1:5432/xiangqin")
      .optional(),
  ),
  /** Connections one instance keeps to PostgreSQL at most. */
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  /** This instance's name in leases and logs (which one polls Telegram); default: host name and process id. */
  INSTANCE_NAME: z.preprocess(emptyAsUndefined, z.string().min(1).max(100).optional()),
  /**
   * With several instances, Telegram long polling and the WeChat puppet run on one of them, which renews a lease
   * this often… lasting this long: when that instance dies, another takes over within this many seconds.
   */
  LEADER_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().min(1).max(300).default(10)),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data")),
  PROMPTS_DIR: z.preprocess(emptyAsUndefined, z.string().default("prompts")),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  KB_WATCH: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).default("on")),
};
