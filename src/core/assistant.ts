// The core pipeline: one inbound message in, replies out, logged on disk before the replies are returned.
import { performance } from "node:perf_hooks";
import { foldText, hasWords, sanitize } from "../text/fold.ts";
import { mentionsStaffWork, readMessage } from "./reading.ts";
import { DROPPED_HOME, readGradeTally, SOME_OF_THEM } from "./tally.ts";
import { absentProgramme } from "./absent.ts";
import { correctQuestion } from "./correction.ts";
import {
  BACK_TO,
  COMES_BACK,
  countSaidBefore,
  earlierQuestionOn,
  earlierQuestionSaying,
  isFollowUp,
  type LastQuestion,
  lastQuestion,
  reportJustFiled,
  shortEnough,
} from "./memory.ts";
import { detectScript, toScript, type Script } from "../text/script.ts";
import type { Intent } from "../knowledge/schema.ts";
import { maskPersonalData } from "./privacy.ts";
import { tellsPart } from "./parts.ts";
import { KeyedQueue, LoopTurns } from "./queue.ts";
import { CLASSIFIER_SURE, routeByReading, routeIntent } from "./route.ts";
import { conversationKey, reply, type InboundMessage, type Reply } from "./message.ts";
import { APOLOGY, HandlerError, NOT_LOGGED_NOTE, NOT_LOGGED_UNANSWERED_NOTE } from "./errors.ts";
import { isDatabaseFailure } from "../store/sql.ts";
import type { SnapshotHolder } from "../snapshot/index.ts";
import type { AnswerKind } from "./answer-kind.ts";
import { payloadText } from "./payload.ts";
import type { IntentHandler, Interceptor, Services, TurnContext, TurnResult } from "./turn.ts";
import { understandWithLlm } from "./llm-turn.ts";
import { DialogueRegistry, DialogueSlot, type Dialogue, type TurnKind } from "./dialogue.ts";
import { CONFIDENCE, decide, soleTopic } from "../knowledge/hits.ts";
import type { SearchHit } from "../knowledge/search.ts";

export const MAX_TEXT_LENGTH = 2000;
/** How long a reply waits for the message log while another process holds the database lock. */
export const LOG_WRITE_WITHIN_MS = 2000;

/** Characters as a villager counts them: an emoji or a rare 汉字 outside the BMP is one, not two UTF-16 units. */
export function characterCount(text: string): number {
  return [...text].length;
}

export interface AssistantResult {
  intent: Intent;
  confidence: number;
  replies: Reply[];
  /** True when this platform message was handled before; nothing was done again. */
  duplicate: boolean;
  latencyMs: number;
  messageId?: number | undefined;
  /** How the turn was answered (answer, clarify, no_answer, needs_review, feedback …), as logged. */
  answerKind?: AnswerKind | undefined;
}

export interface AssistantOptions {
  snapshot: SnapshotHolder;
  services: Services;
  handlers: readonly IntentHandler[];
  /** Each feature's dialogue; the core keeps at most one active per conversation and continues it first. */
  dialogues?: readonly Dialogue<any>[];
  /** Stateless commands with a fixed shape ("邀请码 …", "把FK000001改成…"), claimed whatever the classifier says. */
  interceptors?: readonly Interceptor[];
}

/**
 * "这两个村…一共", "三个村加起来": a total over villages named before; "哪个村没达到": the villages named before,
 * each against a standard.
 */
// ("三个点一共多少吨", "哪个村户数多 多几户": the places told compared, too.)
const SEVERAL_VILLAGES =
  /(?:[两俩三四五六七八九几2-9]个?|各|这些|这几个?)(?:村|庄|屯|点)[^，,。？?]{0,16}(?:一共|总共|合计|加起来|加一起)|哪(?:个|几个|些)?(?:村|庄|屯|点)[^，,。？?]{0,6}(?:达到|达标|够|没达到|不够|还差|差|最多|最少|多|少)/;
/** A number of people or households counted: "9个", "十一个" (not "6个月"), "480口人". */
const COUNT_NUMBER = "(?:\\d+|[一二三四五六七八九]?十[一二三四五六七八九]?|[两二三四五六七八九])\\s*";
const COUNTED = new RegExp(`${COUNT_NUMBER}(?:个(?!月)|口人|口(?!子)|人|户|名|位)`);
/** A figure told of a village, one message each: people, households, or what a standard counts (场, 套, 平方米). */
/** "二组不对 是两个", "二组说错了 是2个": a group's count said again, correcting it. */
const GROUP_CORRECTED = String.raw`\s*(?:不对|说错了?|记错了?|搞错了?|错了)[，,\s]*`;

const GROUP_CORRECTION = new RegExp(`(组|队|街|片)${GROUP_CORRECTED}(?=是|有|\\d|[一两二三四五六七八九十俩仨])`, "g");

/** A relative of the villager's household, as villagers name them. */
const KIN = "(?:爹|娘|爸|妈|爷爷?|奶奶?|姥姥|姥爷|哥|姐|弟|妹|叔|婶|老伴|媳妇|男人|儿子|闺女|孙子|孙女|娃|孩子)";
/** A part of a village named first: "二组", "东头" (a village's own name is looked up among the township's). */
const PART_NAMED = /^(?:(?:[一二三四五六七八九十\d]+|[东西南北前后中][头边]?)(?:组|队|街|片)|(?:俺|我|咱)们?(?:组|村)|村里|组里)/;
/** What follows a part's name in a tally, nothing else: "压了九吨", "三吨半", "4户" (a verb of tallying allowed). */
const PART_TALLY =
  /^(?:里|上)?(?:(?:重度|贫困|老年|一户多残|[一二三四1-4]级)[^，,。？?\d\s]{0,8}?(?:残疾人?|的)(?:的)?)?(?:有|是|还有|也有|又|压了|压|交了|种了|流转了|流转|报了|报上来|统计了)?\s*(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千万半]+|俩|仨)\s*(?:个|人|户|名|位|场|套|本|册|吨|斤|公斤|亩|平方米|平米)(?:半)?(?:的|了)?$/;
