// Core settings: where the server listens, where data and the database live.
import { z } from "zod";
import { emptyAsUndefined } from "./env.ts";

export const CoreConfigShape = {
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DB_PATH: z.preprocess(emptyAsUndefined, z.string().default("var/xiangqin.db")),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data")),
  PROMPTS_DIR: z.preprocess(emptyAsUndefined, z.string().default("prompts")),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  KB_WATCH: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).default("on")),
};
