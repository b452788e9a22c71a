// The consultation lifecycle shared by chat and the HTTP API: publish and push, close, results, decision, reminders.
import type { Services } from "../core/turn.ts";
import type { QuickReply } from "../core/message.ts";
import { quickReply } from "../core/payload.ts";
import { maskPersonalData } from "../core/privacy.ts";
import { offerDialogue } from "../core/dialogue.ts";
import { formatChinaTime } from "./dates.ts";
import { consultationNumber, DECISION_LABELS, isOpen, type Consultation, type Decision, type VillageInfo } from "./model.ts";
import { computeResults, formatOutcomeForVillagers, type ConsultationResults, type ResultSettings } from "./results.ts";
import { ConsultationStore, type RecordedVote } from "./store.ts";
import type { ConsultationDraft } from "./parse.ts";
import type { WordCutter } from "./themes.ts";
import type { KnowledgeBase } from "../knowledge/knowledge-base.ts";
import { foldText } from "../text/fold.ts";

/** The one reminder goes to villagers who haven't answered when the deadline is less than a day away. */
export const REMINDER_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A villager's chat remembers the consultation it was last asked about, so a bare "2" can answer it. */
/** "1" right after a consultation was put to a chat answers it, until another dialogue starts there. */
export const PROMPT_DIALOGUE = "consultation-prompt";
/** Longer than any consultation runs, so a late "支持" is told the deadline has passed rather than misread. */
export const PROMPT_TTL_MS = 90 * 24 * 3_600_000;

export interface ConsultationDeps {
  services: Pick<Services, "config" | "store" | "notifier" | "clock" | "logger">;
  /** The township's villages from data/villages.yaml (read per call: the data may be reloaded). */
  villages: () => readonly VillageInfo[];
  /** Cuts a comment into content words (the knowledge base's jieba segmenter), to cluster unthemed comments. */
  words?: WordCutter;
}

/** Content words of a comment, cut the way the knowledge base cuts questions. */
export function commentWords(kb: Pick<KnowledgeBase, "segmenter" | "rewrite">, text: string): string[] {
  return kb.segmenter.words(kb.rewrite(foldText(text)));
}

/** One button per option; tapping it votes, whatever the classifier would make of the label. */
export function optionQuickReplies(consultation: Consultation): QuickReply[] {
  return consultation.options.map((option, i) => quickReply(`${i + 1}. ${option.label}`, { kind: "vote", consultationId: consultation.id, option: i + 1 }));
}