/** A part of a village counted, the message opening with it: "一组四个", "东头3户", "二组有俩". */
const GROUP_COUNTED = new RegExp(
  `^\\s*(?:[^\\d，,。？?\\s]{2,10}\\s+)?(?:[一二三四五六七八九十\\d]+|[东西南北前后中][头边]?)(?:组|队|街|片)(?:里|上)?(?:${GROUP_CORRECTED})?(?:有|是|还有|也有)?\\s*(?:${COUNT_NUMBER}(?:个(?!月)|人|户|名|位)|俩|仨)`,
);
const PLACE_COUNTED = new RegExp(`${COUNT_NUMBER}(?:个(?!月)|口人|口(?!子)|人|户|名|位|场|套|本|册|平方米|平米|吨|亩)`);

/** A count and nothing asked: "一组2户", "不对 二组是1户", "贫困老年残疾人4个". */
/** "俺家两个重度残疾人", "我家3个残疾人": a household's own people, never a village's count going on. */
const OWN_HOUSEHOLD = /^(?:[俺我咱](?:们)?家|家里)/;
// ("郝家庄12个重度", "陈家山8个三级的": who they are may follow the count.)
const COUNT_ONLY =
  /^(?:不对|不是|哦)?(?:还有|另外|再加上|加上|外加)?[\u4e00-\u9fa5]{0,10}?(?:\d+|[一两二三四五六七八九十]+)(?:户|个人|个|位|名|人)(?:的)?(?:重度|贫困|老年|残疾人?|[一二三四1-4](?:[、到至和]?[一二三四1-4])?级)*(?:的)?$/;

export class Assistant {
  private readonly queue = new KeyedQueue(new LoopTurns());
  private readonly handlers = new Map<Intent, IntentHandler>();
  private readonly interceptors: readonly Interceptor[];
  private readonly dialogues: DialogueRegistry;

  constructor(private readonly options: AssistantOptions) {
    for (const handler of options.handlers) this.handlers.set(handler.intent, handler);
    this.interceptors = options.interceptors ?? [];
    this.dialogues = new DialogueRegistry(options.dialogues ?? []);
  }

  get services(): Services {
    return this.options.services;
  }

  get snapshot(): SnapshotHolder {
    return this.options.snapshot;
  }

  /**
   * Handles one message; messages of one conversation are handled strictly in order: in this process by the
   * queue, and across instances sharing a PostgreSQL database by a lock on the conversation, so two instances never
   * read and write one dialogue's state at the same time.
   */
  handle(message: InboundMessage): Promise<AssistantResult> {
    const key = conversationKey(message);
    return this.queue.run(key, () => this.options.services.store.sql.serialized(`conversation:${key}`, () => this.handleNow(message)));
  }

  /** Waits for messages in flight (shutdown). */
  drain(): Promise<void> {
    return this.queue.drain();
  }

  private async handleNow(message: InboundMessage): Promise<AssistantResult> {
    const started = performance.now();
    const { store, logger, clock } = this.options.services;
    if (await store.messages.isDuplicate(message.channel, message.messageId)) {
      return { intent: "unknown", confidence: 0, replies: [], duplicate: true, latencyMs: 0 };
    }
    const now = clock();
    const text = sanitize(message.text);
    const script = detectScript(text);
    // Dialogue changes made during the turn are written with the log row below, in one commit.
    const slot = await DialogueSlot.open(store.sessions, conversationKey(message), now, this.dialogues.ttlOf);
    const result = await this.produce(message, text, script, now, slot);
    const replies = result.replies.map((r) => ({
      ...r,
      text: toScript(r.text, script),
      quickReplies: r.quickReplies.map((q) => ({ ...q, label: toScript(q.label, script) })),
    }));
    const latencyMs = performance.now() - started;

    const chars = [...text];
    const storedText = maskPersonalData(
      chars.length > MAX_TEXT_LENGTH ? `${chars.slice(0, MAX_TEXT_LENGTH).join("")}…（共 ${chars.length} 字，已截断）` : text,
    );
    let messageId: number | undefined;
    try {
      // One commit for the log row, its unanswered row and the dialogue's new state. Not durable: no reply
      // acknowledges a question as recorded (the no-answer reply says staff look at such questions from time
      // to time), so a power cut may lose the last ones, never a promise.
      messageId = await store.turns.write(
        {
          dialogue: slot.change(),
          message: {
            channel: message.channel,
            platformMessageId: message.messageId,
            userId: message.userId,
            chatId: message.chatId,
            text: storedText,
            intent: result.intent,
            confidence: result.confidence ?? 0,
            answerKind: result.answerKind,
            answerIds: result.answerIds ?? [],
            understood: result.understood,
            replyText: replies.map((r) => r.text).join("\n---\n"),
            latencyMs,
            createdAt: now.toISOString(),
          },
          unanswered: result.unanswered && {
            channel: message.channel,
            userId: message.userId,
            text: storedText,
            reason: result.unanswered.reason,
            bestEntryId: result.unanswered.bestEntryId ?? null,
            confidence: result.unanswered.confidence ?? 0,
            createdAt: now.toISOString(),
          },
        },
        { withinMs: LOG_WRITE_WITHIN_MS },
      );
    } catch (error) {
      if (!isDatabaseFailure(error)) throw error;
      // Locked past the wait, or the disk is full: the answer is still worth giving, with the truth about the log.
      logger.error("message log not written; replying without it", { error, channel: message.channel, intent: result.intent });
      const note = toScript(result.unanswered ? NOT_LOGGED_UNANSWERED_NOTE : NOT_LOGGED_NOTE, script);
      const noted = replies.map((r, i) => (i === replies.length - 1 ? { ...r, text: `${r.text}\n\n${note}` } : r));
      return { intent: result.intent, confidence: result.confidence ?? 0, replies: noted, duplicate: false, latencyMs, answerKind: result.answerKind };
    }
    if (messageId === undefined) {
      logger.debug("duplicate message dropped at insert", { channel: message.channel, messageId: message.messageId });
      return { intent: result.intent, confidence: result.confidence ?? 0, replies: [], duplicate: true, latencyMs };
    }
    return { intent: result.intent, confidence: result.confidence ?? 0, replies, duplicate: false, latencyMs, messageId, answerKind: result.answerKind };
  }

