// Settings for opinion consultations: when support counts as "most villagers", and the smallest cell shown.
import { z } from "zod";
import { emptyAsUndefined } from "./env.ts";

export const ConsultationsConfigShape = {
  /**
   * The seed's rule "绝大多数群众不支持的项目不立项": when supporters are fewer than this share of the
   * audience's households, results carry a warning against approving.
   */
  CONSULTATION_SUPPORT_THRESHOLD: z.preprocess(emptyAsUndefined, z.coerce.number().gt(0).max(1).default(0.5)),
  /** A breakdown cell (a village, an option within a village, a comment theme) with fewer people is hidden. */
  CONSULTATION_MIN_CELL: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(100).default(5)),
  /** How often the reminder timer looks for consultations closing within a day (minutes). */
  CONSULTATION_REMINDER_MINUTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
  ),
};
