// What the conversation last asked about, so an elliptic follow-up ("那二级的呢", "一个月合多少", "在哪办")
// is read together with it. The conversation log is the memory: nothing is stored for it separately.
import type { ConversationWords } from "../knowledge/schema.ts";
import type { MessageLog } from "../store/messages.ts";
import { foldText } from "../text/fold.ts";

/** A follow-up this long after the question no longer refers to it. */
export const FOLLOW_UP_WINDOW_MS = 15 * 60 * 1000;
/** Longer than this, a message carries enough of its own to be read alone (the core also checks its topic). */
const MAX_FOLLOW_UP_LENGTH = 24;
/** How many exchanges of small talk ("谢谢", "好的") between a question and its follow-up are passed over. */
const SMALL_TALK_PASSED = 2;

export interface LastQuestion {
  text: string;
  entryIds: string[];
  /** When it was answered (ISO time). */
  at: string;
}

/**
 * The question the conversation's last answer came from, read from the conversation log (its in-memory
 * copy): a follow-up needs no state of its own. Only an answered policy or eligibility question counts.
 */
export async function lastQuestion(
  messages: MessageLog,
  channel: string,
  userId: string,
  now: Date,
  /** The message is plainly a follow-up ("还有俺娘…", "一个月合多少"): small talk just before it is passed over. */
  overSmallTalk = false,
): Promise<LastQuestion | undefined> {
  // "二级贫困残疾 一年多少 ⏎ 谢谢 ⏎ 还有俺娘三级的 俺俩加一起多少": a thanks or an "好的" in between is passed over
  // ("一户多残一年多少 ⏎ 好嘞 ⏎ 你是谁啊" is no follow-up: the thanks ended that thread).
  const recent = await messages.recentExchanges(channel, userId, overSmallTalk ? SMALL_TALK_PASSED + 1 : 1);
  const last = recent.reverse().find((e) => e.answerKind !== "smalltalk");
  if (!last || now.getTime() - Date.parse(last.createdAt) > FOLLOW_UP_WINDOW_MS) return undefined;
  if (last.answerKind !== "answer" && last.answerKind !== "needs_review") return undefined;
  if (last.intent !== "policy" && last.intent !== "eligibility") return undefined;
  // (Folded as every message is read: "我們組三級…9個" is then counted like "我们组三级…9个".)
  return { text: foldText(last.understood ?? last.text), entryIds: last.answerIds, at: last.createdAt };
}

/**
 * The report filed by the message just before, within the follow-up window: "村里河道早就淤了" (filed) ⏎ "镇里到底整治
 * 没有？投了多少钱" asks about what was reported.
 */
export async function reportJustFiled(messages: MessageLog, channel: string, userId: string, now: Date): Promise<LastQuestion | undefined> {
  const last = (await messages.recentExchanges(channel, userId, 1))[0];
  if (!last || now.getTime() - Date.parse(last.createdAt) > FOLLOW_UP_WINDOW_MS) return undefined;
  if (last.intent !== "feedback" || last.answerKind !== "feedback") return undefined;
  return { text: last.text, entryIds: [], at: last.createdAt };
}

/** A short message that leans on what came before: starts with 那/要是…, or asks only 呢/合多少/在哪办. `text` is folded. */
export function isFollowUp(text: string, words: ConversationWords): boolean {
  const core = text.replace(/[\s。.!！?？,，、~～…]+/g, "");
  if (core.length === 0 || core.length > MAX_FOLLOW_UP_LENGTH) return false;
  return words.followup_starts.some((w) => core.startsWith(w)) || words.followup_words.some((w) => core.includes(w));
}

/** Short enough to lean on the previous question when it names nothing of its own. */
export function shortEnough(text: string): boolean {
  return text.replace(/[\s。.!！?？,，、~～…]+/g, "").length <= MAX_FOLLOW_UP_LENGTH;
}

/** "再回到煤", "说回刚才那个": a message coming back to a topic asked about before the last one. */
// ("还说补助那个" comes back; "俺娘还说 她是三级" only tells what someone said.)
// ("回到家发现水管爆了": coming home, not back to a topic.)
export const BACK_TO = String.raw`回到(?!家|屋|村|镇|城|地里|院)`;
export const COMES_BACK = new RegExp(
  `${BACK_TO}|说回|回头说|再说回|接着说|还是说|还说[^，,。\\s]{1,6}?那(?:个|事|块)|刚才那|刚才的|刚才说的|前面那|前面说的|之前那`,
);

/**
 * The latest answered question, within the follow-up window, whose answer came from this entry: "优质煤多少钱一吨"
 * ⏎ "一级贫困残疾人救助多少" ⏎ "再回到煤 三吨多少钱" goes on from the first, not the last.
 */
export async function earlierQuestionOn(messages: MessageLog, channel: string, userId: string, entryId: string, now: Date): Promise<LastQuestion | undefined> {
  for (const exchange of (await messages.recentExchanges(channel, userId, 6)).reverse()) {
    if (now.getTime() - Date.parse(exchange.createdAt) > FOLLOW_UP_WINDOW_MS) return undefined;
    if (exchange.answerKind !== "answer" && exchange.answerKind !== "needs_review") continue;
    if (exchange.answerIds.includes(entryId))
      return { text: foldText(exchange.understood ?? exchange.text), entryIds: exchange.answerIds, at: exchange.createdAt };
  }
  return undefined;
}

/**
 * The latest answered question before the last, within the follow-up window, that says `word`: "老年残疾人补助一个月多少"
 * ⏎ "河道修了几座桥" ⏎ "还说补助那个" comes back to the first.
 */
export async function earlierQuestionSaying(messages: MessageLog, channel: string, userId: string, word: string, now: Date): Promise<LastQuestion | undefined> {
  // (Oldest first: the last is the question just answered, left out; the rest newest first.)
  const before = (await messages.recentExchanges(channel, userId, 6)).slice(0, -1).reverse();
  for (const exchange of before) {
    if (now.getTime() - Date.parse(exchange.createdAt) > FOLLOW_UP_WINDOW_MS) return undefined;
    if (exchange.answerKind !== "answer" && exchange.answerKind !== "needs_review") continue;
    const text = foldText(exchange.understood ?? exchange.text);
    if (text.includes(word)) return { text, entryIds: exchange.answerIds, at: exchange.createdAt };
  }
  return undefined;
}

/**
 * The latest messages within the follow-up window that count people or households ("俺村重度残疾人有9个"), before
 * the question just answered, one after another and oldest first: "县里代缴养老每人多少" ⏎ "那俺村一共多少" reckons
 * on the count said before it; "一组5个" ⏎ "二组4个" ⏎ "全村一共多少", "岭西村12个" ⏎ "三家庄8个" ⏎ "这两个村一共"
 * on every part told.
 */
export async function countSaidBefore(
  messages: MessageLog,
  channel: string,
  userId: string,
  now: Date,
  counted: RegExp,
  /** 1: the latest exchange is the question answered, not where the count was said. */
  skip = 1,
): Promise<string | undefined> {
  const recent = (await messages.recentExchanges(channel, userId, 4)).reverse();
  const run: string[] = [];
  for (const exchange of recent.slice(skip)) {
    if (now.getTime() - Date.parse(exchange.createdAt) > FOLLOW_UP_WINDOW_MS) break;
    const text = foldText(exchange.text);
    if (!counted.test(text)) {
      if (run.length > 0) break;
      continue;
    }
    run.unshift(text);
  }
  return run.length > 0 ? run.join(" ") : undefined;
}