export function announcementText(consultation: Consultation, forGroup: boolean): string {
  const lines = [`【征求意见】${consultationNumber(consultation.id)}：${consultation.title}`];
  if (consultation.background) lines.push(`背景：${consultation.background}`);
  lines.push(`面向：${consultation.audience.length > 0 ? consultation.audience.join("、") : "全镇"}；${formatChinaTime(consultation.deadline)} 截止。`);
  lines.push(consultation.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n"));
  if (forGroup) {
    lines.push("请大家私聊我回复选项编号（群里的回复不计入），例如“2，太吵了”。群里只公布总数，谁选了什么不会告诉任何人。");
  } else {
    lines.push(
      `请回复选项编号，也可以加上您的想法，例如“2，太吵了”；有好几项征求意见时请写明编号，如“${consultation.id}号 1”。截止前可以改。您选了什么只用于统计，不会告诉任何人。`,
    );
  }
  return lines.join("\n");
}

export class ConsultationService {
  readonly store: ConsultationStore;

  constructor(private readonly deps: ConsultationDeps) {
    this.store = ConsultationStore.of(deps.services.store);
  }

  get villages(): readonly VillageInfo[] {
    return this.deps.villages();
  }

  settings(): ResultSettings {
    const { config } = this.deps.services;
    return { minCell: config.CONSULTATION_MIN_CELL, supportThreshold: config.CONSULTATION_SUPPORT_THRESHOLD };
  }

  /** Stores the consultation, then pushes it to the villagers and groups of its villages. */
  publish(draft: ConsultationDraft, createdBy: string): { consultation: Consultation; villagers: number; groups: number } {
    const now = this.deps.services.clock().toISOString();
    const consultation = this.store.create({
      title: maskPersonalData(draft.title),
      background: maskPersonalData(draft.background),
      options: draft.options,
      audience: draft.audience,
      deadline: draft.deadline,
      createdBy,
      createdAt: now,
    });
    return { consultation, ...this.announce(consultation) };
  }

  /**
   * Idempotent: each chat is notified once per consultation (dedupe key), so a retry after a crash is safe.
   * One transaction: a township's thousands of villagers are queued in one disk sync, not thousands.
   */
  announce(consultation: Consultation): { villagers: number; groups: number } {
    return this.deps.services.store.transaction(() => this.announceNow(consultation), { durable: true });
  }

  private announceNow(consultation: Consultation): { villagers: number; groups: number } {
    const { notifier, store, clock } = this.deps.services;
    const at = clock().toISOString();
    let villagers = 0;
    let groups = 0;
    const privateText = announcementText(consultation, false);
    for (const villager of this.store.villagersIn(consultation.audience)) {
      const address = { channel: villager.channel, userId: villager.userId, chatId: villager.userId };
      this.store.addRecipient(consultation.id, { ...address, kind: "private", village: villager.village }, at);
      notifier.notifySync({
        ...address,
        text: privateText,
        quickReplies: optionQuickReplies(consultation),
        dedupeKey: `consultation:${consultation.id}:announce:${address.channel}:${address.chatId}`,
      });
      // The chat is now asked: a bare "2" answers it, unless the villager is in the middle of another dialogue.
      // TRANSITION: offerDialogue is async now; awaited inside Sql.transaction once this service moves to it.
      offerDialogue(store.sessions, `${address.channel}:${address.userId}`, PROMPT_DIALOGUE, { consultationId: consultation.id }, clock(), PROMPT_TTL_MS).catch(
        (error: unknown) => this.deps.services.logger.warn("consultation prompt not offered", { error, consultation: consultation.id }),
      );
      villagers++;
    }
    const groupText = announcementText(consultation, true);
    for (const group of this.store.groupsFor(consultation.audience)) {
      // A chat id different from the user id is how channels (WeChat) tell a group from a private chat.
      const address = { channel: group.channel, userId: `group:${group.chatId}`, chatId: group.chatId };
      this.store.addRecipient(consultation.id, { ...address, kind: "group", village: group.village }, at);
      notifier.notifySync({ ...address, text: groupText, dedupeKey: `consultation:${consultation.id}:announce:${address.channel}:${address.chatId}` });
      groups++;
    }
    return { villagers, groups };
  }

  get(id: number): Consultation | undefined {
    return this.store.get(id);
  }

  results(id: number): ConsultationResults | undefined {
    const consultation = this.store.get(id);
    if (!consultation) return undefined;
    const comments = this.store.comments(id).map((c) => ({ ...c, text: maskPersonalData(c.text) }));
    return computeResults(consultation, this.villages, this.store.tally(id), comments, this.settings(), this.deps.services.clock(), this.deps.words);
  }

  close(id: number): "closed" | "already_closed" | "unknown" {
    const consultation = this.store.get(id);
    if (!consultation) return "unknown";
    if (!isOpen(consultation, this.deps.services.clock())) return "already_closed";
    this.store.close(id, this.deps.services.clock().toISOString());
    return "closed";
  }

  /**
   * Records the decision and tells everyone who answered in chat, and the groups it was announced in,
   * the totals and the decision. The store write comes first; the notices are idempotent per chat.
   */
  decide(id: number, decision: Decision, reason: string, riskNote: string, by: string): { results: ConsultationResults; notified: number } | undefined {
    const consultation = this.store.get(id);
    if (!consultation) return undefined;
    const { notifier, clock } = this.deps.services;
    this.store.decide(id, decision, maskPersonalData(reason), maskPersonalData(riskNote), by, clock().toISOString());
    const results = this.results(id)!;
    const text = formatOutcomeForVillagers(results);
    const chats = new Map<string, { channel: string; userId: string; chatId: string }>();
    for (const p of this.store.participants(id)) chats.set(`${p.channel}:${p.chatId}`, p);
    for (const g of this.store.recipients(id, "group")) chats.set(`${g.channel}:${g.chatId}`, g);
    const notified = this.deps.services.store.transaction(
      () => {
        let count = 0;
        for (const chat of chats.values()) {
          if (notifier.notifySync({ ...chat, text, dedupeKey: `consultation:${id}:decision:${chat.channel}:${chat.chatId}` })) count++;
        }
        return count;
      },
      { durable: true },
    );
    return { results, notified };
  }

  recordVotes(id: number, votes: readonly RecordedVote[], by: string): number {
    return this.store.addRecordedVotes(id, votes, by, this.deps.services.clock().toISOString());
  }

  /**
   * Sends the one reminder to villagers who haven't answered, for consultations closing within a day.
   * Safe to call as often as you like: the dedupe key makes each reminder go out once.
   */
  sendDueReminders(now: Date = this.deps.services.clock()): number {
    return this.deps.services.store.transaction(() => this.queueReminders(now), { durable: true });
  }

  private queueReminders(now: Date): number {
    let sent = 0;
    for (const consultation of this.store.closingSoon(now, REMINDER_WINDOW_MS)) {
      const text =
        `提醒：${consultationNumber(consultation.id)}征求意见“${consultation.title}”将在 ${formatChinaTime(consultation.deadline)} 截止，您还没有回复。\n` +
        `${consultation.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n")}\n回复选项编号即可，也可以加上您的想法。`;
      for (const r of this.store.nonRespondents(consultation.id)) {
        const queued = this.deps.services.notifier.notifySync({
          channel: r.channel,
          userId: r.userId,
          chatId: r.chatId,
          text,
          quickReplies: optionQuickReplies(consultation),
          dedupeKey: `consultation:${consultation.id}:reminder:${r.channel}:${r.chatId}`,
        });
        if (queued) sent++;
      }
    }
    return sent;
  }

  /** Starts the reminder timer; returns the stop function (the app calls it before it closes the database). */
  startReminders(intervalMs: number): () => void {
    const timer = setInterval(() => {
      try {
        const sent = this.sendDueReminders();
        if (sent > 0) this.deps.services.logger.info("consultation reminders queued", { sent });
      } catch (error) {
        this.deps.services.logger.error("consultation reminders failed", { error });
      }
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

export { DECISION_LABELS };
