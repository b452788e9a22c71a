// Typed configuration, built once at start-up from the environment; nothing else reads process.env.
import { hostname } from "node:os";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { CoreConfigShape } from "./core.ts";
import { StaffConfigShape } from "./staff.ts";
import { ChannelsConfigShape, checkChannelSettings } from "./channels.ts";
import { LlmConfigShape } from "./llm.ts";
import { EligibilityConfigShape } from "./eligibility.ts";
import { ConsultationsConfigShape } from "./consultations.ts";
import { WebConfigShape } from "./web.ts";
import { AppError } from "../core/errors.ts";

export const ConfigSchema = z
  .object({
    ...CoreConfigShape,
    ...StaffConfigShape,
    ...ChannelsConfigShape,
    ...LlmConfigShape,
    ...EligibilityConfigShape,
    ...ConsultationsConfigShape,
    ...WebConfigShape,
  })
  .superRefine(checkChannelSettings);

export type Config = z.infer<typeof ConfigSchema>;

/** Names of settings whose values must never appear in replies or logs (DATABASE_URL carries a password). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(
  Object.keys(ConfigSchema.shape).filter((key) => /TOKEN|SECRET|PASSWORD|KEY/.test(key) || key === "DATABASE_URL"),
);

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super("CONFIG_INVALID", `配置有误：\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]);
        const shown = SECRET_KEYS.has(key) ? "（已隐藏）" : `（当前值：${JSON.stringify(env[key] ?? null)}）`;
        return `${issue.path.join(".")}: ${issue.message}${shown}`;
      }),
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

/** This instance's name in leases and logs: INSTANCE_NAME, or the host name and process id. */
export function instanceName(config: Pick<Config, "INSTANCE_NAME">): string {
  return config.INSTANCE_NAME ?? `${hostname()}-${process.pid}`;
}
