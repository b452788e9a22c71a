// Staff actions on reports shared by chat, the HTTP API and the dashboard: change a state (with note, history,
// notification), mark a message "not a report".
import { quickReply } from "../core/payload.ts";
import type { Services } from "../core/turn.ts";
import { formatReceipt } from "./receipt.ts";
import type { Report, ReportStore } from "./store.ts";
import { STATE_LABEL, stateGroup, type FeedbackState } from "./states.ts";

export const MAX_NOTE_LENGTH = 500;

export type StateChangeResult =
  | { ok: true; report: Report; from: FeedbackState; notified: number }
  | { ok: false; code: "NOT_FOUND" | "NOTE_REQUIRED" | "NOTE_TOO_LONG" | "UNCHANGED" | "BAD_DUPLICATE"; message: string };

/** The text a villager gets when their report changes state. Pure. */
export function stateChangeNotice(id: number, to: FeedbackState, note: string): string {
  const receipt = formatReceipt(id);
  const lines = [`您反映的问题（回执号 ${receipt}）有新进展：${STATE_LABEL[to]}。`];
  if (note) lines.push(`说明：${note}`);
  if (stateGroup(to) !== "open") lines.push(`如果问题其实还没解决，回复“${receipt} 还没修好”，我们会重新处理。`);
  return lines.join("\n");
}

export type NotReportResult = { ok: true } | { ok: false; code: "NOT_FOUND" | "NOTE_REQUIRED" | "NOTE_TOO_LONG"; message: string };

export interface FeedbackServiceDeps {
  services: Pick<Services, "store" | "clock" | "notifier">;
  reports: ReportStore;
}

/** Built once by the app; the caller of each action has checked the role. */
export class FeedbackService {
  constructor(private readonly deps: FeedbackServiceDeps) {}

  /**
   * Changes a report's state. The caller has checked the role. History, audit and the villagers'
   * notifications are written in one transaction, so a change is never recorded without its notice.
   */
  async changeState(input: {
    id: number;
    to: FeedbackState;
    note: string;
    actor: string;
    actorRole: string;
    duplicateOf?: number | undefined;
  }): Promise<StateChangeResult> {
    const { services, reports } = this.deps;
    const note = input.note.trim();
    if (!note) return { ok: false, code: "NOTE_REQUIRED", message: "每次改状态都要写备注，说明做了什么或为什么" };
    if (note.length > MAX_NOTE_LENGTH) return { ok: false, code: "NOTE_TOO_LONG", message: `备注最多 ${MAX_NOTE_LENGTH} 字，现在有 ${note.length} 字` };
    return services.store.sql.transaction(
      async (): Promise<StateChangeResult> => {
        // Locked (PostgreSQL) until the end: staff on another instance changing the same report wait, then see this
        // change, so two changes never both start from the same state.
        const before = await reports.get(input.id, { forUpdate: true });
        if (!before) return { ok: false, code: "NOT_FOUND", message: `没有回执号为 ${formatReceipt(input.id)} 的反映` };
        if (before.status === input.to) return { ok: false, code: "UNCHANGED", message: `${formatReceipt(input.id)} 已经是“${STATE_LABEL[input.to]}”了` };
        const badDuplicate = input.duplicateOf !== undefined && (input.duplicateOf === input.id || !(await reports.get(input.duplicateOf)));
        if (input.to === "duplicate" && badDuplicate) return { ok: false, code: "BAD_DUPLICATE", message: "标为重复时，重复的对象要是另一条存在的反映" };
        const at = services.clock().toISOString();
        const changed = (await reports.changeState(input.id, input.to, note, input.actor, at, input.duplicateOf))!;
        await services.store.audit.write({
          actor: input.actor,
          role: input.actorRole,
          action: "修改反映状态",
          outcome: "allowed",
          detail: `${formatReceipt(input.id)}: ${changed.from} → ${input.to}`,
          createdAt: at,
        });
        const text = stateChangeNotice(input.id, input.to, note);
        let notified = 0;
        for (const follower of await reports.followers(input.id)) {
          const queued = await services.notifier.notify({
            channel: follower.channel,
            userId: follower.userId,
            chatId: follower.chatId,
            text,
            quickReplies: stateGroup(input.to) === "open" ? [] : [quickReply("还没修好", `${formatReceipt(input.id)} 还没修好`)],
            dedupeKey: `feedback:${input.id}:h${changed.historyId}:${follower.channel}:${follower.userId}`,
          });
          if (queued) notified++;
        }
        return { ok: true, report: (await reports.get(input.id))!, from: changed.from, notified };
      },
      { durable: true },
    );
  }

  /**
   * Marks a misfiled message "not a report": it leaves the committee's counts. The caller has checked the
   * role; the audit names who did it. The villager is not notified: nothing about their question changed.
   */
  async markNotReport(input: { id: number; note: string; actor: string; actorRole: string }): Promise<NotReportResult> {
    const { services, reports } = this.deps;
    const note = input.note.trim();
    if (!note) return { ok: false, code: "NOTE_REQUIRED", message: "请写明为什么不算反映，例如“是问政策，不是反映问题”" };
    if (note.length > MAX_NOTE_LENGTH) return { ok: false, code: "NOTE_TOO_LONG", message: `备注最多 ${MAX_NOTE_LENGTH} 字，现在有 ${note.length} 字` };
    const at = services.clock().toISOString();
    return services.store.sql.transaction(
      async (): Promise<NotReportResult> => {
        if (!(await reports.markNotReport(input.id, { by: input.actor, note, at }))) {
          return { ok: false, code: "NOT_FOUND", message: `没有回执号为 ${formatReceipt(input.id)} 的反映` };
        }
        await services.store.audit.write({
          actor: input.actor,
          role: input.actorRole,
          action: "标为不是反映",
          outcome: "allowed",
          detail: `${formatReceipt(input.id)}: ${note}`,
          createdAt: at,
        });
        return { ok: true };
      },
      { durable: true },
    );
  }
}