  /**
   * The latest earlier question answered from any of these entries, the closest entry first; else, when the message
   * names what it comes back to ("还说补助那个"), the latest earlier question with that word.
   */
  private async earlierOnAny(message: InboundMessage, text: string, hits: readonly SearchHit[], now: Date): Promise<LastQuestion | undefined> {
    const { messages } = this.options.services.store;
    for (const hit of hits) {
      const earlier = await earlierQuestionOn(messages, message.channel, message.userId, hit.entry.id, now);
      if (earlier) return earlier;
    }
    // ("说回补助 俺爹俺娘俩人一年多少": the word named may end at a pause too.)
    const named = BACK_TO_NAMED.exec(text)?.[1];
    return named ? earlierQuestionSaying(messages, message.channel, message.userId, named, now) : undefined;
  }

  private async produce(message: InboundMessage, sent: string, script: Script, now: Date, slot: DialogueSlot): Promise<TurnResult> {
    // "好 那俺娘一年能领多少": an "ok" before a question is no part of it (before a farewell, all is small talk).
    const text = ACK_BEFORE.test(sent) && /多少|吗|呢|怎么|咋|啥|什么|哪|几|[?？]/.test(sent) ? sent.replace(ACK_BEFORE, "") : sent;
    if (message.kind !== "text" && !text) {
      return { intent: "unknown", replies: [reply("抱歉，我暂时只能看懂文字。请打字提问，比如：“一户多残补助怎么发？”")] };
    }
    const length = characterCount(text);
    if (length > MAX_TEXT_LENGTH) {
      return { intent: "unknown", replies: [reply(`您的消息有 ${length} 个字，太长了。请把问题缩短到 ${MAX_TEXT_LENGTH} 字以内，一次问一件事就好。`)] };
    }
    if (!hasWords(text)) {
      return { intent: "help", replies: [reply("收到！请用文字告诉我您想问什么，比如：“三级残疾一年补助多少？”")] };
    }
    const engine = this.options.snapshot.current;
    const key = conversationKey(message);
    // "一个月合多少" after "一级贫困残疾人一年多少" is read together with that question — unless it names a
    // topic of its own well enough ("那贫困精神残疾人的药费补助呢" is a new question, not the thread).
    // A tapped button stands for its words; a coded one (a vote) for nothing the search could use.
    const own = payloadText(message.payload) ?? text;
    const ownQuery = engine.kb.index.analyze(own);
    const ownHits = engine.kb.index.search(ownQuery, 5);
    const read = readMessage(foldText(own), engine.kb.data.conversation);
    // Whether the classifier alone would file the message (computed only when needed).
    const ownClassifiedFeedback = () => engine.classify(ownQuery).intent === "feedback";
    // "俺家沼气池出毛病了，俺自个儿鼓捣不好", "俺孙子报不上名": one's own trouble, said without asking anyone to
    // act, that the knowledge base answers well, is answered first, with the offer to file it.
    // Not in a report already under way, not about a village's facility, not a trouble that has dragged on.
    const ownTrouble =
      !slot.active() &&
      ((read.kind === "report" && read.implicit === true) || (read.kind === "open" && !read.asks && ownClassifiedFeedback())) &&
      /[俺我咱](?:家|自个|自己|孙|儿子|闺女|娃|爹|娘|爸|妈|是|又|也)|[看给欠]我/.test(foldText(own)) &&
      // ("这仨月都没发下来": money due and not paid is a report, however short.)
      !/村|组|屯|庄|(?:[个多好几]+|仨|俩)(?:天|月|星期|礼拜)|好久|一直|老是|总是|还没|没人(?:管|修|来|理)|不管|报了|反映了|一分钱|没见着|没收到|没领到|没拿到|没到账|没发|停发|冒领|克扣|顶替|取消/.test(
        foldText(own),
      ) &&
      ownHits[0] !== undefined &&
      ownHits[0].coverage >= CONFIDENCE.clarify &&
      engine.kb.index.namesTopic(ownHits[0], true) &&
      engine.kb.index.salientMisses(ownHits[0]).length === 0;
    const reading: typeof read = ownTrouble ? { kind: "report_or_question" } : read;
    // "电话多少" after a topic asks that topic's phone, though 电话 is a word of the survey's entry (电话调查).
    const phoneOnly = PHONE_ONLY.test(foldText(text).replace(/[\s。.!！?？,，、~～…]+/g, ""));
    const ownTopic = !phoneOnly && ownHits[0] !== undefined && ownHits[0].coverage >= CONFIDENCE.answer && engine.kb.index.namesTopic(ownHits[0]);
    // A short message that names nothing of its own ("俺家一冬烧一吨半，得花多少") continues the thread too;
    // small talk, resets and reports never do.
    const namesOwn = !phoneOnly && ownHits[0] !== undefined && engine.kb.index.namesTopic(ownHits[0], true);
    // "我们组有4户一户多残 ⏎ 还有6个贫困老年残疾人": a count added to the ones before is the same tally.
    // "一组2户", "二组4户", "不对 二组是1户", "贫困老年残疾人4个": a bare count, asking nothing, goes on with it.
    // "三级贫困的2个，另外还有一个三级的不是贫困户": the message read as a tally by grade, once.
    const tallied = readGradeTally(foldText(text)) !== undefined;
    const addsCount =
      // "漏了俩", "又报上来一户": more of the count before.
      /^(?:还有|另外|再加上|加上|外加|漏了|漏报了?|又有|又添了?)(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:户|个|位|名|人|(?<=[俩仨])$)/.test(
        foldText(text).trim(),
      ) ||
      (COUNT_ONLY.test(foldText(text).replace(/[\s。.!！,，、~～…]+/g, "")) && !OWN_HOUSEHOLD.test(foldText(text).trim())) ||
      // "前街那4个里头有1个不是贫困户": some of those counted, said of again.
      SOME_OF_THEM.test(foldText(text)) ||
      // "有1户今年走了一个…不算了": one of those counted no longer counts.
      /^(?:其中|这里头|里头)?有(?:一|1|两|2|俩|三|3)(?:户|个)[^。？?]{0,24}?(?:走了|去世|过世|迁|搬|不算|没了|重复)/.test(foldText(text).trim()) ||
      // "二组6个，有1个是重复登记的": a part counted, and some of it said of again.
      (COUNT_ONLY.test(foldText(text).split(/[，,\s]/)[0]!) &&
        !OWN_HOUSEHOLD.test(foldText(text).trim()) &&
        /^[^，,\s]+[，,\s]+(?:其中|这里头|里头)?有(?:一|1|两|2|俩|三|3)(?:户|个)[^。？?]{0,24}?(?:走了|去世|过世|迁|搬|不算|没了|重复)/.test(
          foldText(text).trim(),
        )) ||
      // "不对，俺弟家就一个残疾人，不算一户多残": one of the households counted.
      new RegExp(`^(?:不对|不是|说错了)?[，,\\s]*${DROPPED_HOME.source}`).test(foldText(text).trim()) ||
      // "三级贫困的2个，另外还有一个三级的不是贫困户": more of a tally by grade, asking nothing.
      (tallied && !/[?？吗呢]|多少|几/.test(foldText(text)));
    // A tally by grade goes on only with a question about grades (not "幼儿园投资多少" before it).
    const tallyOnly = addsCount && !COUNT_ONLY.test(foldText(text).replace(/[\s。.!！,，、~～…]+/g, "")) && tallied;
    // "按每人代缴100元算，县财政给我们村一共代缴多少" after "我们村重度残疾人21个": the village's total asked, its
    // count said before.
    // "这两个村一共多少", "三个村加起来": the counts of several villages, told a message each.
    const severalVillages = SEVERAL_VILLAGES.test(foldText(text));
    const villageTotal =
      (severalVillages || /(?:我们|俺们|咱们|咱|俺|全)(?:村|组)[^，,。？?]{0,12}(?:一共|总共|合计|加起来)/.test(foldText(text))) &&
      !COUNTED.test(foldText(text).replace(SEVERAL_VILLAGES, ""));
    // "…加起来一年多少" with no count of its own: what it adds up may have been told before.
    const totalAsked = /加起来|加一起|一共|总共|合计/.test(foldText(text)) && !COUNTED.test(foldText(text));
    const leans =
      addsCount ||
      // "下湾组刚说错 是二级贫困1个 三级贫困1个 全村一共多少": a part of the village told or corrected goes on with it.
      tellsPart(foldText(text)) ||
      villageTotal ||
      totalAsked ||
      isFollowUp(foldText(text), engine.kb.data.conversation) ||
      (shortEnough(text) && reading.kind !== "report" && reading.kind !== "report_or_question");
    // A dialogue in progress is the thread itself: its owner reads the message as it is. One kept only to be
    // referred back to (a screening answered) is not, once another question has been answered after it.
    const active = slot.active();
    const asked =
      !message.payload && !this.dialogues.holdsThread(active) && reading.kind !== "smalltalk" && reading.kind !== "reset" && leans
        ? await lastQuestion(
            this.options.services.store.messages,
            message.channel,
            message.userId,
            now,
            isFollowUp(foldText(text), engine.kb.data.conversation),
          )
        : undefined;
    // ("帮俺算算重度残疾人代缴养老" ⏎ "郝家庄12个重度": a village's count goes on with the question, not with the
    // screening it was answered by.)
    const placeCounted = addsCount && PLACE_COUNTED.test(foldText(text));
    const answered = asked && (!active || active.askedAt < asked.at || placeCounted || this.dialogues.answeredItsQuestion(active)) ? asked : undefined;
    // "俺村重度残疾人有9个" ⏎ "县里代缴养老每人多少" ⏎ "那俺村一共多少": the village's count said before the question.
    // "村里重度残疾人统计出来了 十一个" ⏎ "县里代缴养老 全村一年一共多少": the count told alone, no question answered after it.
    // "岭西村12个 ⏎ 三家庄8个 ⏎ 这两个村一共多少": every village's count, whatever each message was answered with.
    const countBefore =
      villageTotal && (severalVillages || !(answered && COUNTED.test(answered.text)))
        ? await countSaidBefore(
            this.options.services.store.messages,
            message.channel,
            message.userId,
            now,
            severalVillages ? PLACE_COUNTED : COUNTED,
            answered && !severalVillages ? 1 : 0,
          )
        : undefined;
    // "一组四个" ⏎ "二组三个" ⏎ "三组五个" ⏎ "一共县里代缴多少": the parts of a village told a message each, their total
    // asked without naming the village.
    const groupsTold =
      totalAsked && !countBefore && !severalVillages
        ? await countSaidBefore(this.options.services.store.messages, message.channel, message.userId, now, GROUP_COUNTED, 0)
        : undefined;
    // (Unless the question answered last was read with them already: "一组一户多残的有3户" ⏎ "二组有2户" ⏎ …)
    const groupMessages = groupsTold?.split(" ").filter((m) => GROUP_COUNTED.test(m)) ?? [];
    const partsTotal = groupMessages.length >= 2 && !(answered && groupMessages.every((m) => answered.text.includes(m)));
    // ("二组不对 是两个": the group's count corrected is its count said last, which the tally takes.)
    const groupsText = groupsTold?.replace(GROUP_CORRECTION, "$1");
    const told = countBefore || partsTotal ? { text: (countBefore ?? groupsText)!, entryIds: [], at: now.toISOString() } : undefined;
    const candidate =
      (severalVillages || partsTotal) && told ? told : answered && countBefore ? { ...answered, text: `${countBefore} ${answered.text}` } : (answered ?? told);
    // "俺是一级 重度" after a question adds the asker's facts to it, whatever topic the words touch.
    // "要是不是贫困户呢" changes a condition of the previous question; it is never a question of its own.
    // "俺家有个重度智力残疾的娃" ⏎ "还有俺娘，是三级贫困残疾人": one more of the same household.
    const statesOwnFacts =
      /^(?:我|俺|我家|俺家|我娘|我爹|俺娘|俺爹|我妈|我爸)(?:也|就)?(?:不|没)?是|^(?:要是|如果|假如|万一)/.test(foldText(text).trim()) ||
      // "俺家有两三个残疾人 ⏎ 都是一级 贫困户": 都 with nobody named is said of the people told before.
      // (Not a programme of its own, "都是五保户 一年多少", nor a question, "都有哪些补助".)
      (/^(?:都|全)是/.test(foldText(text).trim()) && !/哪些|什么|啥/.test(foldText(text)) && !absentProgramme(engine.kb.index, ownQuery)) ||
      new RegExp(`^(?:还有|另外|再加上|加上)[俺我咱]?(?:家)?(?:的)?${KIN}`).test(foldText(text).trim()) ||
      // "俺娘七十了…领那个老年残疾人补助 ⏎ 俺闺女一级残疾 也贫困": another of the household, said to be as the first.
      new RegExp(`^[俺我咱](?:家)?(?:的)?${KIN}[^，,。？?]{0,8}[，,\s]*也(?:是|贫困|残疾|有残疾)`).test(foldText(text).trim());
    // "问个事 老年残疾人补助 ⏎ 俺爹俺娘都七十多了 都是贫困残疾人": the villager's own people described, nothing asked,
    // after a question on the disability programmes: whom that question is for.
    const describesKin =
      new RegExp(`^[俺我咱](?:家)?(?:的)?${KIN}`).test(foldText(text).trim()) &&
      /残疾|贫困|[一二三四]级|\d+岁|[六七八九]十/.test(foldText(text)) &&
      !/多少|几|吗|[?？]|咋|怎么|什么|啥|能不能|能领/.test(foldText(text));
    // A message naming a topic of its own continues the thread only when that topic is the thread's.
    // "月嫂培训免费吗 ⏎ 培训了多少人": the thread's entry nearly as close as another that shares the word is the thread.
    // "超任务多少" after the medicine subsidy: a short follow-up whose every matched word the thread's entry
    // also has (比任务多 13 人) is about the thread, though another entry is all about 任务.
    const threadHit = candidate && ownHits.find((h) => candidate.entryIds.includes(h.entry.id));
    const sameThread =
      candidate !== undefined &&
      threadHit !== undefined &&
      (threadHit === ownHits[0] ||
        threadHit.score >= ownHits[0]!.score * THREAD_CLOSE ||
        (shortEnough(text) && ownHits[0]!.matchedWords.every((w) => threadHit.matchedWords.includes(w))));
    // "再回到煤 三吨多少钱": coming back to a topic asked about before the last question goes on from that one.
    // "河道修了几座桥 ⏎ 维权岗几个 ⏎ 那桥是啥样的桥": 那 and a word naming the earlier topic come back to it too.
    const pointsBack = COMES_BACK.test(text) || /^那/.test(foldText(text).trim());
    // ("老年残疾人补助一个月多少 ⏎ 河道修了几座桥 ⏎ 还说补助那个…": a word many entries share comes back to the one of
    // them asked about before, among the closest few.)
    // ("老年残疾人补助一个月多少 ⏎ 你是机器人吗 ⏎ 说回补助…": said to come back, with no question just before, too.)
    const cameBack =
      (candidate ? !candidate.entryIds.includes(ownHits[0]?.entry.id ?? "") : COMES_BACK.test(text)) &&
      pointsBack &&
      ownHits[0] &&
      engine.kb.index.matchesMeaning(ownHits[0])
        ? await this.earlierOnAny(message, foldText(text), ownHits.slice(0, COMES_BACK.test(text) ? COME_BACK_HITS : 1), now)
        : undefined;
    // "投资多少钱" after the plaza: a kind of figure asked of the thread, though another entry has the word.
    const asksAttribute =
      candidate !== undefined &&
      shortEnough(text) &&
      ownHits[0] !== undefined &&
      ownHits[0].matchedWords.length > 0 &&
      ownHits[0].matchedWords.every((w) => engine.kb.data.conversation.attribute_words.some((a) => a.includes(w) || w.includes(a)));
    // "俺村2户一户多残，7个三级的" ⏎ "一户多残补助和三级救助加起来一年多少": the counts told before, summed.
    const sumsTold =
      candidate !== undefined && totalAsked && COUNTED.test(candidate.text) && ownHits.slice(0, 3).some((h) => candidate.entryIds.includes(h.entry.id));
    const tallyFits = !tallyOnly || (candidate !== undefined && /[一二三四]级|残疾|贫困/.test(candidate.text));
    // "俺家两个贫困老年残疾人…一年一共多少" ⏎ "不对，就俺爹一个是残疾的": a correction of a quantity of the question
    // before asks it again, whatever topic its own words touch.
    const correctsThread =
      candidate !== undefined && CORRECTION.test(foldText(text).replace(/^(?:哦|噢|啊|呃)[，,\s]*/, "")) && correctQuestion(candidate.text, own) !== undefined;
    // "村里河道早就淤了" (filed) ⏎ "镇里到底整治没有？投了多少钱": a question that fits several entries alike is read
    // with the report just filed, which tells which.
    const aboutReport =
      !candidate && (reading.kind === "question" || (reading.kind === "open" && reading.asks === true)) && decide(ownHits) === "clarify"
        ? await reportJustFiled(this.options.services.store.messages, message.channel, message.userId, now)
        : undefined;
    const previous =
      aboutReport ??
      cameBack ??
      (candidate &&
      tallyFits &&
      ((!ownTopic && !namesOwn) ||
        sameThread ||
        statesOwnFacts ||
        (describesKin && /残疾|补助|救助|补贴/.test(candidate.text)) ||
        correctsThread ||
        addsCount ||
        asksAttribute ||
        sumsTold ||
        partsTotal ||
        (villageTotal && (severalVillages ? PLACE_COUNTED : COUNTED).test(candidate.text)))
        ? candidate
        : undefined);
    // A dialogue kept only to be referred back to (a screening answered) reads the message as it is first; when it
    // leaves the message, the message is read with the question before ("补助金每人每月多少 ⏎ 俩人一年呢").
    // ("…三个村县里一共代缴多少": the villages' counts told before are the thread, not the screening kept.)
    const deferred = previous !== undefined && active !== undefined && !((severalVillages || partsTotal) && told !== undefined && previous === told);
    const contextFor = (thread: typeof previous): TurnContext => {
      // "不对 是8个月": the question before asked again with the quantity corrected.
      // ("二组三个" ⏎ "二组不对 是两个": a group's count corrected reads as said again, which the tally takes last.)
      const understood = thread ? (correctQuestion(thread.text, own) ?? `${thread.text} ${text}`).replace(GROUP_CORRECTION, "$1") : own;
      const query = thread ? engine.kb.index.analyze(understood) : ownQuery;
      return {
        message,
        text,
        script,
        key: conversationKey(message),
        now,
        snapshot: engine,
        kb: engine.kb,
        classification: engine.classify(message.payload || thread ? ownQuery : query),
        followsUp: thread ? understood : undefined,
        reading,
        query,
        hits: thread ? threadFirst(engine.kb.index.search(query, 5), thread.entryIds) : ownHits,
        services: this.options.services,
        dialogue: slot,
      };
    };
    let ctx = contextFor(deferred ? undefined : previous);
    // Commands have a fixed shape and win over everything; then the dialogue in progress, then routing.
    for (const interceptor of this.interceptors) {
      const claimed = await this.guard(interceptor.name, text, () => interceptor.intercept(ctx));
      if (claimed) return claimed;
    }
    const continued = await this.continueDialogue(ctx, text);
    if (continued) return continued;
    if (deferred) ctx = contextFor(previous);
    const { classification, hits } = ctx;
    const understood = ctx.followsUp ?? own;
    // A follow-up goes on about the topic before ("那二级呢"), unless it names nothing the knowledge base knows
    // and the classifier takes it for a greeting or a question about the assistant ("你是谁啊" ⏎ "你能干啥").
    // ("你好 你是机器人吗": a question put to the assistant about itself, though 机器 is a word of 农机.)
    const aboutTheAssistant =
      (classification.intent === "help" && !(hits[0] && engine.kb.index.matchesMeaning(hits[0]))) || WHO_YOU_ARE.test(withoutGreeting(text));
    if (previous && !aboutTheAssistant)
      Object.assign(ctx, {
        classification: {
          ...classification,
          intent:
            classification.intent === "feedback" ||
            classification.intent === "unknown" ||
            classification.intent === "help" ||
            (addsCount && classification.intent === "opinion")
              ? "policy"
              : classification.intent,
        },
      });
    // Optional: the LLM reads a message the offline classifier is unsure about; its output is validated, else ignored.
    const llm = this.options.services.llm;
    if (llm && classification.confidence < CLASSIFIER_SURE && !message.payload) Object.assign(ctx, await understandWithLlm(llm, ctx));
    // "村里统计烧煤的": a tally of something the knowledge base knows (coal, land, films), not the reports' statistics.
    const staffWork =
      mentionsStaffWork(foldText(text), engine.kb.data.conversation, ctx.reading) &&
      !(
        /统计|汇总/.test(text) &&
        // (Never of the reports themselves: "统计一下这个月的投诉", "反映统计给俺看看".)
        !/反映|投诉|意见|问题|留言|反馈|回执|fk/i.test(text) &&
        !mentionsStaffWork(foldText(text).replace(/统计|汇总/g, ""), engine.kb.data.conversation, ctx.reading) &&
        ctx.hits[0] !== undefined &&
        ctx.hits[0].matchedWords.some((w) => !/统计|汇总/.test(w)) &&
        engine.kb.index.matchesMeaning(ctx.hits[0])
      );
    // "意见可大了" is a complaint about the past, not an opinion in a consultation: only words of voting count.
    // "镇里上新项目前咋征求群众意见" asks how the township consults: a policy question, not a consultation's.
    const opinionWords = /提意见|征求|投票|投一票|支持|反对|赞成|同意|选项/.test(foldText(text)) && !CONSULTING_ASKED.test(foldText(text));
    // Coverage counts only when the best entry matched a word of meaning: "在不在", "你都能帮我做什么" share a
    // character or a verb with some entry, and are still greetings and questions about the assistant.
    const top = ctx.hits[0];
    const topicCoverage = top && engine.kb.index.matchesMeaning(top) ? top.coverage : 0;
    const route = routeByReading(routeIntent(ctx.classification, topicCoverage), ctx.reading, staffWork, opinionWords);
    // "郝家庄室外健身器材5套": a figure told of a topic the knowledge base knows, in no word of a consultation, is
    // no answer to one.
    if (route.intent === "opinion" && !opinionWords && ctx.reading.kind === "open" && topicCoverage >= CONFIDENCE.answer && PLACE_COUNTED.test(foldText(text)))
      route.intent = "policy";
    // "二组压了九吨", "三组三吨半": a part of a village with a quantity, nothing wrong said, is a tally going on, never
    // a report.
    // (Only the part, a verb of tallying and the quantity: "二组倒了两吨垃圾在河边" tells a trouble.)
    const said = foldText(text).trim();
    const part = PART_NAMED.exec(said)?.[0] ?? engine.kb.index.places.find((place) => said.startsWith(place));
    const partTold = part !== undefined && PART_TALLY.test(said.slice(part.length).replace(/^村/, ""));
    if (route.intent === "feedback" && ctx.reading.kind === "open" && partTold) route.intent = "policy";
    // "但不想光拿租金": nothing is wrong in the words and the classifier is unsure it is a report. Nothing
    // is filed on a guess: the feedback feature answers what it can and asks whether to file.
    if (route.intent === "feedback" && ctx.reading.kind === "open" && ctx.classification.confidence < UNSURE_REPORT)
      Object.assign(ctx, { reading: { kind: "report_or_question" } });
    // "水库边上那块地原来是干啥的" is no greeting: a question the knowledge base knows about is answered.
    if (
      route.intent === "help" &&
      ctx.reading.kind !== "smalltalk" &&
      (ctx.reading.kind === "question" || (ctx.reading.kind === "open" && ctx.reading.asks)) &&
      topicCoverage >= CONFIDENCE.clarify &&
      // "你是机器人吗": a question put to the assistant about itself, though 机器 is a word of 农机.
      !ABOUT_YOU.test(withoutGreeting(text))
    ) {
      route.intent = "policy";
    }
    // A story told around one word naming a topic the knowledge base knows ("…老打媳妇，俺看不下去"): answered
    // from that entry, not turned away.
    if (route.intent === "unknown" && ctx.reading.kind !== "smalltalk" && soleTopic(engine.kb.index, ctx.hits)) route.intent = "policy";
    // (A message the feedback feature would only ask about, nothing wrong said in it, may be another's too:
    // "我们家是建档立卡户" tells the screener the household's standing.)
    const unsureReport = route.intent === "feedback" && ctx.reading.kind === "report_or_question" && ctx.classification.confidence < UNSURE_REPORT;
    const claimant =
      route.intent === "policy" || route.intent === "unknown" || route.intent === "help" || unsureReport
        ? [...this.handlers.values()].find((h) => h.intent !== route.intent && h.claims?.(ctx))
        : undefined;
    if (claimant) route.intent = claimant.intent;
    const handler = claimant ?? this.handlers.get(route.intent) ?? this.handlers.get("unknown");
    if (!handler) return { intent: route.intent, confidence: route.confidence, replies: [reply(APOLOGY)] };
    const result = await this.guard(route.intent, text, () => handler.handle(ctx));
    // A follow-up's combined reading is logged with it: the next follow-up refers to it.
    if (result && previous) return { confidence: route.confidence, ...result, understood: maskPersonalData(understood) };
    return result ? { confidence: route.confidence, ...result } : { intent: route.intent, confidence: route.confidence, replies: [reply(APOLOGY)] };
  }

