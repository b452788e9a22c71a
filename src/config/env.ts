// Helpers for reading environment variables with zod: "" means unset.
import { z } from "zod";

export const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
export const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
/** "on"/"off", "true"/"false", "1"/"0". */
export const flag = (fallback: boolean) =>
  z
    .preprocess(emptyAsUndefined, z.enum(["on", "off", "true", "false", "1", "0", "yes", "no"]).default(fallback ? "on" : "off"))
    .transform((v) => ["on", "true", "1", "yes"].includes(v));
