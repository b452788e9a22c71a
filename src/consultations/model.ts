// Types and zod schemas of a consultation: its options, audience, answers and the cadre's decision.
import { z } from "zod";

export const StanceSchema = z.enum(["support", "conditional", "oppose", "choice"]);
export type Stance = z.infer<typeof StanceSchema>;

export const OptionSchema = z.object({
  label: z.string().trim().min(1, "选项不能为空").max(30, "每个选项不超过 30 个字"),
  stance: StanceSchema,
});
export type ConsultationOption = z.infer<typeof OptionSchema>;

export const DEFAULT_OPTIONS: readonly ConsultationOption[] = [
  { label: "支持", stance: "support" },
  { label: "反对", stance: "oppose" },
  { label: "有条件支持", stance: "conditional" },
];

export const DecisionSchema = z.enum(["approved", "rejected", "postponed"]);
export type Decision = z.infer<typeof DecisionSchema>;
export const DECISION_LABELS: Record<Decision, string> = { approved: "通过（立项）", rejected: "否决", postponed: "推迟" };

export const VoteMethodSchema = z.enum(["chat", "meeting", "proxy"]);
export type VoteMethod = z.infer<typeof VoteMethodSchema>;
export const METHOD_LABELS: Record<VoteMethod, string> = { chat: "聊天回复", meeting: "会议表决", proxy: "代为表达" };

/** Longer comments are refused with a clear answer rather than cut, so nothing the villager said is lost silently. */
export const MAX_COMMENT_LENGTH = 500;
export const MAX_TITLE_LENGTH = 60;
export const MAX_BACKGROUND_LENGTH = 1000;

export interface Consultation {
  id: number;
  title: string;
  background: string;
  options: ConsultationOption[];
  /** Village names; empty means the whole township. */
  audience: string[];
  deadline: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  decision: Decision | null;
  decisionReason: string | null;
  riskNote: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Open means answers are still accepted: not closed by a cadre and the deadline not reached. */
export function isOpen(consultation: Pick<Consultation, "closedAt" | "deadline">, now: Date): boolean {
  return consultation.closedAt === null && now.getTime() < Date.parse(consultation.deadline);
}

export function consultationNumber(id: number): string {
  return `第${id}号`;
}

export interface VillageInfo {
  name: string;
  aliases: string[];
  households?: number | undefined;
  households_is_example: boolean;
}