  /**
   * The active dialogue gets the first look, after the core has decided what the message is: a reset ends
   * it, small talk passes it by, and whatever its owner does not take is routed as a new message.
   */
  private async continueDialogue(ctx: TurnContext, text: string): Promise<TurnResult | undefined> {
    const active = ctx.dialogue.active();
    if (!active) return undefined;
    const dialogue = this.dialogues.get(active.owner);
    const state = dialogue?.schema.safeParse(active.state);
    if (!dialogue || !state?.success) {
      ctx.dialogue.end(active.owner);
      return undefined;
    }
    const turn = turnKind(ctx);
    if (turn === "smalltalk" && !dialogue.hearsSmallTalk) return undefined;
    const result = await this.guard(dialogue.owner, text, () => dialogue.continue(ctx, state.data, turn));
    if (result) return result;
    if (turn === "reset") {
      ctx.dialogue.end(active.owner);
      return { intent: "help", replies: [reply("好的，已经取消了。有别的事，直接问我就行。")], answerKind: "dialogue_reset" };
    }
    return undefined;
  }

  /** Error boundary per intent: one handler's failure becomes an apology, never a dropped message. */
  private async guard(name: string, text: string, run: () => Promise<TurnResult | undefined> | TurnResult | undefined): Promise<TurnResult | undefined> {
    try {
      return await run();
    } catch (cause) {
      const error = new HandlerError(name, maskPersonalData(text), cause);
      this.options.services.logger.error("handler failed", { error, intent: name, cause: (cause as Error)?.stack });
      return { intent: "unknown", replies: [reply(APOLOGY)] };
    }
  }
}

