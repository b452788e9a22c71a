// The consultation lifecycle shared by chat and the HTTP API: publish and push, close, results, decision, reminders.
import type { Services } from "../core/turn.ts";
import type { QuickReply } from "../core/message.ts";
import { quickReply } from "../core/payload.ts";
import { maskPersonalData } from "../core/privacy.ts";
import { offerDialogue } from "../core/dialogue.ts";
import { formatChinaTime } from "./dates.ts";
import { consultationNumber, DECISION_LABELS, isOpen, type Consultation, type Decision, type VillageInfo } from "./model.ts";
import { computeResults, formatOutcomeForVillagers, type ConsultationResults, type ResultSettings } from "./results.ts";
import { ConsultationStore, type Recipient, type RecordedVote } from "./store.ts";
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
  /** The repository; by default the one on `services.store`'s database. */
  repository?: ConsultationStore;
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
    this.store = deps.repository ?? ConsultationStore.of(deps.services.store);
  }

  get villages(): readonly VillageInfo[] {
    return this.deps.villages();
  }

  settings(): ResultSettings {
    const { config } = this.deps.services;
    return { minCell: config.CONSULTATION_MIN_CELL, supportThreshold: config.CONSULTATION_SUPPORT_THRESHOLD };
  }

  /**
   * Stores the consultation and pushes it to the villagers and groups of its villages, in one transaction: the
   * cadre is told it is published only once both are on disk, and a failure leaves neither (no half-announced copy
   * for a retry to duplicate).
   */
  async publish(draft: ConsultationDraft, createdBy: string): Promise<{ consultation: Consultation; villagers: number; groups: number }> {
    const now = this.deps.services.clock().toISOString();
    return this.store.sql.transaction(
      async () => {
        const consultation = await this.store.create({
          title: maskPersonalData(draft.title),
          background: maskPersonalData(draft.background),
          options: draft.options,
          audience: draft.audience,
          deadline: draft.deadline,
          createdBy,
          createdAt: now,
        });
        return { consultation, ...(await this.announce(consultation)) };
      },
      { durable: true },
    );
  }

  /**
   * Idempotent: each chat is notified once per consultation, so a retry, or two instances announcing at once, is
   * safe. The gate is the recipient row: a chat is notified only by whoever inserted it (the primary key lets one
   * insert win, across instances), in the same transaction as the notification. One transaction: a township's
   * thousands of villagers are queued in one disk sync, not thousands. Counts the chats notified by this call.
   */
  async announce(consultation: Consultation): Promise<{ villagers: number; groups: number }> {
    return this.store.sql.transaction(() => this.announceNow(consultation), { durable: true });
  }

  private async announceNow(consultation: Consultation): Promise<{ villagers: number; groups: number }> {
    const { notifier, store, clock } = this.deps.services;
    const at = clock().toISOString();
    let villagers = 0;
    let groups = 0;
    const privateText = announcementText(consultation, false);
    const villagersIn: Recipient[] = (await this.store.villagersIn(consultation.audience)).map((v) => ({
      channel: v.channel,
      userId: v.userId,
      chatId: v.userId,
      kind: "private",
      village: v.village,
    }));
    for (const villager of await this.store.addRecipients(consultation.id, villagersIn, at)) {
      const address = { channel: villager.channel, userId: villager.userId, chatId: villager.chatId };
      await notifier.notify({
        ...address,
        text: privateText,
        quickReplies: optionQuickReplies(consultation),
        dedupeKey: `consultation:${consultation.id}:announce:${address.channel}:${address.chatId}`,
      });
      // The chat is now asked: a bare "2" answers it, unless the villager is in the middle of another dialogue.
      await offerDialogue(store.sessions, `${address.channel}:${address.userId}`, PROMPT_DIALOGUE, { consultationId: consultation.id }, clock(), PROMPT_TTL_MS);
      villagers++;
    }
    const groupText = announcementText(consultation, true);
    // A chat id different from the user id is how channels (WeChat) tell a group from a private chat.
    const groupsIn: Recipient[] = (await this.store.groupsFor(consultation.audience)).map((g) => ({
      channel: g.channel,
      userId: `group:${g.chatId}`,
      chatId: g.chatId,
      kind: "group",
      village: g.village,
    }));
    for (const group of await this.store.addRecipients(consultation.id, groupsIn, at)) {
      const address = { channel: group.channel, userId: group.userId, chatId: group.chatId };
      await notifier.notify({ ...address, text: groupText, dedupeKey: `consultation:${consultation.id}:announce:${address.channel}:${address.chatId}` });
      groups++;
    }
    return { villagers, groups };
  }

  get(id: number): Promise<Consultation | undefined> {
    return this.store.get(id);
  }

  async results(id: number): Promise<ConsultationResults | undefined> {
    const consultation = await this.store.get(id);
    if (!consultation) return undefined;
    const [stored, tally] = [await this.store.comments(id), await this.store.tally(id)];
    const comments = stored.map((c) => ({ ...c, text: maskPersonalData(c.text) }));
    return computeResults(consultation, this.villages, tally, comments, this.settings(), this.deps.services.clock(), this.deps.words);
  }

  /** The cadre is told it is closed only once it is: the UPDATE's own condition decides between two closing at once. */
  async close(id: number): Promise<"closed" | "already_closed" | "unknown"> {
    const consultation = await this.store.get(id);
    if (!consultation) return "unknown";
    if (!isOpen(consultation, this.deps.services.clock())) return "already_closed";
    const closed = await this.store.sql.transaction(() => this.store.close(id, this.deps.services.clock().toISOString()), { durable: true });
    return closed ? "closed" : "already_closed";
  }

  /**
   * Records the decision and tells everyone who answered in chat, and the groups it was announced in,
   * the totals and the decision. The decision and its notices commit together (idempotent per chat). Undefined
   * when nothing was recorded: no such consultation, or it was decided already (by another cadre meanwhile).
   */
  async decide(
    id: number,
    decision: Decision,
    reason: string,
    riskNote: string,
    by: string,
  ): Promise<{ results: ConsultationResults; notified: number } | undefined> {
    const { notifier, clock } = this.deps.services;
    return this.store.sql.transaction(
      async () => {
        // Only one decision: the UPDATE's condition (decision IS NULL) is the check, so two cadres racing cannot both win.
        if (!(await this.store.decide(id, decision, maskPersonalData(reason), maskPersonalData(riskNote), by, clock().toISOString()))) return undefined;
        const results = (await this.results(id))!;
        const text = formatOutcomeForVillagers(results);
        const chats = new Map<string, { channel: string; userId: string; chatId: string }>();
        for (const p of await this.store.participants(id)) chats.set(`${p.channel}:${p.chatId}`, p);
        for (const g of await this.store.recipients(id, "group")) chats.set(`${g.channel}:${g.chatId}`, g);
        let notified = 0;
        for (const chat of chats.values()) {
          if (await notifier.notify({ ...chat, text, dedupeKey: `consultation:${id}:decision:${chat.channel}:${chat.chatId}` })) notified++;
        }
        return { results, notified };
      },
      { durable: true },
    );
  }

  /** Undefined (nothing recorded) when there is no such consultation or it has been decided. */
  recordVotes(id: number, votes: readonly RecordedVote[], by: string): Promise<number | undefined> {
    return this.store.addRecordedVotes(id, votes, by, this.deps.services.clock().toISOString());
  }

  /**
   * Sends the one reminder to villagers who haven't answered, for consultations closing within a day.
   * Safe to call as often as you like, from every instance at once: the dedupe key makes each reminder go out once
   * (the outbox's unique key: one insert wins, across instances), and on PostgreSQL the instances take turns (a
   * transaction-scoped advisory lock), so the second one finds the first one's reminders queued and counts none.
   */
  sendDueReminders(now: Date = this.deps.services.clock()): Promise<number> {
    return this.store.sql.transaction(
      async () => {
        await this.store.lockReminders();
        return this.queueReminders(now);
      },
      { durable: true },
    );
  }

  private async queueReminders(now: Date): Promise<number> {
    let sent = 0;
    for (const consultation of await this.store.closingSoon(now, REMINDER_WINDOW_MS)) {
      const text =
        `提醒：${consultationNumber(consultation.id)}征求意见“${consultation.title}”将在 ${formatChinaTime(consultation.deadline)} 截止，您还没有回复。\n` +
        `${consultation.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n")}\n回复选项编号即可，也可以加上您的想法。`;
      for (const r of await this.store.nonRespondents(consultation.id)) {
        const queued = await this.deps.services.notifier.notify({
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
    // A pass now waits for the database: a slow one is not joined by the next tick's.
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.sendDueReminders()
        .then(
          (sent) => {
            if (sent > 0) this.deps.services.logger.info("consultation reminders queued", { sent });
          },
          (error: unknown) => this.deps.services.logger.error("consultation reminders failed", { error }),
        )
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

export { DECISION_LABELS };
