// How reports look to staff: identity only on non-anonymous reports, ages in days. Pure.
import { formatReceipt } from "../../feedback/receipt.ts";
import type { HistoryEntry, Report } from "../../feedback/store.ts";
import { STATE_LABEL, stateGroup } from "../../feedback/states.ts";
import { userLabel } from "../identity.ts";

export function presentReport(report: Report, now: Date, options: { withUnmasked?: boolean } = {}) {
  return {
    id: report.id,
    receipt: formatReceipt(report.id),
    text: report.text,
    category: report.category,
    village: report.village,
    place: report.places,
    state: report.status,
    stateLabel: STATE_LABEL[report.status],
    group: stateGroup(report.status),
    anonymous: report.anonymous,
    // Anonymous means anonymous to staff as well: the channel keeps the route for notifications only.
    // A web chat id is the villager's credential (it is in their cookie): staff see a label for it, never the id.
    reporter: report.anonymous
      ? null
      : { channel: report.channel, userId: report.channel === "web" ? userLabel(report.userId) : report.userId, displayName: report.displayName },
    ...(options.withUnmasked ? { unmaskedText: report.anonymous ? null : report.unmaskedText } : {}),
    meToo: report.meToo,
    timesReported: report.timesReported,
    duplicateOf: report.duplicateOf ? formatReceipt(report.duplicateOf) : null,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    closedAt: report.closedAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(report.createdAt)) / 86_400_000)),
  };
}
export type PresentedReport = ReturnType<typeof presentReport>;

export function presentHistory(entry: HistoryEntry) {
  return {
    from: entry.fromStatus,
    to: entry.toStatus,
    toLabel: STATE_LABEL[entry.toStatus],
    note: entry.note,
    by: entry.actor,
    at: entry.createdAt,
  };
}