/** How close to the best entry a follow-up's match with the thread's entry must be to stay in the thread. */
const THREAD_CLOSE = 0.8;

/** "还说补助那个", "说回补助 …": the word a message coming back names (it may end at a pause). */
const BACK_TO_NAMED = new RegExp(`(?:${BACK_TO}|说回|还说|再说|接着说)([\\u4e00-\\u9fa5]{2,6}?)(?:那个|那事|那块|那|的事|上|[\\s，,]|$)`);

/** How many of the closest entries a message saying it comes back (回到, 还说) to an earlier topic may mean. */
const COME_BACK_HITS = 4;

/** Below this classifier confidence, a message with no word for anything wrong is not filed without asking. */
const UNSURE_REPORT = 0.65;

/** A message asking only for a phone number ("电话多少", "那他们电话呢"): about the topic before. */
const PHONE_ONLY =
  /^(?:那|那么)?(?:他们|她们|那里|那边|这个|那个|这|那)?(?:的)?(?:联系)?(?:电话|手机号)(?:号码)?(?:是)?(?:多少|几号|是啥|是什么|呢|有没有|有吗)*$/;

/** A question put to the assistant about itself ("你是真人吗", "你会不会说话"). */
/** How opinions are sought ("咋征求群众意见", "征求意见一般咋弄", "征求意见的办法"): the township's method asked about. */
const CONSULTING_ASKED =
  /(?:咋|怎么|怎样|如何)[^，,。？?]{0,8}(?:征求|听取|收集)|(?:征求|听取|收集)[^，,。？?]{0,8}(?:一般|平时|通常|都是)?(?:咋|怎么|怎样|如何)(?:弄|搞|做|办|进行|样)|(?:征求|听取|收集)[^，,。？?]{0,6}(?:办法|方法|做法|经验|程序|流程|步骤)/;
