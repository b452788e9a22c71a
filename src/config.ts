// Typed configuration, built once at start-up from the environment; nothing else reads process.env.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

export const ConfigSchema = z.object({
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DB_PATH: z.preprocess(emptyAsUndefined, z.string().default("var/xiangqin.db")),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("data")),
  PROMPTS_DIR: z.preprocess(emptyAsUndefined, z.string().default("prompts")),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  KB_WATCH: z.preprocess(emptyAsUndefined, z.enum(["on", "off"]).default("on")),
  STAFF_API_TOKEN: optionalString,
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}（当前值：${JSON.stringify(env[String(issue.path[0])] ?? null)}）`),
    );
  }
  return parsed.data;
}

/** Resolves DB_PATH and creates its folder, so a fresh clone starts without setup. */
export function prepareDatabasePath(config: Config): string {
  if (config.DB_PATH === ":memory:") return config.DB_PATH;
  const path = resolve(config.DB_PATH);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
