// Reading a staff message: which staff function it asks for and its arguments. Pure.
import { parseState, type FeedbackState } from "../../feedback/states.ts";

export type StaffCommand =
  | { kind: "redeem"; code: string }
  | { kind: "invite"; role: "cadre" | "admin" }
  | { kind: "state"; id: number; state: FeedbackState | undefined; stateWord: string; note: string }
  | { kind: "not_report"; id: number; note: string }
  | { kind: "consultation" }
  | { kind: "unanswered" }
  | { kind: "stats" };

const REDEEM = /^(?:我的|使用|用)?\s*(?:邀请码|邀請碼)\s*[:：是]?\s*([A-Za-z0-9][A-Za-z0-9\s-]{3,30})$/;
const INVITE = /(?:生成|创建|发|來|来|给我)[^，。]{0,8}(?:邀请码|邀請碼)/;
const STATE =
  /^(?:请)?(?:把|将)?\s*(?:FK\s*0*(\d{1,9})|第?\s*(\d{1,9})\s*号反映)\s*(?:的状态)?\s*(?:改成|改为|改到|设为|设成|标记为|标成|转为|状态改为|状态改成)\s*[“"「]?([^\s，,。；;“”"」]+)[”"」]?\s*[，,。；;]?\s*(?:(?:备注|说明|原因|理由)\s*[:：]?\s*)?([\s\S]*)$/i;

/** "FK000003 不是反映 备注 是问政策": a misfiled question leaves the counts. */
const NOT_REPORT_WORDS = /^(?:不是反映|不算反映|不是反映问题|不算数|误登记|登记错了|不是投诉)$/;
const NOT_REPORT =
  /^(?:请)?(?:把|将)?\s*FK\s*0*(\d{1,9})\s*(?:标为|标成|算作|改成|改为)?\s*(?:不是反映问题|不是反映|不算反映|误登记|登记错了|不是投诉)\s*[，,。；;]?\s*(?:(?:备注|说明|原因|理由)\s*[:：]?\s*)?([\s\S]*)$/i;

/** Commands with a fixed shape, recognised whatever the classifier says. */
export function parseStrictCommand(text: string): StaffCommand | undefined {
  const trimmed = text.normalize("NFKC").trim();
  const redeem = REDEEM.exec(trimmed);
  if (redeem && !/生成/.test(trimmed)) return { kind: "redeem", code: redeem[1]!.trim() };
  if (INVITE.test(trimmed)) return { kind: "invite", role: /管理员|admin/i.test(trimmed) ? "admin" : "cadre" };
  const notReport = NOT_REPORT.exec(trimmed);
  if (notReport) return { kind: "not_report", id: Number(notReport[1]), note: (notReport[2] ?? "").trim() };
  const state = STATE.exec(trimmed);
  if (state && NOT_REPORT_WORDS.test(state[3]!)) return { kind: "not_report", id: Number(state[1] ?? state[2]), note: (state[4] ?? "").trim() };
  if (state) {
    const word = state[3]!;
    return { kind: "state", id: Number(state[1] ?? state[2]), state: parseState(word), stateWord: word, note: (state[4] ?? "").trim() };
  }
  return undefined;
}

export function parseStaffCommand(text: string): StaffCommand {
  const strict = parseStrictCommand(text);
  if (strict) return strict;
  if (/征求意见|徵求意見/.test(text)) return { kind: "consultation" };
  if (/答不上|没答上|沒答上|答不出|缺哪些|知识库缺|没回答|未回答/.test(text)) return { kind: "unanswered" };
  return { kind: "stats" };
}