/** "好 …", "好的，…", "行 …": an acknowledgement opening a message that goes on. */
const ACK_BEFORE = /^(?:好的?|好嘞|行|嗯嗯?|中|哦|噢)[，,\s]+(?=\S{2,})/;

// (侬 and 恁: "you" in Wu and in Henan speech.)
const ABOUT_YOU = /^(?:请问)?[你您侬恁](?:到底)?(?:是|会|能|叫|几|多大)/;
/** "你是机器人吗", "您叫啥": who the assistant is, never a request put to it ("你能再算算俺家俩的吗"). */
const WHO_YOU_ARE = /^(?:请问)?[你您侬恁](?:到底)?(?:是(?:谁|啥|什么|哪|个|机器|人|真人|(?:做|干)(?:啥|什么))|叫|几岁|多大)/;
/** The message folded, without the greeting it may open with ("你好 你是机器人吗"). */
const withoutGreeting = (text: string) =>
  foldText(text)
    .trim()
    .replace(/^(?:你好|您好|侬好|恁好|喂|哎)[，,\s!！。]*/, "");

const CORRECTION = /^(?:不对|不是的?[，,]|错了|说错了|搞错了|更正|纠正)/;
const QUESTION_WORDS = /[?？吗呢]|怎么|咋|哪|什么|啥|多少|谁|为什么|能不能|可不可以|是不是/;

