// Report states, after FixMyStreet's well-tried set: open, closed (four reasons), fixed. Pure.
import { z } from "zod";

export const FeedbackStateSchema = z.enum([
  "confirmed",
  "investigating",
  "in_progress",
  "planned",
  "unable_to_fix",
  "not_responsible",
  "duplicate",
  "referred",
  "fixed",
]);
export type FeedbackState = z.infer<typeof FeedbackStateSchema>;

export const OPEN_STATES: readonly FeedbackState[] = ["confirmed", "investigating", "in_progress", "planned"];
export const CLOSED_STATES: readonly FeedbackState[] = ["unable_to_fix", "not_responsible", "duplicate", "referred"];

export const STATE_LABEL: Record<FeedbackState, string> = {
  confirmed: "已受理",
  investigating: "调查核实中",
  in_progress: "处理中",
  planned: "已列入计划",
  unable_to_fix: "无法解决",
  not_responsible: "不属本级职责",
  duplicate: "重复反映",
  referred: "已转交相关部门",
  fixed: "已解决",
};

export function isOpen(state: FeedbackState): boolean {
  return OPEN_STATES.includes(state);
}

export type StateGroup = "open" | "closed" | "fixed";
export function stateGroup(state: FeedbackState): StateGroup {
  if (state === "fixed") return "fixed";
  return isOpen(state) ? "open" : "closed";
}

// Words a cadre may type for each state; longest first so 无法解决 is not read as 解决.
const STATE_WORDS: Array<[string, FeedbackState]> = (
  [
    ["不属本级职责", "not_responsible"],
    ["不归我们管", "not_responsible"],
    ["不属于职责", "not_responsible"],
    ["不负责", "not_responsible"],
    ["已转交相关部门", "referred"],
    ["已转交", "referred"],
    ["转交", "referred"],
    ["调查核实中", "investigating"],
    ["调查中", "investigating"],
    ["核实中", "investigating"],
    ["调查", "investigating"],
    ["核实", "investigating"],
    ["已列入计划", "planned"],
    ["列入计划", "planned"],
    ["已计划", "planned"],
    ["计划", "planned"],
    ["正在处理", "in_progress"],
    ["处理中", "in_progress"],
    ["维修中", "in_progress"],
    ["无法解决", "unable_to_fix"],
    ["无法修复", "unable_to_fix"],
    ["无法处理", "unable_to_fix"],
    ["修不了", "unable_to_fix"],
    ["重复反映", "duplicate"],
    ["重复", "duplicate"],
    ["已受理", "confirmed"],
    ["受理", "confirmed"],
    ["已解决", "fixed"],
    ["已办结", "fixed"],
    ["办结", "fixed"],
    ["已处理", "fixed"],
    ["已修好", "fixed"],
    ["已完成", "fixed"],
    ["解决", "fixed"],
    ["修好", "fixed"],
    ["完成", "fixed"],
  ] as Array<[string, FeedbackState]>
).sort((a, b) => b[0].length - a[0].length);

/** Reads a state from a code (in_progress) or Chinese words (处理中). */
export function parseState(text: string): FeedbackState | undefined {
  const trimmed = text.trim();
  const code = FeedbackStateSchema.safeParse(trimmed.toLowerCase());
  if (code.success) return code.data;
  for (const [word, state] of STATE_WORDS) if (trimmed.startsWith(word)) return state;
  for (const [word, state] of STATE_WORDS) if (trimmed.includes(word)) return state;
  return undefined;
}