/** What a message is, relative to a dialogue in progress. Pure apart from reading the turn's context. */
export function turnKind(ctx: Pick<TurnContext, "reading" | "text" | "classification" | "hits">): TurnKind {
  const { reading } = ctx;
  if (reading.kind === "reset") return "reset";
  if (reading.kind === "smalltalk")
    return reading.what === "thanks" || reading.what === "greeting" || reading.what === "farewell" || reading.what === "preamble" || reading.what === "news"
      ? "smalltalk"
      : "answer";
  if (CORRECTION.test(ctx.text.trim())) return "correction";
  if (reading.kind === "report") return "report";
  const long = ctx.text.replace(/\s/g, "").length >= 6;
  const asks = reading.kind === "question" || QUESTION_WORDS.test(ctx.text);
  if (long && (asks || (ctx.hits[0]?.coverage ?? 0) >= CONFIDENCE.answer)) return "new_question";
  return "answer";
}

/** "三组2户 五组3户", "一二级的12个": counts said in an earlier message, which a village total asked goes on from. */
// ("十一个": 一 only after 十; "一个" alone counts nobody.)
// ("领了三个月" counts months, nobody.)

/** A follow-up stays on the entry the previous answer came from, when the search still finds it. */
function threadFirst(hits: SearchHit[], entryIds: readonly string[]): SearchHit[] {
  const thread = hits.find((h) => entryIds.includes(h.entry.id));
  if (!thread) return hits;
  return [{ ...thread, coverage: Math.max(thread.coverage, CONFIDENCE.answer) }, ...hits.filter((h) => h !== thread)];
}
