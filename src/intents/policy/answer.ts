// Turns search hits into a reply: a grounded answer, a clarifying question, or an honest "no answer".
import { absentProgramme } from "../../core/absent.ts";
import { GONE, goneFromCount, isCounted, readHousehold } from "../../eligibility/household.ts";
import { money, monthOf } from "../../eligibility/render.ts";
import { exactly, findQuantities, parseNumber, readDuration, WEIGHT_UNITS, type Quantity } from "../../eligibility/numbers.ts";
import { isRoughRange, settleRoughCount, UNCOUNTED } from "../../text/numbers.ts";
import { type PolicyAnswerKind, type Citation, CONFIDENCE, citationOf, decide, FALLBACK_CONTACT, soleTopic } from "../../knowledge/hits.ts";
import type { Entry, Fact } from "../../knowledge/schema.ts";
import type { AnalyzedQuery, KnowledgeIndex, SearchHit } from "../../knowledge/search.ts";
import { DROPPED_HOME, GRADE_NUMBER, type GradeGroup, gradesSaid, readGradeTally, SOME_NOT_POOR } from "../../core/tally.ts";
import { misreadRate, misreadRatio, misreadUnit } from "./misread.ts";
import { readPartsTally } from "../../core/parts.ts";
import { type Claim, CONFIRM_ASKED, CONFIRM_TAG, claimHolds, overMonths, readClaim, readStatedClaim, spanOf, withinMore } from "../../core/claim.ts";

const MAX_FACTS = 4;
const MAX_TOPICS = 3;
const FACT_MATCH_MIN = 0.35;

export interface ComposedAnswer {
  kind: PolicyAnswerKind;
  text: string;
  citations: Citation[];
  /** Entries offered or used, for the conversation log. */
  entryIds: string[];
  confidence: number;
  quickReplies: Array<{ label: string; payload: string }>;
}

/** A clarification's best entry is answered outright when it covers this much and leads the runner-up by this ratio. */
const LEAD_COVERAGE = 0.42;
const LEAD_RATIO = 1.25;

/** A runner-up this close to the leader, naming everything the leader misses, answers the question better. */
const MISS_SWAP_RATIO = 0.8;
/** A fact score the question's own words give only a fact they clearly pick out (a rare word or several). */
const FACT_PICKED = 4.5;

export function composeAnswer(index: KnowledgeIndex, query: AnalyzedQuery, found: readonly SearchHit[]): ComposedAnswer {
  const phone = phoneAnswer(index, query);
  if (phone) return phone;
  // "汪疃镇归哪个县管": the source hides its county's and province's names (xx县).
  const above = ABOVE_ASKED.exec(query.text);
  if (above)
    return {
      kind: "no_answer",
      text: `资料里没有写${above[1]}归哪个${above[2]}管，原文把县名隐去了（写作 xx 县），我不乱说。想确认的话，问问镇政府或村委会。`,
      citations: [],
      entryIds: [],
      confidence: 0,
      quickReplies: [],
    };
  // "持证率比去年高了多少": the relief entry shares more words but lacks 持证率, which the certificate entry has.
  const [first, second] = found;
  // ("俺家娃脑瘫…康复训练": the third names 脑瘫 too, which the two before it miss.)
  const complete =
    first && index.salientMisses(first).length > 0
      ? found.slice(1, 3).find((h) => h.score >= first.score * MISS_SWAP_RATIO && index.salientMisses(h).length === 0)
      : undefined;
  const swapped = complete
    ? [complete, ...found.filter((h) => h !== complete)]
    : asksWhatOnlySecondHas(index, query, found)
      ? [second!, first!, ...found.slice(2)]
      : found;
  const hits = preferAskedNumber(index, query, preferQuotedFigure(query, swapped));
  // "听人讲县里发的那314万救助款是每个残疾人都能分": a sum heard names the entry stating it, however few other
  // words the two share; the answer checks what was said of it.
  const heard = decide(hits) === "no_answer" ? stating(hits, readStatedClaim(query.text)) : undefined;
  if (heard) return factAnswer(index, query, heard.entry, heard.coverage);
  // "残疾人坐公交免费不": whether a thing no entry speaks of is free; another programme's 免费 is no answer.
  // (The thing is the word right before 免费/要钱: "坐火车能免费不", not "拉去压缩要钱不" or "去医院就要钱".)
  const unknownThing = FREE_ASKED.test(query.text)
    ? unknownWords(index, query).find((w) =>
        new RegExp(`${w}(?:能|可以|是|也)?(?:免费|免不免费|要钱|要不要钱|收钱|收不收钱|收费|收不收费|花钱)`).test(query.text),
      )
    : undefined;
  if (unknownThing) return noAnswer(Math.min(hits[0]?.coverage ?? 0, CONFIDENCE.clarify - 0.01), hits[0], `${unknownThing}免不免费`);
  // The only close entry holding the number asked for: answered, with the others offered.
  if (hits[0] !== swapped[0] && hits[0]!.coverage >= CONFIDENCE.clarify && !hits[0]!.entry.needs_review && !absentProgramme(index, query)) {
    return withAlternatives(factAnswer(index, query, hits[0]!.entry, hits[0]!.coverage), hits);
  }
  const kind = decide(hits);
  const top = hits[0];
  const confidence = top?.coverage ?? 0;
  // "重度残疾人的医疗保险 县里给代缴多少": the leader (the pension contribution) answers everything but the word
  // naming the programme asked (医保), which another entry is named by: that entry answers, never the leader's figure.
  const namedElsewhere = top && kind === "answer" && FIGURE_ASKED.test(query.text) ? namedByMiss(index, top) : undefined;
  if (namedElsewhere) {
    const hit = { entry: namedElsewhere, score: top!.score, coverage: confidence, matchedWords: [], unmatchedWords: [] };
    const answer = namedElsewhere.needs_review ? reviewAnswer(namedElsewhere, confidence) : factAnswer(index, query, namedElsewhere, confidence);
    return withAlternatives(answer, [hit, top!]);
  }
  // Never another programme's figure: a subsidy the knowledge base has no word for is not answered.
  const absent = absentProgramme(index, query) ?? unmeasuredRate(index, query);
  if (absent) return noAnswer(Math.min(confidence, CONFIDENCE.clarify - 0.01), top, absent);
  // A question wrapped in many words of its own ("俺是妇女想做点小买卖 缺本钱 有啥路子") covers little of any
  // entry, yet one entry matches a rare word naming its topic, misses none, and clearly leads: answered,
  // with the runners-up offered.
  if (top && kind !== "answer" && kind !== "needs_review" && topicLeads(index, query, hits))
    return withAlternatives(factAnswer(index, query, top.entry, confidence), hits);
  // "俺兄弟脑子不清楚好些年了 天天得吃药 … 家里就靠低保 这药钱有地方报点不": the story around the question
  // spreads it over several topics; the clause that asks names one of them clearly.
  const asked = top && kind !== "answer" && kind !== "needs_review" ? askingClauseLeader(index, query, hits) : undefined;
  if (asked) return withAlternatives(factAnswer(index, query, asked.entry, confidence), [asked, ...hits.filter((h) => h !== asked)]);
  if (!top || kind === "no_answer") return noAnswer(confidence, top);
  // "村里修路的钱谁出": the close entries share one stray character with the question (出) and no word,
  // and it names a thing no entry knows (修路): a menu of unrelated entries would suggest one of them covers it.
  const stray = kind === "clarify" && !hits.slice(0, 3).some((h) => sharesWord(index, h)) ? unknownWords(index, query)[0] : undefined;
  if (stray) return noAnswer(Math.min(confidence, CONFIDENCE.clarify - 0.01), undefined, stray);
  // "小麦直补一亩能补几个钱": the one close entry the question names outright by its title or an alias answers
  // (saying plainly what it lacks), with the others offered; a menu would make the villager name it twice.
  const named = hits.slice(0, 3).filter((h) => [h.entry.title, ...h.entry.aliases].some((n) => n.length >= 3 && query.text.includes(n)));
  if (kind === "clarify" && named.length === 1 && named[0]!.coverage >= CONFIDENCE.clarify && index.salientMisses(named[0]!).length === 0) {
    const [hit] = named as [SearchHit];
    const answer = hit.entry.needs_review ? reviewAnswer(hit.entry, hit.coverage) : factAnswer(index, query, hit.entry, hit.coverage);
    return withAlternatives(answer, [hit, ...hits.filter((h) => h !== hit)]);
  }
  if (kind === "clarify") {
    // A clear leader that covers most of the question is answered, with the runners-up offered as
    // buttons: a list of titles alone makes the villager do the work the index already did.
    const second = hits[1];
    // Coverage before answering: a leader that misses a word naming another topic is not answered.
    // A runner-up missing a word that names the topic ("持证率") is no real alternative to a leader that has it.
    const onlyComplete = second !== undefined && index.salientMisses(second).length > 0;
    const leads =
      (top.coverage >= LEAD_COVERAGE || onlyComplete) &&
      (!second || onlyComplete || top.score >= second.score * LEAD_RATIO) &&
      missesThatCount(index, query, hits).length === 0 &&
      // ("村里二十户 每户两吨 一户按1500一吨算": a leader sharing only words every per-household programme has,
      // and never speaking of the tonnes asked about, answers nothing the question names.)
      (index.namesTopic(top) || !measuresElsewhere(query.text, top.entry));
    if (leads) {
      // An entry still without its figures says so: no figure to misread, and no menu to name it twice.
      const answer = top.entry.needs_review ? reviewAnswer(top.entry, confidence) : factAnswer(index, query, top.entry, confidence);
      const others = clarify(hits.slice(1), confidence)
        .quickReplies.slice(0, 2)
        .map((q, i) => ({ ...q, label: q.label.replace(/^\d+\. /, `${i + 1}. `) }));
      return others.length
        ? { ...answer, text: `${answer.text}\n不是您要问的？也可以点：${others.map((o) => o.payload).join("、")}`, quickReplies: others }
        : answer;
    }
    // "镇里拿群众的啥当唯一标准": the question's own words clearly pick out a fact of one of the close
    // entries: the entry with the fact picked out best answers, with the others offered.
    const close = hits
      .slice(0, 3)
      .filter((h) => h.score >= top.score * MISS_SWAP_RATIO && !h.entry.needs_review && index.salientMisses(h).length === 0)
      // ("二十户 每户一个月烧半吨煤": a runner-up sharing only words every programme has, 每户 and 每年, never
      // takes the lead from the entry the question's own things point to.)
      .filter((h) => index.namesTopic(h) || (h === top && !measuresElsewhere(query.text, h.entry)))
      .map((hit) => ({ hit, picked: index.rankFacts(hit.entry, query)[0]?.score ?? 0 }))
      .sort((a, b) => b.picked - a.picked);
    // A runner-up takes the lead only with a fact picked out clearly better than the leader's best.
    const leader = close.find((c) => c.hit === top);
    // ("健身广场 到底建多大": a fact naming the words better is no answer when only the leader holds the area asked.)
    const figureAsked = close[0] && leader && close[0] !== leader ? askedFigure(index, query) : undefined;
    const holdsAsked = figureAsked !== undefined && figureAsked.holds(top.entry) && !figureAsked.holds(close[0]!.hit.entry);
    const pick = close[0] && leader && close[0] !== leader && (close[0].picked < leader.picked * 1.1 || holdsAsked) ? leader : close[0];
    if (pick && pick.picked >= FACT_PICKED)
      return withAlternatives(factAnswer(index, query, pick.hit.entry, pick.hit.coverage), [pick.hit, ...hits.filter((h) => h !== pick.hit)]);
    // "那个救助是哪个单位管的，俺上哪问去": whom to ask, and the close entries all go to the same office: that is
    // the answer whichever of them was meant; the leader says it, with the others offered.
    const office = (entry: Entry) => entry.contact.split(/[；;，,、或（(]/)[0]!.trim();
    const near = hits.slice(0, 3).filter((h) => h.score >= top.score * MISS_SWAP_RATIO);
    if (CONTACT_ASKED.test(query.text) && near.length > 1 && near.every((h) => office(h.entry) === office(top.entry)) && !top.entry.needs_review)
      return withAlternatives(factAnswer(index, query, top.entry, confidence), hits);
    const answer = clarify(hits, confidence);
    const offered = hits.filter((h) => answer.entryIds.includes(h.entry.id));
    const asked = askedFigure(index, query);
    if (asked && answer.entryIds.length > 1) {
      // "建一个沼气池国家给补多少钱", "产假能休多少天": a figure asked, and none of the entries offered holds one
      // of its kind. That is said first, so the menu is not read as a promise that one of them has it.
      // An entry missing a word that names the question's topic ("月嫂") holds no figure of it.
      const holders = offered.filter((h) => asked.holds(h.entry) && (h === top || index.salientMisses(h).length === 0));
      if (holders.length === 0) return { ...answer, text: `${asked.missing}${answer.text}` };
      // "健身广场占地好大 啷个大法": the leader holds the kind of figure asked; it answers, the others
      // offered beside it. Only when it names a topic of its own and misses no word naming another topic.
      if (holders[0] === top && !top.entry.needs_review && index.namesTopic(top) && index.salientMisses(top).length === 0)
        return withAlternatives(factAnswer(index, query, top.entry, confidence), hits);
    }
    // One candidate is not a choice: answer it, since the reply names the topic it answers.
    if (answer.entryIds.length !== 1) return answer;
    return top.entry.needs_review ? reviewAnswer(top.entry, confidence) : factAnswer(index, query, top.entry, confidence);
  }
  if (kind === "needs_review") return reviewAnswer(top.entry, confidence);
  return factAnswer(index, query, top.entry, confidence);
}

/** How close a runner-up naming what the asking clause asks must be to take the lead from one that misses it. */
const ASKED_SWAP_RATIO = 0.7;

/**
 * "俺家地在郝家庄 想流转给威啤 除了拿租金 能不能入股": the project's entry shares the story's names, but the
 * clause that asks names 入股, which only the runner-up has; the runner-up misses only words of the story.
 */
function asksWhatOnlySecondHas(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): boolean {
  const [first, second] = hits;
  if (!first || !second || second.score < first.score * ASKED_SWAP_RATIO) return false;
  const clause = askingClause(query.text);
  if (!clause) return false;
  const asked = new Set(index.analyze(clause).words);
  const missed = (hit: SearchHit) => index.salientMisses(hit).filter((w) => asked.has(w));
  return missed(first).length > 0 && missed(second).length === 0 && missed(first).every((w) => second.matchedWords.includes(w));
}

/** How close a runner-up holding the kind of number asked for must be to take the lead. */
const ASKED_NUMBER_RATIO = 0.7;

/**
 * "健身广场100亩合多少平方米": the figure the villager quotes, with its unit, names the entry that states it; a
 * close runner-up stating it answers before a leader that does not.
 */
function preferQuotedFigure(query: AnalyzedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  // (A count said of a part of the village, "一组3人 二组2人", is the villager's own tally, quoted from no entry.)
  const quoted = [...query.text.matchAll(/(?<![组队社片村庄屯](?:里|上)?(?:有|是)?\s*)(\d+(?:\.\d+)?)\s*(亩|万元|万|平方米|千米|公里|米|吨|户|人|名)/g)].map(
    (m) => new RegExp(`(?<![\\d.])${m[1]!.replace(".", "\\.")}\\s*${m[2]!.startsWith("万") ? "万" : m[2]}`),
  );
  const [top] = hits;
  if (!top || quoted.length === 0) return hits;
  const states = (hit: SearchHit) => [hit.entry.summary, ...hit.entry.facts.map((f) => f.text)].some((t) => quoted.some((q) => q.test(t)));
  if (states(top)) return hits;
  const better = hits.slice(1, 3).find((h) => states(h) && h.score >= top.score * RIVAL_RATIO && !h.entry.needs_review);
  return better ? [better, ...hits.filter((h) => h !== better)] : hits;
}

/**
 * "土地流转有多少户签合同了": the entry on how to transfer land shares more words, but only the project's
 * entry holds a count of households. A close runner-up that holds the number asked for answers instead.
 */
function preferAskedNumber(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  // Counts of people, households, villages …; most entries hold some money figure, so money does not tell them apart.
  const patterns = ASKED_UNITS.filter(([asked, inFact]) => asked.test(query.text) && !isMoneyKind(inFact)).map(([, inFact]) => inFact);
  // "有八百多户签合同了吧": a count put to confirm asks for the entry that counts in its unit.
  const claim = readClaim(query.text);
  if (claim?.kind === "count" && claim.unit && !/[个名位人]/.test(claim.unit)) patterns.push(new RegExp(`\\d\\s*(?:多)?\\s*${countedIn(claim.unit)}`));
  const top = hits[0];
  if (top && patterns.length === 0) return preferPaidMoney(index, query, hits);
  if (!top || patterns.length === 0) return hits;
  const holds = (hit: SearchHit) => hit.entry.facts.some((f) => patterns.some((p) => p.test(f.text)));
  if (holds(top)) return hits;
  const better = hits.slice(1, 3).find((h) => holds(h) && h.score >= top.score * ASKED_NUMBER_RATIO && h.coverage >= top.coverage * ASKED_NUMBER_RATIO);
  return better ? [better, ...hits.filter((h) => h !== better)] : hits;
}

/**
 * The kind of figure a question asks for, if it names one: an amount paid (per mu, per day … when said so),
 * or a count, a weight, a duration … as ASKED_UNITS reads them. `holds` tells an entry with a fact of that
 * kind about what was asked (sharing its words); `missing` says plainly that none has one.
 */
function askedFigure(index: KnowledgeIndex, query: AnalyzedQuery): { holds: (entry: Entry) => boolean; missing: string } | undefined {
  const question = query.text;
  const about = (entry: Entry, kind: (text: string) => boolean) => index.rankFacts(entry, query).some((r) => r.score >= FACT_MATCH_MIN && kind(r.fact.text));
  const asked = ASKED_UNITS.filter(([a, inFact]) => a.test(question) && !isMoneyKind(inFact));
  const kinds = asked.map(([, inFact]) => inFact);
  const perUnit = perUnitMoney(question);
  // Money per person ("一个人领多少") is stated by a fact such as "每人每月 50 元", whatever words it shares.
  if (perUnit) return { holds: (e) => e.facts.some((f) => perUnit.stated.test(f.text)), missing: perUnit.missing };
  // "技术员一个月工资多少": money of a kind (wages, a fine, a sum invested) only a fact about that kind answers.
  const moneyKind = kinds.length === 0 ? MONEY_KINDS.find(([a]) => a.test(question)) : undefined;
  if (moneyKind) return { holds: (e) => [e.summary, ...e.facts.map((f) => f.text)].some((t) => moneyKind[1].test(t)), missing: moneyKind[2] };
  // An investment or a price ("投资 20 万元", "1360 元/吨") is no amount paid to anyone.
  if ((ASKS_AMOUNT.test(question) || PAID_ASKED.test(question)) && kinds.length === 0)
    return { holds: (e) => about(e, (t) => ANY_MONEY.test(t) && !SPENT.test(t)), missing: "资料里没有写这笔钱给多少，我不乱说数字。" };
  // A count ("看了几户") is answered by the entry's count of that unit whatever words it shares ("慰问了全县
  // 100 户"); a time or a span ("产假多少天") only by a fact about what was asked ("0～6 个月婴儿" is not it).
  const counts = asked.every(([, , evenUnshared]) => !evenUnshared);
  const holds = (e: Entry) => (counts ? e.facts.some((f) => kinds.some((k) => k.test(f.text))) : about(e, (t) => kinds.some((k) => k.test(t))));
  if (kinds.length > 0) return { holds, missing: "资料里没有写您问的这个数，我不乱说数字。" };
  return undefined;
}

/** "一年多少", "每月能领多少": an amount paid over a period, though no word for money is said. */
const PAID_ASKED = /(?:每|一)(?:年|个?月)(?:能|可以)?(?:领|拿|给|发|补)?多少(?![人户个次名场吨亩天本册套例位])/;
/** A charge to the asker asked: "收费吗", "要花钱不", "费用咋算", "收多少". */
const CHARGE_ASKED = /收费|收钱|收不收|要钱|要不要钱|花钱|掏钱|出钱|(?<!免)费用|收多少|交多少钱|自费/;
/** What something cost asked ("投资多少", "花了多少"): then the sum spent is the answer. */
const SPENT_ASKED = /投资|投入|造价|花了|建成花|预算/;
/** Whom or where to ask: "哪个单位管", "上哪问去", "找谁办", "归谁管". */
export const CONTACT_ASKED = /哪个(?:单位|部门)|(?:上|去|到)哪(?:儿|里)?(?:问|办|申请|报名|找|领)|找谁|谁管|归谁管|谁负责|在哪(?:儿|里)?办/;
/** Money spent or priced, not paid out. */
const SPENT = /投资|投入|花了|花费|预算|出资|价值|价格|市场价|装修/;

/**
 * The words a per-unit amount may be stated in, by the unit asked: a price per ton also answers per jin, a yearly
 * amount per month (both worked out below), 回 and 趟 are 次, 娃 is 孩子.
 */
const SAME_UNIT: Record<string, string> = {
  人: "(?:人|位|名)",
  位: "(?:人|位|名)",
  斤: "(?:斤|公斤|吨)",
  月: "(?:人|户)?(?:每)?(?:月|年)",
  次: "(?:次|回|趟)",
  回: "(?:次|回|趟)",
  趟: "(?:次|回|趟)",
  孩子: "(?:孩子|儿童|娃)",
  儿童: "(?:孩子|儿童|娃)",
  娃: "(?:孩子|儿童|娃)",
};

/** Money asked per mu, per household, per day …: the unit, a pattern for a fact stating such an amount, and the saying when none does. */
function perUnitMoney(question: string): { stated: RegExp; missing: string } | undefined {
  const asked = AVERAGE_ASKED.test(question) ? null : (PER_UNIT_MONEY.exec(question) ?? PER_DAY_MONEY.exec(question));
  if (!asked) return undefined;
  // "一天合多少钱": a yearly or monthly amount is turned into a day's (worked out below).
  const unit = asked[1] === "天" && !/工钱|工资/.test(asked[0]) ? "(?:人|户)?(?:每)?(?:天|月|年)" : (SAME_UNIT[asked[1]!] ?? asked[1]);
  // "入托一个月交多少钱": money paid in, not given out.
  const paidIn = /交|收/.test(asked[0]);
  return {
    stated: new RegExp(`(?:每|一)(?:个)?${unit}[^。；]{0,12}\\d[\\d.]*\\s*元|\\d[\\d.]*\\s*元\\s*/\\s*${unit}`),
    missing: `资料里没有写每${/孩子|儿童|娃/.test(asked[1]!) ? "个孩子" : asked[1]}${paidIn ? "交" : "给"}多少钱，我不乱说数字。`,
  };
}

/**
 * "地流转出去以后 一年给老百姓多挣多少钱": money asked, the leader (how to take part) states none, and a close
 * runner-up (the project: 200 多万元 a year) does. The runner-up answers; it misses no topic the leader has.
 */
function preferPaidMoney(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): readonly SearchHit[] {
  const asksMoney = ASKS_AMOUNT.test(query.text) || MONEY_KINDS.some(([asked]) => asked.test(query.text));
  const pays = (hit: SearchHit) => [hit.entry.summary, ...hit.entry.facts.map((f) => f.text)].some((t) => ANY_MONEY.test(t) && !SPENT.test(t));
  const [top] = hits;
  if (!asksMoney || !top || pays(top)) return hits;
  const misses = new Set(index.salientMisses(top));
  const better = hits
    .slice(1, 3)
    .find(
      (h) =>
        pays(h) &&
        !h.entry.needs_review &&
        h.score >= top.score * ASKED_NUMBER_RATIO &&
        index.namesTopic(h, true) &&
        index.salientMisses(h).every((w) => misses.has(w)),
    );
  return better ? [better, ...hits.filter((h) => h !== better)] : hits;
}

/** Asking for an amount of money paid out ("补贴多少", "给多少钱", "每月多少钱"), not a count. */
const ASKS_AMOUNT =
  /(?:补贴|补助|津贴|资助|钱|金)[^，,。？?\s]{0,4}\s?(?:多少|几个钱)(?![人户例个名位])|多少[^，,。？?\d\s]{0,4}(?:补贴|补助|津贴)|(?:多少|几个)钱|给多少(?![人户])|补多少/;
/** "一亩补偿多少钱", "一次收多少", "一个孩子补多少": money asked per unit. */
const PER_UNIT_MONEY =
  /(?<![了过])(?:一|每)(?:个)?(亩|户|次|回|趟|孩子|儿童|娃|学期|只|头|人|位|斤|台|辆|套|月(?=[^，,。？?\d]{0,2}(?:交|收)))[^，,。？?\d]{0,6}(?:补偿|补助|补贴|给|收|卖|交|能补|能给)?[^，,。？?\d]{0,2}(?:多少钱|几个钱|多少)(?!人|户|位)/;
/** "一天给多少工钱", "每天给多少生活费": money per day (not "一天能压多少", a daily amount of work). */
const PER_DAY_MONEY = /(?:一|每)(天)[^，,。？?\d]{0,6}(?:多少|几个)(?:钱|工钱|工资|生活费|补助|补贴|块)/;
/**
 * Money of a kind the entry may not be about at all: a fine ("烧秸秆罚多少"), earnings ("月嫂一个月能挣多少").
 * Answered only by a fact about that very kind; the entry's other figures (a coal price, a count of trainees)
 * would read as the answer.
 */
const MONEY_KINDS: Array<[asked: RegExp, inFact: RegExp, saying: string]> = [
  [/罚款|罚(?:多少|几个钱|钱)|怎么罚|罚不罚/, /罚/, "资料里没有写罚不罚、罚多少，我不乱说数字。"],
  [
    /(?:挣|赚)(?:多少|几个钱|几千|得多)|工资(?:多少|有多少|能有多少|高不高|咋样|怎么样)|(?:收入|工钱)(?:多少|有多少)/,
    /工资|收入|收益|挣|赚|工钱|租金|分红/,
    "资料里没有写干这个能挣多少钱，我不乱说数字。",
  ],
  // "广场投资多少钱": what was spent on it, when the entry gives no sum spent (another entry's would not be its).
  // (Not "花了多少钱": for a programme that is what it paid out, "一共出了 39.01 万元".)
  [
    /(?:投资|投入|造价)(?:了)?(?:多少|几)/,
    /(?:投资|投入|花了|花费|出资|造价|预算)[^。；]{0,12}\d[\d.]*\s*多?\s*万?元/,
    "资料里没有写这项投了多少钱，我不乱说数字。",
  ],
];
/** Any amount of money in a fact: "100 元", "39.01 万元", "100 多万元". */
const ANY_MONEY = /\d[\d.]*\s*多?\s*万?元/;

/** A fact saying what the seed does not say ("修一次收不收费，资料里没写"). */
const isGap = (fact: Fact): boolean => fact.kind === "how" && /没写|没有写|没说|不清楚/.test(fact.text);

/** Asking for everything something requires: "标准是啥", "差在哪", "够啥条件", "要弄些啥". */
const REQUIREMENTS_ASKED =
  /标准(?:到底)?(?:是啥|是什么|有啥|有哪些|是怎么定的)|(?:啥|什么|哪些)标准|差在哪|(?:啥|什么|哪些)(?:样的)?(?:条件|要求)|(?:条件|要求)(?:是啥|是什么|有哪些|有啥)|(?:都|到底)?要求(?:有|是)?(?:些)?(?:啥|什么|哪些)|要弄(?:些)?(?:啥|什么)|标准[^，,。？?]{0,4}(?:捋|说说|讲讲)/;

/** Asking what came of something: what was done, whether it is finished. */
const OUTCOME_ASKED =
  /咋解决|怎么解决|解决了没|(?:镇里|镇上|村里|县里|政府|你们|上面)[^，,。？?]{0,4}(?:有没有办法|有啥办法|有什么办法)|后来|最后|结果|咋弄的|怎么弄的|咋办的|怎么办的|管过|管没管|建好|建成|修好|弄好|咋样了|怎么样了|干了啥|做了啥|办成|弄成|整过|整治过|修过/;

/** "几个人", "多少户", "几吨", "投了多少钱": the kind of number asked for, as a pattern over fact texts. */
/** The kind of number asked, the facts that hold one, and whether such a fact answers without sharing a word. */
const ASKED_UNITS: Array<[asked: RegExp, inFact: RegExp, evenUnshared?: boolean]> = [
  [
    /(?:几|多少)(?:百|千|万)?(?:个)?(?:人|名|位|孩子|娃|妇女|儿童|残疾人)|(?:几|多少)(?:个|位|名)?[\u4e00-\u9fa5]{1,4}?残疾人(?!证)|多少个?人|人数|名额|底册|人(?:有|是|一共有|总共有)多少(?!钱)/,
    /\d[\d.,]*\s*(?:多|余)?\s*(?:万)?\s*(?:多|余)?\s*(?:人|名|位|人次)/,
  ],
  // "一共花了多少钱": a total, which a per-person amount ("每人 100 元") does not answer.
  [
    /一共花了|总共花了|一共出了|一共发了|总共发了|一共用了|花了多少|一共多少钱|总共多少钱|总共花|一共花|发了多少(?![人户个辆台件例次名位])/,
    /(?:一共|共|总共|合计)[^。；]{0,12}\d[\d.]*\s*多?\s*万?元|\d[\d.]*\s*多?\s*万元/,
  ],
  [/(?:几|多少)(?:百|千)?(?:个)?户|户数/, /\d[\d.,]*\s*(?:多)?\s*户/],
  // ("一共发了多少钱" asks money, below.)
  // ("有几个技术员", "考上清华北大的几个": 个 asks a count whatever the fact counts in, 名 and 人 too.)
  [/(?:几|多少)(?:辆|台|件|个|例|次|回)|发了多少(?!钱|万|块)|发放/, /\d+\s*(?:辆|台|件|个|例|次|名|位|人|所|家|处|座|条)/],
  [/(?:几|多少)(?:个)?吨/, /\d[\d.,–-]*\s*吨/],
  [/(?:一天|每天)[^，,。？?]{0,6}(?:多少|几)/, /每天|一天|每日/],
  [/(?:几|多少)(?:个)?(?:村|庄)/, /\d+\s*个(?:行政)?村/],
  [/(?:几|多少)(?:场|回)/, /\d+\s*场/],
  [/(?:几|多少)(?:本|册)/, /\d+\s*(?:本|册)/],
  [/(?:几|多少)(?:套)/, /\d+\s*套/],
  [/(?:几|多少)(?:类|种)/, /\d+\s*(?:类|种)/],
  // "占多大", "多大地方": an area, which the entry gives in 亩.
  [
    /(?:几|多少)(?:亩)|占多大|多大(?:地方|面积|一块|一片)|(?:占地|面积)(?:多少|多大|有多|好大)|啷个大|(?:建|修|盖|搞)(?:得)?(?:有)?多大(?!岁|年纪)/,
    /\d[\d.]*\s*亩/,
  ],
  [/(?:几|多少)(?:个)?(?:项目|决策|项)/, /\d+\s*(?:个|项)/],
  [/多少钱|花了多少|投了多少|投资|投入|花多少|多少万|资金|经费|钱数/, /\d[\d.]*\s*(?:万)?元/],
  [/(?:百分之|比例|多不多|占多少|率)/, /\d[\d.]*\s*[%％‰]/],
  // "搞了多长时间": how long something took, which the entry's own fact of months or days answers.
  [/多长时间|多久|(?<!好)几个月|多少天|(?<!好)几天|(?<!好)几年|多少年/, /\d+\s*个?(?:月|天|年)(?![^。；]{0,4}(?:元|块|钱))/, true],
  // "什么时候来查": when, which a fact naming months answers.
  [/什么时候|啥时候|哪个月|几月份?/, /\d+\s*(?:[～~-]\s*\d+\s*)?月(?!\s*[0-9]*\s*元)|元月|年底|年初|上旬|下旬/, true],
  // "那河修了多老长": a length.
  [/多(?:老)?长(?!时间)|几公里|多少(?:米|公里|千米)/, /\d[\d.]*\s*(?:千米|公里|米)/],
];

/** A kind of number whose facts are sums of money ("一共 100 万元"), not counts, weights or times. */
const isMoneyKind = (inFact: RegExp): boolean => inFact.test("一共 100 万元");

/** Facts holding the kind of number the question asks for rank first, statistics included. */
/** "教了多少人", "已经做了几例": what was done, not what is planned. */
const PAST_ASKED = /[教做培训发补办修建给治装配帮]了|已经|这一年|去年|今年/;
const FUTURE_ASKED = /明年|下一年|以后|计划|打算|将来|要[做办建]/;
const PLAN_FACT = /计划|下一年|明年|目标|将要|力争/;

function rankForAskedNumber(ranked: Array<{ fact: Fact; score: number }>, question: string): Array<{ fact: Fact; score: number }> {
  const patterns = ASKED_UNITS.filter(([asked]) => asked.test(question)).map(([, inFact]) => inFact);
  if (patterns.length === 0) return ranked;
  const past = PAST_ASKED.test(question) && !FUTURE_ASKED.test(question);
  return ranked
    .map((r, i) => ({ ...r, i, score: r.score + (patterns.some((p) => p.test(r.fact.text)) ? 1 : 0) - (past && PLAN_FACT.test(r.fact.text) ? 1.5 : 0) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ fact, score }) => ({ fact, score }));
}

const TOPIC_LEAD_RATIO = 1.4;
const TOPIC_LEAD_COVERAGE = 0.2;

function topicLeads(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): boolean {
  const [top, second] = hits;
  if (!top || top.entry.needs_review || (top.coverage < TOPIC_LEAD_COVERAGE && !soleTopic(index, hits))) return false;
  // A runner-up that misses a word naming the leader's topic ("网吧", "草垛") is no rival, however close.
  if (second && top.score < second.score * TOPIC_LEAD_RATIO && !index.salientMisses(second).some((w) => top.matchedWords.includes(w))) return false;
  return index.namesTopic(top, true) && missesThatCount(index, query, hits).length === 0;
}

/**
 * The hit among the first three that the message's asking clause alone points to: the last of two or more
 * clauses holding a question word, whose own best entry names its topic, misses no word naming another and
 * clearly leads. Undefined when there is no such clause or it does not decide.
 */
function askingClauseLeader(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): SearchHit | undefined {
  const clause = askingClause(query.text);
  if (!clause) return undefined;
  const [lead, second] = index.search(index.analyze(clause), 2);
  if (!lead || lead.entry.needs_review || !index.namesTopic(lead, true) || index.salientMisses(lead).length > 0) return undefined;
  if (second && lead.score < second.score * LEAD_RATIO) {
    // "当年让种天麻赔了…流转了到底能落啥好处": the clause is unsure only between two entries of one topic
    // (two on land transfer): the one closer in the message answers.
    const asked = new Set([lead.entry.id, second.entry.id]);
    const rival =
      second.entry.category !== lead.entry.category || second.entry.needs_review || !index.namesTopic(second, true) || index.salientMisses(second).length > 0;
    return rival ? undefined : hits.slice(0, 3).find((h) => asked.has(h.entry.id));
  }
  return hits.slice(0, 3).find((h) => h.entry.id === lead.entry.id);
}

const ASKING_CLAUSE = /[不吗么呢没]$|咋|怎|啥|什么|多少|几|哪|谁|能不能|有没有|管不管|^(?:可以|能否|可不可以)/;

/**
 * The last of two or more clauses that holds a question word; undefined for a one-clause message. A clause asking
 * only the cost ("残联有培训吗，要钱不") names no topic: the clause before it says what costs.
 */
function askingClause(text: string): string | undefined {
  const clauses = text.split(/[，,。.!！？?；;\s]+/).filter(Boolean);
  return clauses.length >= 2 ? [...clauses].reverse().find((c) => ASKING_CLAUSE.test(c) && !COST_ONLY.test(c)) : undefined;
}
const COST_ONLY = /^(?:那)?(?:要钱|收钱|收费|免费|花钱|掏钱|要不要钱|收不收钱|收不收费|免不免费)(?:的)?[不吗么没呢]?$/;

/** An entry this far behind the leader is no rival for a word the leader misses. */
const RIVAL_RATIO = 0.6;

/**
 * The leader's salient misses that stop it from answering. Asked for a figure, every one counts (never
 * another programme's number). Otherwise ("村里有没有能借书的地方", "镇里有啥打算") a missed word counts only
 * when an entry holding it is a real rival; a far-behind entry that happens to know "放假" is not.
 */
function missesThatCount(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): string[] {
  const [top, ...others] = hits;
  if (!top) return [];
  const misses = index.salientMisses(top);
  if (misses.length === 0 || FIGURE_ASKED.test(query.text)) return misses;
  return misses.filter((word) => others.some((h) => h.score >= top.score * RIVAL_RATIO && h.matchedWords.includes(word)));
}

/** The one other entry, without figures of its own, named outright (title or alias) by a salient word the leader misses. */
function namedByMiss(index: KnowledgeIndex, top: SearchHit): Entry | undefined {
  for (const word of index.salientMisses(top)) {
    // Only an entry named by the very word and itself without figures (it says what the seed lacks): a word that
    // is merely part of another entry's name, or an entry with figures, would trade one figure for another.
    const named = index.entries.filter((e) => e !== top.entry && e.needs_review && [e.title, ...e.aliases].includes(word));
    if (named.length === 1) return named[0];
  }
  return undefined;
}

const FIGURE_ASKED = /多少|几[个人户次年月天岁级元块吨亩场名例辆套]?|钱|补助|补贴|救助|给不给|能领|能拿|标准|价/;

/** The answer with the runners-up offered as buttons ("不是您要问的？也可以点：…"). */
export function withAlternatives(answer: ComposedAnswer, hits: readonly SearchHit[]): ComposedAnswer {
  const others = clarify(hits.slice(1), answer.confidence)
    .quickReplies.slice(0, 2)
    .map((q, i) => ({ ...q, label: q.label.replace(/^\d+\. /, `${i + 1}. `) }));
  return others.length
    ? { ...answer, text: `${answer.text}\n不是您要问的？也可以点：${others.map((o) => o.payload).join("、")}`, quickReplies: others }
    : answer;
}

/**
 * "除了收租金还能咋挣": what the villager already knows is set aside; the facts about the rest come first.
 * The excepted words are read from the question's own analysis, so synonyms (租钱 → 租金) count.
 */
function setAsideExcepted(index: KnowledgeIndex, ranked: Array<{ fact: Fact; score: number }>, question: string): Array<{ fact: Fact; score: number }> {
  const except = /除了([^，,。？?\s]{1,10}?)(?:以外|之外)?(?:还|另外|别的)/.exec(question);
  if (!except) return ranked;
  const words = index.analyze(except[1]!).words.filter((w) => w.length >= 2);
  if (words.length === 0) return ranked;
  const about = (r: { fact: Fact }) => words.some((w) => r.fact.text.includes(w));
  const rest = ranked.filter((r) => !about(r));
  return rest.length > 0 ? [...rest, ...ranked.filter(about).map((r) => ({ ...r, score: 0 }))] : ranked;
}

/** A quantity of a thing weighed or measured (两吨, 五亩) that the entry never measures in. */
function measuresElsewhere(question: string, entry: Entry): boolean {
  const units = [...question.matchAll(MEASURED)].map((m) => m[1]!);
  const said = [entry.summary, ...entry.facts.map((f) => f.text)].join(" ");
  return units.some((unit) => !said.includes(unit));
}
const MEASURED = /(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千万半]+)\s*(吨|斤|亩|公斤|平方米|平米)/g;

function factAnswer(index: KnowledgeIndex, query: AnalyzedQuery, entry: Entry, confidence: number): ComposedAnswer {
  const ranked = setAsideExcepted(index, rankForAskedNumber(index.rankFacts(entry, query), query.text), query.text);
  // One shared word or two shared character pairs make a fact "asked about"; less is noise.
  const matching = ranked.filter((r) => r.score >= FACT_MATCH_MIN);
  const isRuleRanked = (r: { fact: { kind: string } }) => r.fact.kind === "rule" || r.fact.kind === "how";
  const bestRule = Math.max(0, ...matching.filter(isRuleRanked).map((r) => r.score));
  // A villager asking "三级一年多少" wants the rule, not how many people got it last year: statistics
  // and targets are shown only when they match the question better than any rule does.
  // "助残日 轮椅" (keywords only) or "县残联那阵干了啥": what was done and how much of it is the answer,
  // so a statistic matching as well as a rule is shown beside it.
  const eventAsked =
    /干了(?:啥|什么)|做了(?:啥|什么)|搞了(?:啥|什么)|办了(?:啥|什么)|有(?:啥|什么)活动/.test(query.text) ||
    (query.words.length <= 4 && !/[?？吗呢]|多少|怎么|什么|哪/.test(query.text));
  // "志愿者注册了多少": a number is asked, and the best rule matched ("怎么注册") holds none; a statistic
  // matching as well is the answer.
  const asksNumber = /多少|几(?:个|位|名|户|次|人)/.test(query.text);
  const numberAsked = asksNumber && !matching.some((r) => isRuleRanked(r) && r.score >= bestRule && /\d/.test(r.fact.text));
  let relevant = matching.filter(
    (r) => isRuleRanked(r) || r.score > bestRule || ((eventAsked || numberAsked) && r.score >= bestRule && r.fact.kind === "statistic"),
  );
  // "入托难那事最后咋解决的", "河道镇里管过没有", "广场建好没": what was done is the answer; the facts that
  // share the question's words are often why it had to be done.
  // "镇上幼儿园挤不进去 咋弄": the trouble described matches the fact on why something was done; what was
  // done is the answer.
  const why = (r: { fact: Fact }) => /^为什么|^为啥/.test(r.fact.text);
  // "原来是干啥的 现在改成啥了": the former state asked is told by the fact on why it was changed.
  const formerAsked = /(?:原来|本来|原先|当初|起先)[^，,。？?]{0,8}(?:是|干|做|用|规划)[^，,。？?]{0,4}(?:啥|什么|哪)/.test(query.text);
  const troubleDescribed = matching[0] !== undefined && why(matching[0]) && !/为什么|为啥|咋就|怎么就|凭啥|凭什么|原因/.test(query.text);
  // "最后总结出个啥道理": the lesson drawn is told by the fact on why the method was adopted.
  const lessonAsked = /道理|经验|教训|启发|启示|看出/.test(query.text);
  if ((OUTCOME_ASKED.test(query.text) || troubleDescribed) && !/为什么|为啥|咋就/.test(query.text) && !formerAsked && !lessonAsked) {
    const outcomes = ranked.filter((r) => !why(r) && r.fact.kind !== "how" && /\d|解决|建成|正在|采纳|完成|办成|做成/.test(r.fact.text));
    relevant = [...outcomes.slice(0, 3), ...relevant.filter((r) => !why(r) && !outcomes.slice(0, 3).includes(r))];
  }
  // "助残日 轮椅", "假肢 免费": keywords naming only the entry; what it gives and how much was done answer them.
  if (eventAsked && relevant.every((r) => r.fact.kind !== "statistic")) {
    const statistic = ranked.find((r) => r.fact.kind === "statistic" && /\d/.test(r.fact.text));
    if (statistic) relevant = [...relevant.slice(0, MAX_FACTS - 1), statistic];
  }
  // When the question names no particular fact, the rules (what a villager gets) come first.
  // One matching fact of a small entry ("除了收租子还能挣啥" matches only the lease): the entry's other
  // rules complete the answer, the matching one first.
  const rules = ranked.filter((r) => r.fact.kind === "rule");
  const widened = relevant.length === 1 && rules.length <= MAX_FACTS ? [...relevant, ...rules.filter((r) => !relevant.includes(r))] : relevant;
  // Nothing matched in particular: the rules, after the figures when a number is asked and no rule holds one.
  const rulesRanked = ranked.filter(isRuleRanked);
  // Only a count for a count asked ("注册了多少"): a rate or a sum of money answers no "多少工本费".
  const countAsked = asksNumber && !/钱|费|元|块|率/.test(query.text) && !rulesRanked.some((r) => /\d/.test(r.fact.text));
  const figures = countAsked ? ranked.filter((r) => r.fact.kind === "statistic" && /\d\s*(?:人|名|位|户|个|例|次)/.test(r.fact.text)) : [];
  const chosen = (widened.length > 0 ? widened : [...figures, ...rulesRanked]).slice(0, MAX_FACTS).map((r) => r.fact);
  let facts = chosen.length > 0 ? chosen : entry.facts.slice(0, MAX_FACTS);
  // "住院治疗县里给补助不": an entry that sets no amount of its own (no rule) has only what was paid out in all to
  // show beside what it does not say; the county's total is told, as such.
  if (!entry.facts.some((f) => f.kind === "rule") && !facts.some((f) => f.kind === "statistic")) {
    // (Money paid out or people served, never a rate: "持证率提高了 5.5%" beside "交多少工本费" would read as the fee.)
    const statistic = entry.facts.find((f) => f.kind === "statistic" && /\d\s*(?:万?元|人|名|位|户|例|次|台|辆)/.test(f.text) && !/%|％/.test(f.text));
    if (statistic) facts = [...facts.slice(0, MAX_FACTS - 1), statistic];
  }
  // "一类标准到底是啥", "差在哪", "得够啥条件": the requirements are every rule of the entry, not the ones that
  // happen to share a word.
  const requirements = entry.facts.filter((f) => f.kind === "rule" || f.kind === "target");
  if (REQUIREMENTS_ASKED.test(query.text) && requirements.length >= 2)
    facts = [...requirements, ...facts.filter((f) => !requirements.includes(f))].slice(0, MAX_FACTS);
  // "土地流转 除了租金", "除了收租子还能挣啥": what the entry says besides the thing named comes first.
  const besides = /除了([^，,。？?\s还]{1,6}?)(?:以外|之外|还|，|,|\s|$)/.exec(query.text)?.[1];
  // "除了种葡萄还种啥": the fact naming the thing with others beside it ("种酿酒葡萄和色素地瓜") answers it.
  const thing = besides?.replace(/^(?:种|养|干|收|拿|做|搞)/, "");
  const alongside = thing
    ? entry.facts.find((f) => isRule(f) && new RegExp(`${thing}[^。；]{0,6}[和、及跟与]|[和、及跟与][^。；]{0,6}${thing}`).test(f.text))
    : undefined;
  const otherRules = alongside ? [alongside] : besides ? entry.facts.filter((f) => isRule(f) && !f.text.includes(besides)) : [];
  if (otherRules.length > 0) facts = [...otherRules, ...facts.filter((f) => !otherRules.includes(f))].slice(0, MAX_FACTS);
  // "四级残疾人一年救助多少": the fact saying the seed has nothing for 四级 is the answer, and the grades'
  // amounts beside it would read as one for 四级. A gap matched better than any rule stands alone.
  // Only a gap named by a keyword the question uses and no rule mentions ("四级") stands alone.
  const ruleText = entry.facts
    .filter((f) => f.kind === "rule")
    .map((f) => f.text)
    .join("");
  const gap = matching.find(
    (r) => r.fact.kind === "how" && /没写|没有写|不清楚|请问/.test(r.fact.text) && r.fact.keywords.some((k) => query.text.includes(k) && !ruleText.includes(k)),
  );
  const bestRuleScore = Math.max(0, ...matching.filter((r) => r.fact.kind === "rule").map((r) => r.score));
  // "志愿者队伍有多少人": a count asked that a fact holds is answered by it, beside any gap.
  const countHeld = ASKED_UNITS.some(([asked, inFact]) => asked.test(query.text) && !isMoneyKind(inFact) && entry.facts.some((f) => inFact.test(f.text)));
  // Only amounts set per grade read as one for the grade asked about; a single amount for everyone the entry
  // covers ("县财政给每位重度残疾人代缴 100 元") is said beside the gap ("代缴之外自己还要不要交").
  // "多大岁数才算老年" asks no money: the gap alone answers it, the amount beside it would read as the answer.
  const singleAmount =
    !/[一二三四]级/.test(ruleText) &&
    entry.facts.filter((f) => isRule(f) && ANY_MONEY.test(f.text)).length === 1 &&
    (/钱|元|块|交|缴|补|给|领|拿|费/.test(query.text.replace(/补助|补贴/g, "")) ||
      // ("俺爹残疾 上岁数了 一个月有补助没": whether there is one, by the month, is its amount asked.)
      PAID_AT_ALL.test(query.text) ||
      // ("…那个呢 一个月多少": an amount by the month or year, asked in the last message, asks money too.)
      // ("…补助金一个月多少 ⏎ 一年下来呢": a span of that amount asked after it.)
      PERIOD_MONEY.test(query.text.split(/\s+/).at(-1) ?? "") ||
      SPAN_ASKED_AFTER.test(query.text.split(/\s+/).at(-1) ?? ""));
  // "三级…一年多少 ⏎ 那四级呢": the grade asked last is the gap's; the other grades' amounts are not its.
  const lastGrade = [...query.text.matchAll(/[一二三四]级/g)].at(-1)?.[0];
  // Not in a tally of several grades ("…三级的4个 四级的1个 一年一共多少"): the others are reckoned, the gap said beside.
  const gradeGap =
    gap !== undefined && lastGrade !== undefined && gap.fact.keywords.includes(lastGrade) && !readFigureQuestion(query.text, index.places)?.gradeCounts;
  // "重度的代缴多少 ⏎ 那轻度的呢": people the entry's amount is not for, named by the gap; its amount beside
  // the gap would read as theirs.
  // (Named as those left out of people counted, "一组有4个 二组有3个 2个轻度 … 一共多少", the others are still reckoned.)
  const groupGap =
    gap !== undefined && gap.fact.keywords.some((k) => OTHER_GROUP.test(k) && query.text.includes(k)) && !readFigureQuestion(query.text, index.places)?.persons;
  if (
    gap &&
    (gradeGap || groupGap || (gap === matching[0] && gap.score > bestRuleScore + 0.5)) &&
    !countHeld &&
    (!singleAmount || groupGap) &&
    !AVERAGE_ASKED.test(query.text) &&
    !entry.facts.some((f) => quotesFigureOf(query.text, f.text))
  ) {
    return {
      kind: "answer",
      // "那四级呢": which grades the entry does set amounts for is said, without the amounts.
      text: [
        `【${entry.title}】`,
        `• ${gap.fact.text}`,
        ...(gap.fact.keywords.some((k) => /^[一二三四]级$/.test(k) && query.text.includes(k)) && gradesIn(ruleText).length > 0
          ? [`• 资料里写了标准的是${gradeNames(gradesIn(ruleText).sort())}。`]
          : []),
        `找谁办：${entry.contact}`,
        `来源：${entry.source.section}`,
      ].join("\n"),
      citations: [citationOf(entry)],
      entryIds: [entry.id],
      confidence,
      quickReplies: [],
    };
  }
  // "每人代缴多少 一共代缴了多少人": each kind of number asked for is answered by the fact that holds it.
  // "…配备率多少 ⏎ 那少数民族女干部比例呢": the fact holding such a number that matches the question best, even when
  // another fact shown holds one of that kind too.
  // (A follow-up's own words pick the fact: the question before it matched the facts it was answered with.)
  const lastSaid = query.text.split(/\s+/).at(-1) ?? "";
  const rankedLast = lastSaid !== query.text && /^那/.test(lastSaid) ? index.rankFacts(entry, index.analyze(lastSaid)) : ranked;
  for (const [asked, inFact, evenUnshared] of ASKED_UNITS) {
    if (!asked.test(query.text)) continue;
    // ("药费补助一年补了多少人": a count asked that nothing shown holds is the entry's best count of it, however few
    // words it shares, rather than none.)
    const holder =
      rankedLast.find((r) => inFact.test(r.fact.text) && r.score >= FACT_MATCH_MIN) ??
      ranked.find((r) => inFact.test(r.fact.text) && (evenUnshared || r.score >= FACT_MATCH_MIN)) ??
      (facts.some((f) => inFact.test(f.text)) || isMoneyKind(inFact) ? undefined : ranked.find((r) => inFact.test(r.fact.text)));
    if (!holder || facts.includes(holder.fact)) continue;
    if (facts.some((f) => inFact.test(f.text))) {
      const shown = rankedLast.find((r) => facts.includes(r.fact) && inFact.test(r.fact.text));
      if (shown && shown.score >= holder.score) continue;
      facts = [holder.fact, ...facts].slice(0, MAX_FACTS);
    } else facts = [...facts.slice(0, MAX_FACTS - 1), holder.fact];
  }
  // "幼儿园免费不": the fact saying fees are not given answers it before "7 年免费使用" (the town's use of the building).
  const feeGap = FREE_ASKED.test(query.text) ? entry.facts.find((f) => isGap(f) && /收费|学费|收钱|费用|交钱/.test(f.text)) : undefined;
  if (feeGap) facts = [feeGap, ...facts.filter((f) => f !== feeGap && !/免费使用/.test(f.text))].slice(0, MAX_FACTS);
  // "慰问那8万 是每户8万吗": a figure the villager quotes is shown in the fact that states it, so they see what it is of.
  const quoted = entry.facts.find((f) => !facts.includes(f) && quotesFigureOf(query.text, f.text));
  if (quoted) facts = [quoted, ...facts].slice(0, MAX_FACTS);
  // "补助了383户 没记错吧": a count of the entry's own put to confirm is no count to reckon with.
  const reckoning = readClaim(query.text)?.kind === "count" ? undefined : readFigureQuestion(query.text, index.places);
  // "一个月合多少" needs the rule with the amount, even when a statistic matched the words better.
  const moneyRule = entry.facts.find((f) => isRule(f) && moneyFigure(f.text));
  if (reckoning && moneyRule && !facts.some((f) => moneyFigure(f.text))) facts = [moneyRule, ...facts].slice(0, MAX_FACTS);
  // "药费补助给多少": when no rule gives a per-person amount, the county's total is what the seed knows
  // (shown as a total, never divided into a per-person figure).
  const asksMoney =
    /多少|几个钱|给多少|补多少|补助多少|能领|能拿|交多少|花多少|有补助|有补贴|补不补|给不给钱|有钱|给钱|补助呢|补贴呢/.test(query.text) ||
    /(?:有没有|给不给|能不能)[^，,。？?]{0,8}钱|钱[^，,。]{0,4}(?:吗|不|没)/.test(query.text);
  // The rule that states the amount ("县财政给每位重度残疾人代缴 100 元") answers "交多少" before anything else.
  const amountRule = entry.facts.find((f) => isRule(f) && ANY_MONEY.test(f.text));
  if (asksMoney && amountRule && !facts.includes(amountRule)) facts = [amountRule, ...facts].slice(0, MAX_FACTS);
  // The programme's amount is what villagers come for: shown even when the words matched another fact.
  else if (amountRule && !facts.includes(amountRule) && !facts.some((f) => ANY_MONEY.test(f.text)) && facts.length < MAX_FACTS) facts = [...facts, amountRule];
  const total = entry.facts.find((f) => f.kind === "statistic" && ANY_MONEY.test(f.text));
  // (First, and kept when the matching facts fill the answer: "投了多少钱 里头都有啥" asks both.)
  if (asksMoney && !amountRule && total && !facts.includes(total)) facts = [total, ...facts.slice(0, MAX_FACTS - 1)];
  // "修一次收多少钱", "一个孩子补多少": the fact saying the seed gives no such amount matched best; any other
  // money figure beside it (a total, an investment) would be read as the answer, so none is shown.
  const top = matching[0];
  // Not when a rule gives the amount per person and the gap is about something else ("多大岁数算老年").
  const gapNamed = top !== undefined && top.fact.keywords.some((k) => query.text.includes(k) && !ruleText.includes(k));
  // "一个娃补多少钱", "那压出来的块卖多少钱一吨": the very money asked (补多少, 卖多少) is what a gap says the seed
  // does not give; the entry's other money (a total spent, another thing's price) would read as the answer.
  // 补 is read as 补助 in the question (a synonym), not in the fact: both are compared with 补.
  const plainly = (t: string) => t.replace(/补助|补贴/g, "补");
  const askedMoney = [...plainly(query.text).matchAll(/[\u4e00-\u9fa5](?:多少|几个)钱?/g)].map((m) => m[0].replace(/钱$/, ""));
  // Not when the clause asking names what another fact prices ("优质煤一吨卖多少钱": the coal's price is stated).
  const asking =
    query.text
      .split(/[\s，,。；;！!？?]+/)
      .filter((c) => /多少|几个钱/.test(c))
      .at(-1) ?? "";
  const pricedElsewhere = (gap: Fact) =>
    entry.facts.some(
      (f) => f !== gap && ANY_MONEY.test(f.text) && query.words.some((w) => w.length >= 2 && asking.includes(w) && f.text.includes(w) && !gap.text.includes(w)),
    );
  // "托养一个月给多少钱": money asked per person or per period, of an entry that says it gives none per person.
  const perHeadAsked = /(?:一个?|每个?)(?:人|户|月|年|辆|位)[^，,。？?]{0,6}(?:多少|几个钱)/.test(query.text);
  const moneyGap = asksMoney
    ? entry.facts.find(
        (f) =>
          isGap(f) &&
          ((askedMoney.some((a) => a.length >= 3 && plainly(f.text).includes(a)) && !pricedElsewhere(f)) || (perHeadAsked && PER_HEAD_GAP.test(f.text))),
      )
    : undefined;
  // ("俺娘岁数也大但没残疾…一年能拿多少": the gap's word 岁数 is only said of someone, in a clause asking nothing.)
  const saidOfSomeone = (k: string) =>
    query.text
      .split(/[\s，,。；;！!？?]+/)
      .filter((c) => c.includes(k))
      .every((c) => KIN_WORD.test(c.replace(/[俺咱]/g, "")) && !ASKING_CLAUSE.test(c));
  const gapAsked = gapNamed && top.fact.keywords.some((k) => query.text.includes(k) && !ruleText.includes(k) && !saidOfSomeone(k));
  // "给多少人发了，共多少钱": the total paid is asked, which a fact gives; the amount per person it lacks is not.
  const totalGiven =
    !perHeadAsked && TOTAL_MONEY_ASKED.test(query.text) && entry.facts.some((f) => !isGap(f) && ANY_MONEY.test(f.text) && /一共|共|合计|总计/.test(f.text));
  const gapShown = totalGiven ? undefined : asksMoney && top && isGap(top.fact) && top.score > bestRuleScore && (!amountRule || gapAsked) ? top.fact : moneyGap;
  // ("那上了岁数的…那个呢 一个月多少": the amount asked in the last message stays beside a gap of something else.)
  // ("上了岁数的残疾人那个补助金一个月多少 ⏎ 一年下来呢": a span of it asked after, too.)
  const lastAsked = query.text.split(/\s+/).at(-1) ?? "";
  const moneyLeft =
    gapShown !== undefined &&
    !/钱|元|金额|多少|标准/.test(gapShown.text) &&
    (PERIOD_MONEY.test(lastAsked) || SPAN_ASKED_AFTER.test(lastAsked) || (PAID_AT_ALL.test(lastAsked) && /每月|一个月|每年|一年/.test(lastAsked)));
  // ("一年到底补了多少人": a count asked beside is kept, whatever money its fact also says.)
  const countKept = (f: Fact) => ASKED_UNITS.some(([asked, inFact]) => !isMoneyKind(inFact) && asked.test(query.text) && inFact.test(f.text));
  if (gapShown) facts = [gapShown, ...facts.filter((f) => f !== gapShown && (moneyLeft || !ANY_MONEY.test(f.text) || countKept(f)))].slice(0, MAX_FACTS);
  // "服务站来修要花钱不", "收费吗 收多少": a charge to the asker is asked. What the project cost ("投资 20 万元")
  // is no charge and would read as one; the fact saying the charge is not given comes first.
  if (CHARGE_ASKED.test(query.text) && !SPENT_ASKED.test(query.text)) {
    const chargeGap = entry.facts.find((f) => isGap(f) && /收费|收钱|费用|要钱|花钱/.test(f.text));
    facts = [...(chargeGap ? [chargeGap] : []), ...facts.filter((f) => f !== chargeGap && !(ANY_MONEY.test(f.text) && SPENT.test(f.text)))].slice(0, MAX_FACTS);
  }
  // "留守儿童每个月有多少生活补贴": the entry has no amount of money at all; its other numbers (how many
  // children) would read as one. Said plainly instead.
  // "修河道占了地，一亩补偿多少钱": an amount per mu (per household, per visit …) the entry does not state;
  // its totals (300 万元) would read as the answer.
  // Asked for an average ("平均一人多少"), it is worked out below instead.
  const perUnit = perUnitMoney(query.text);
  if (perUnit && !entry.facts.some((f) => perUnit.stated.test(f.text))) {
    // "那一个人大概能补多少": roughly is asked, so the average of the county's total over those it was paid to is
    // worked out, said to be no standard, with the fact it comes from.
    const rough = ROUGHLY_EACH.test(query.text) ? reckonAverage(entry.facts, "平均每人多少") : undefined;
    if (rough && rough.lines.length > 0)
      return noFigureAnswer(
        entry,
        confidence,
        `资料里没有写每人给多少钱，只能按全县的总数粗算：\n${rough.lines.join("\n")}`,
        (f) => isGap(f) || rough.used.includes(f),
      );
    return noFigureAnswer(entry, confidence, perUnit.missing, (f) => isGap(f) || !/\d/.test(f.text));
  }
  // "三级…一年多少 ⏎ 那市里的标准是多少": another level's standard than the one the entry sets (the county's).
  const level = /(市里|市级|省里|省级|国家|全国|中央)(?:的)?(?:标准|给多少|补多少|是多少|发多少)/.exec(query.text.split(/\s+/).at(-1) ?? query.text);
  const levelWord = level ? (level[1]!.startsWith("市") ? "市" : level[1]!.startsWith("省") ? "省" : "国家") : undefined;
  if (level && levelWord && ![entry.title, entry.summary, ...entry.facts.map((f) => f.text)].some((t) => new RegExp(`${levelWord}(?:里|级|财政)`).test(t)))
    return noFigureAnswer(entry, confidence, `资料里写的是本县的标准，没有写${level[1]}的标准，我不乱说数字。`, () => false);
  const kind = MONEY_KINDS.find(([asked, inFact]) => asked.test(query.text) && !entry.facts.some((f) => inFact.test(f.text)) && !inFact.test(entry.summary));
  if (kind) return noFigureAnswer(entry, confidence, kind[2], (f) => isGap(f) || !/\d/.test(f.text));
  const amountOnly = (text: string) =>
    (ASKS_AMOUNT.test(text) || PAID_ASKED.test(text)) && !ASKED_UNITS.some(([asked, inFact]) => asked.test(text) && !isMoneyKind(inFact));
  // "分娩率多少 ⏎ 住院生娃补多少钱": the follow-up asks money alone, whatever the question before it asked.
  if (
    (amountOnly(query.text) || amountOnly(query.text.split(/\s+/).at(-1) ?? "")) &&
    !entry.facts.some((f) => ANY_MONEY.test(f.text)) &&
    !ANY_MONEY.test(entry.summary)
  ) {
    // ("白内障手术能补多少钱": a service the entry says is free costs the villager nothing; no sum is paid out.)
    const free = [entry.summary, ...entry.facts.map((f) => f.text)].some((t) => /免费/.test(t));
    return noFigureAnswer(
      entry,
      confidence,
      free
        ? "这一项是免费的，不用自己掏钱；另外给不给钱、给多少，资料里没写，我不乱说数字。"
        : "资料里没有写这一项给不给钱、给多少，我不清楚具体标准，不乱说数字。",
      (f) => !/\d/.test(f.text),
    );
  }
  // "一户多残补助是哪一年开始发的": the source blanks its years (20xx) and says when nothing began.
  // "到哪一年全镇都达标": nor when anything is to be done by.
  const yearAsked = START_ASKED.test(query.text) ? "这一项是哪一年开始的" : WHICH_YEAR.test(query.text) ? "具体是哪一年" : undefined;
  // "哪一年" is not answered by months ("4-6 月"); "哪年开始" may be ("元月初开始").
  if (yearAsked && !entry.facts.some((f) => (START_ASKED.test(query.text) ? /开始|起[，,。]|\d+\s*月|20xx/ : /\d{4}\s*年|20xx/).test(f.text)))
    return noFigureAnswer(
      entry,
      confidence,
      `资料里没有写${yearAsked}，我不乱说年份（原文的年份都写作 20xx）。`,
      (f) => ranked.slice(0, 2).some((r) => r.fact === f && r.score >= FACT_MATCH_MIN) || (isRule(f) && /\d/.test(f.text)),
    );
  const lines = [`【${entry.title}】`];
  // "去年标准是多少", "明年涨不涨": the seed states one year's amounts; another year's is not among them.
  // "去年9个 今年多了2个…一共发多少": a year said of the villager's own counts, not of the amount.
  // "去年15个人领…今年少了3个": a year said of the villager's own count, not of the amount.
  // Not when the year is said of the amount itself ("…去年标准是多少", "明年每户给多少").
  const yearOfAmount = query.text.split(/[，,。？?\s]+/).some((c) => OTHER_YEAR.test(c) && (AMOUNT_WORDS.test(c) || PAID_ASKED.test(c)));
  const ownCountOfYear = !yearOfAmount && /(?:去年|今年|上一?年)[^，,。？?\d]{0,6}\d+\s*(?:个|人|户|名)/.test(query.text);
  const otherYear = readFigureQuestion(query.text, index.places)?.gradeCounts || ownCountOfYear ? undefined : OTHER_YEAR.exec(query.text)?.[1];
  const countOrGrowth = ASKED_UNITS.some(([asked, inFact]) => asked.test(query.text) && !isMoneyKind(inFact)) || /比(?:去年|上一?年)/.test(query.text);
  if (
    otherYear &&
    (AMOUNT_WORDS.test(query.text) || PAID_ASKED.test(query.text)) &&
    !countOrGrowth &&
    amountRule &&
    !entry.facts.some((f) => isRule(f) && /上一年|去年|明年|下一年|以后/.test(f.text))
  ) {
    // "明年…涨到多少", "前年标准是多少": the year is said of the amount itself. No figure is shown that could be
    // read as that year's; the question that gets the report year's is offered instead.
    // (A year in digits may be the report's own, which the source blanks as 20xx: its amounts are shown, so said.)
    if (yearOfAmount && !/\d\s*年/.test(otherYear))
      return noFigureAnswer(
        entry,
        confidence,
        `资料里没有写${otherYear}的标准，我不乱说数字。资料里只有报告那一年的标准，想知道可以问“${entry.title}一年多少”。`,
        (f) => !/\d/.test(f.text),
      );
    lines.push(
      // "2019年…是多少": the source blanks its years (20xx), so which year its amounts are of is not known either.
      /\d\s*年/.test(otherYear)
        ? `资料里的年份都写作 20xx，没写是哪一年，所以不知道是不是${otherYear}的标准，我不乱说；资料里写的是报告那一年的：`
        : `资料里没有写${otherYear}的标准，我不乱说数字；资料里写的是报告那一年的：`,
    );
  }
  // "前年救助了多少人": a year before last, which no growth figure reaches back to.
  else if (otherYear && FAR_YEAR.test(otherYear) && countOrGrowth && !entry.facts.some((f) => f.text.includes(otherYear)))
    lines.push(`资料里没有写${otherYear}的数，我不乱说数字；资料里写的是报告那一年的：`);
  // "妇女之家全市建了多少个": a count of a kind the entry holds nowhere; what it has is shown, said to be no answer.
  const countsAsked = ASKED_UNITS.filter(([asked, inFact, evenUnshared]) => asked.test(query.text) && !isMoneyKind(inFact) && !evenUnshared);
  if (
    lines.length === 1 &&
    countsAsked.length > 0 &&
    // "哪几个村": which ones, not how many.
    !/哪几|哪些/.test(query.text) &&
    !countsAsked.some(([, inFact]) => inFact.test(entry.summary) || entry.facts.some((f) => inFact.test(f.text))) &&
    // (A count of things asked may be read off places the entry counts; an area or a length may not.)
    !(
      countsAsked.some(([, inFact]) => inFact.test("3 个") || inFact.test("3 座")) &&
      entry.facts.some((f) => /\d/.test(f.text) && ANY_MONEY.test(f.text) === false && /\d+\s*(?:个|所|家|处|座)/.test(f.text))
    )
  )
    lines.push(NOT_STATED);
  // "隔壁县的一户多残补多少": the source speaks of its own county and town only. (Looked into only when a place
  // may be named at all: most questions name none.)
  const elsewhere = PLACE_HINT.test(query.text) ? placeElsewhere(entry, query.text) : undefined;
  // "一级残疾不是贫困户能领多少": a programme for the poor, asked by someone who says they are not.
  // (Not "还有2个不是贫困户" of a village's count: those are left out of it, the rest still reckoned.)
  // ("又有俩三级的脱贫了": some of those counted, no longer poor.)
  // ("还有一个二级的 但不是贫困户": said of the one counted, a few words on.)
  const someNotPoor =
    /(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|户|位|名)[^，,。；\s]{0,3}(?:不是|非|不)(?:贫困|低保)|(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|户|位|名)[^，,。；]{0,8}?(?:但|可|不过|就是)(?:不是|非)(?:贫困|低保)|[村组]|脱贫/.test(
      query.text,
    );
  // ("张家坝 两个三级的 都不是贫困户": a part of a village counted apart as not poor, the rest reckoned.)
  const notTheirs =
    NOT_POOR_SAID.test(query.text) &&
    !someNotPoor &&
    /贫困/.test(entry.title) &&
    !readFigureQuestion(query.text, index.places)?.gradeCounts?.some((g) => g.notPoor);
  if (notTheirs) lines.push(`这一项是给贫困残疾人的${entry.who ? `（${entry.who}）` : ""}；按您说的不是贫困户，领不了这一项。资料里的标准是：`);
  // "俺们那个县一年给多少" of a neighbouring county: the local amount would be read as theirs, so none is shown.
  // (A place merely named beside a question of the entry's own figures keeps them, said to be local.)
  if (elsewhere && asksOtherPlace(query.text) && (AMOUNT_WORDS.test(query.text) || PAID_ASKED.test(query.text) || ASKS_AMOUNT.test(query.text)))
    return noFigureAnswer(
      entry,
      confidence,
      `资料里只写了本地的情况，没有写${elsewhere.replace(/^隔壁(?=[\u4e00-\u9fa5]{2,})/, "")}的，我不乱说数字；请问当地的残联、民政或村委会。`,
      (f) => !/\d/.test(f.text),
    );
  // "村两委里女干部占多少比例", "我们村幼儿园有几所" of the city's report: its figures are the city's, never a village's.
  // (Asked in the clause that names the village, and no wider place named: "我们村还喝井水，全市农村自来水有多少" asks the city's.)
  const village = isCityReport(entry) && !CITY_NAMED.test(query.text) ? villageAsked(query.text) : undefined;
  if (village)
    return noFigureAnswer(
      entry,
      confidence,
      `资料里是贵港市报告的全市数字，没有${village.replace(/^(?:我们|俺们|咱们|俺|咱|我)/, "您")}的，我不乱说数字；想知道的话，请问村委会或镇里。`,
      (f) => !/\d/.test(f.text),
    );
  if (elsewhere) lines.push(`资料里只写了本地的情况，没有写${elsewhere.replace(/^隔壁(?=[\u4e00-\u9fa5]{2,})/, "")}的，我不乱说数字；资料里本地的是：`);
  // "四先工作法都是哪几先", "一类标准都有哪些": the entry's own list, which its summary gives in one place.
  const listAsked = /哪几|哪些|都有(?:啥|什么|哪)|都是(?:啥|什么|哪)|有几条|哪几条/.test(query.text) && /[：:][^。]*[，、；]/.test(entry.summary);
  // "政府到底管不管这事", "镇里想了啥法子": what was done about it, which the summary says in one place.
  const overviewAsked = OVERVIEW_ASKED.test(query.text);
  if (facts.length === 0 || matching.length === 0 || listAsked || overviewAsked)
    lines.push(ANY_MONEY.test(entry.summary) && asksMoney && top && isGap(top.fact) ? "" : entry.summary);
  // A tally by grade needs each grade's amount: the rules that set them are shown, whatever else was.
  if (reckoning?.gradeCounts) {
    const setting = entry.facts.filter((f) => isRule(f) && moneyFigure(f.text) && !facts.includes(f));
    if (setting.length > 0) facts = [...facts.filter((f) => f.kind !== "statistic"), ...setting].slice(0, MAX_FACTS + setting.length);
  }
  for (const fact of facts) lines.push(`• ${fact.text}`);
  // "一组：一级1个，二级2个 ⏎ 二组：三级3个 ⏎ 二组现在一年一共多少": a group's own sum is asked, not the village's.
  const byGroup = reckonGroupGrades(entry.facts, query.text);
  // (An entry for the poor, "贫困老年残疾人生活补助", leaves out those said not to be poor, whatever its facts say.)
  const forThePoor = /贫困/.test(`${entry.title}${entry.who ?? ""}`);
  // (Told they cannot have it, "俺家三个一二级 不是贫困户": nothing is reckoned for them, 800 × 3 would read as theirs.)
  const figured = notTheirs ? [] : byGroup.length > 0 ? byGroup : reckoning ? reckonFigures(facts, reckoning, forThePoor) : [];
  lines.push(...figured);
  let reckonedAny = figured.length > 0;
  // The county's figures worked out for a question the entry states no figure for (a group's paid amount, a
  // month of a year's total).
  const groupPaid = reckonGroupPaid(entry.facts, query.text);
  const totalPerMonth = reckonTotalPerMonth(entry.facts, query.text);
  // The villager's own numbers against the entry's minimums, and daily amounts over the days asked.
  for (const reckoned of [
    reckonStandards(entry.facts, query.text, index.places),
    reckonRates(entry.facts, query.text),
    reckonYearlyCounts(entry.facts, query.text),
    reckonAverage(entry.facts, query.text),
    reckonLastYear(
      ranked.map((r) => r.fact),
      query.text,
    ),
    reckonParts(index, entry, query.text),
    reckonGrowth(entry.facts, query.text),
    reckonPassed(entry.facts, query.text),
    reckonTarget(
      ranked.map((r) => r.fact),
      query.text,
    ),
    reckonYuan(facts, query.text),
    reckonUnits(entry.facts, query.text),
    reckonRest(entry.facts, query.text),
    reckonLeft(entry.facts, query.text),
    reckonPerWhom(entry.facts, query.text),
    groupPaid,
    reckonShare(entry.facts, query.text),
    reckonDoneLeft(
      ranked.map((r) => r.fact),
      query.text,
    ),
    totalPerMonth,
    reckonRateGap(entry.facts, query.text),
    reckonCountSum(entry.facts, query.text),
    reckonOtherShare(entry.facts, query.text),
    reckonPrice(entry.facts, query.text),
    reckonLabelGap(entry.facts, query.text),
  ]) {
    if (reckoned.lines.length === 0) continue;
    reckonedAny = true;
    for (const fact of reckoned.used) if (!facts.includes(fact)) lines.splice(lines.length - figured.length, 0, `• ${fact.text}`);
    lines.push(...reckoned.lines);
  }
  // Nothing of the entry's to work out: the villager's own numbers, added or taken apart as asked.
  if (!reckonedAny) lines.push(...reckonSaid(query.text));
  // "哪个村户数多 多几户": the places told, compared (their sum may be the tally's, reckoned above).
  // (Apart by people or households at the entry's one amount each: apart by that much money too.)
  const amounts = entry.facts.flatMap((f) => (isRule(f) && !/[一二三四]级/.test(f.text) ? [moneyFigure(f.text)].filter((m) => m !== undefined) : []));
  const summed = lines.some((line) => line.startsWith("按您说的数加起来"));
  lines.push(
    ...comparePlaces(query.text, index.places, amounts.length === 1 ? amounts[0] : undefined).filter(
      (line) => !(summed && line.startsWith("按您说的数加起来")),
    ),
  );
  // "一年400对吧": the answer to a yes-or-no question comes first.
  const verdict = reckonClaim(entry.facts, query.text, [entry.title, ...entry.aliases].join(" ")).map((line) => ofOthers(entry, query.text, line));
  // "签合同的有6000多户 听村里人讲的": a count said wrong that a close entry states (600 多户), when this one states
  // none: that entry's fact corrects it, named.
  if (verdict.length === 0 && readStatedClaim(query.text)?.kind === "count")
    for (const hit of index.search(query, 3)) {
      if (hit.entry === entry) continue;
      const other = reckonClaim(hit.entry.facts, query.text, [hit.entry.title, ...hit.entry.aliases].join(" "));
      if (other[0]?.startsWith("不对")) {
        verdict.push(`${other[0].replace(/。$/, "")}（见“${hit.entry.title}”）。`);
        break;
      }
    }
  if (verdict.length > 0) lines.splice(1, 0, ...verdict);
  // "俺村12个一二级 一年一共一万对吧": a total put to confirm against the total just reckoned.
  else {
    const claim = readClaim(query.text);
    const totals = lines.flatMap((line) => [...line.matchAll(/= (\d+(?:\.\d+)?) 元\/年/g)].map((m) => Number(m[1])));
    if (claim?.kind === "period" && totals.length > 0 && reckonedAny) {
      const total = totals.at(-1)!;
      const months = claim.months ?? 12;
      const inSpan = overMonths(total, months);
      const span = spanOf(months);
      lines.splice(
        1,
        0,
        Math.abs(inSpan - claim.value) < 0.01
          ? `对：按您说的数算，${span}一共 ${fmt(inSpan)} 元。`
          : `不对：按您说的数算，${span}一共 ${fmt(inSpan)} 元，不是 ${fmt(claim.value)} 元。`,
      );
    }
  }
  // The number asked is not stated, but worked out from the entry's own: said so, not "not there".
  const missing = lines.indexOf(NOT_STATED);
  // ("一天合多少钱", "一共花了多少": worked out below, so not "not there" either.)
  if (missing > 0 && (groupPaid.lines.length + totalPerMonth.lines.length > 0 || reckonedAny)) lines[missing] = "资料里没有直接写这个数；按资料里的数算：";
  // "代缴 一个月多少": the amount is said with no period (每位…代缴 100 元); it is not divided on a guess.
  const unperiodic = amountRule && !/[年月]/.test(amountRule.text) && /一个月|每个?月|按月/.test(query.text) && !lines.some((l) => /[÷×]/.test(l));
  const unperiodicAmount = unperiodic ? /(\d+(?:\.\d+)?)\s*元/.exec(amountRule.text)?.[1] : undefined;
  if (unperiodicAmount) lines.push(`• 这 ${unperiodicAmount} 元资料里没写是按月还是按年算的，我不乱折算成每月；请问${entry.contact.split(/[；，,]/)[0]}。`);
  if (entry.who) lines.push(`谁能办：${entry.who}`);
  lines.push(`找谁办：${entry.contact}`);
  lines.push(`来源：${entry.source.section}`);
  return {
    kind: "answer",
    text: lines.join("\n"),
    citations: [citationOf(entry)],
    entryIds: [entry.id],
    confidence,
    quickReplies: [],
  };
}

/**
 * A figure the villager says and asks to have confirmed (readClaim), checked against the entry: an amount over a
 * period or per person against the one amount the entry sets for what they name (the grade said, if any), with
 * the working for another period; a price against the entry's price per unit; a count only when a fact states
 * it ("对"; a count the entry does not state is left to the facts shown). Nothing when the entry does not settle it.
 */
/** "百分之二十多", "百分之10.74", "20%": the rates a question says. */
function percentsSaid(question: string): Array<{ value: number; upTo: number; said: string }> {
  const out: Array<{ value: number; upTo: number; said: string }> = [];
  const DIGIT = "零一二三四五六七八九";
  for (const m of question.matchAll(
    /百分之([零一二两三四五六七八九十百]+|\d+(?:\.\d+)?)(点多|多|点[零一二三四五六七八九]+)?|(?<![\d.])(\d+(?:\.\d+)?)\s*(多)?\s*[%％]/g,
  )) {
    const whole = m[1] ? parseNumber(m[1]) : Number(m[3]);
    if (whole === undefined || !Number.isFinite(whole)) continue;
    const tail = m[2] ?? m[4] ?? "";
    // "十点七四" is 10.74; "十点多" 10 to 11; "二十多" 20 to 30; "12多" 12 to 13.
    const value = /^点[零一二三四五六七八九]+$/.test(tail) ? Number(`${whole}.${[...tail.slice(1)].map((c) => DIGIT.indexOf(c)).join("")}`) : whole;
    const upTo = tail === "点多" ? whole + 1 : tail === "多" ? whole + (whole % 10 === 0 && whole > 0 ? 10 : 1) : value;
    out.push({ value, upTo, said: m[0] });
  }
  return out;
}

/** Whom a figure is said of: people the entries speak of apart. */
const GROUP_NAMED = ["残疾", "残联", "妇女", "儿童", "老年"] as const;

/**
 * "残联的法律援助帮了430个残疾人 对不对": a figure found in an entry about other people (430 women) is not
 * confirmed for those the villager names; the verdict says whose figure it is.
 */
function ofOthers(entry: Entry, question: string, verdict: string): string {
  if (!verdict.startsWith("对")) return verdict;
  // "一本上线3537人 上线率百分之二十多 是吧": a rate said beside the count that was right, checked too.
  const quoted = /资料里写的是“([^”]+)”/.exec(verdict)?.[1];
  if (quoted !== undefined) {
    const rates = [...quoted.matchAll(/(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[1]));
    const wrong = percentsSaid(question).find((p) => rates.length > 0 && !rates.some((r) => (p.upTo > p.value ? r >= p.value && r < p.upTo : r === p.value)));
    if (wrong) return `不对：资料里写的是“${quoted}”，不是${wrong.said}。`;
  }
  const said = [entry.title, entry.summary, entry.who ?? "", ...entry.aliases, ...entry.facts.map((f) => f.text)].join(" ");
  const foreign = GROUP_NAMED.filter((w) => question.includes(w) && !said.includes(w));
  if (foreign.length === 0) return verdict;
  const whom = { 残疾: "残疾人", 残联: "残联", 妇女: "妇女", 儿童: "儿童", 老年: "老年人" }[foreign[0]!];
  return `不对：资料里这个数说的不是${whom}的${quoted ? `，是“${quoted}”` : `（是“${entry.title}”的）`}。`;
}

/** A count's unit as facts may state it: people in 个, 名, 位 or 人 alike; a length in 公里 or 千米. */
const countedIn = (unit: string): string => (/^[个名位人]$/.test(unit) ? "(?:个|名|位|人)" : /^(?:公里|千米)$/.test(unit) ? "(?:公里|千米)" : unit);

export function reckonClaim(facts: readonly Fact[], question: string, title = ""): string[] {
  const verdict = checkClaim(facts, question, title);
  // A figure only said, not put to confirm ("三级一年400"), is corrected when wrong; when right it needs no 对.
  return readClaim(question) || CONFIRM_ASKED.test(question) ? verdict : verdict.filter((line) => !line.startsWith("对"));
}

function checkClaim(facts: readonly Fact[], question: string, title: string): string[] {
  // "挡土墙修了538公里？": the entry's own number, read with the wrong unit or as each one's share of a total.
  const misread = misreadRatio(facts, question) ?? misreadUnit(facts, question) ?? misreadRate(facts, question);
  if (misread) return [misread];
  const saidOnly = confirmSaid(facts, question);
  if (saidOnly) return [saidOnly];
  const namesEntry = (clause: string) =>
    [...title.matchAll(/[\u4e00-\u9fa5]{2}/g)].some((m) => clause.includes(m[0])) ||
    [...clause.matchAll(/[\u4e00-\u9fa5]{2}/g)].some((m) => title.includes(m[0]));
  const claim = readStatedClaim(question);
  if (!claim) {
    const together = figuresOfOneFact(facts, question);
    return together ? [`${together.holds ? "对" : "不对"}：资料里写的是“${quoted(together.fact)}”。`] : [];
  }
  const said = claim.value;
  // What the figure was said of: the grades of its own clause ("一级…多少 ⏎ 那三级的就是一年400对吧").
  const grades = gradesIn(claim.clause).length > 0 ? gradesIn(claim.clause) : gradesIn(question);
  if (claim.kind === "count") {
    const unit = countedIn(claim.unit ?? "");
    // ("清淤清了538米": a length in 米 may be stated in 千米 or 公里.)
    const unitPattern = unit === "米" ? "(?:(?<km>千米|公里)|米)" : unit;
    // Where a fact says a count, what it says of it: the grades of its own part ("一、二级 3570 人") or else of
    // its sentence ("三级救助了 711 人，比上一年多 177 人"), a change, a plan.
    const places = facts.flatMap((fact) =>
      fact.text.split(/[；;。（）()]/).flatMap((piece) =>
        piece.split(/[，,]/).flatMap((part, k, all) =>
          // ("20.73 万人": a count in 万, compared as the whole number it is.)
          [
            ...part.matchAll(
              new RegExp(`(?<![\\d.])(?:(\\d+)\\s*[-－~～到至]\\s*)?(\\d+(?:\\.\\d+)?)\\s*(万)?\\s*(?:多)?\\s*(?:个|名|位)?\\s*${unitPattern}`, "g"),
            ),
          ]
            .filter((m) => m[3] !== undefined || m.groups?.km !== undefined || !m[2]!.includes("."))
            .map((m) => ({
              fact,
              part,
              // "农村幼儿园有 917 所，…，其中公办 72 所": a part opening with 其中 speaks of the piece's first part's subject.
              words: k > 0 && /^\s*其中/.test(part) ? `${all[0]} ${part}` : part,
              // ("清淤整治 5 千米河道": a length in 千米 is compared in 米.)
              n: m[3] ? String(Math.round(Number(m[2]) * 10000)) : m.groups?.km ? String(Math.round(Number(m[2]) * 1000)) : m[2]!,
              // "3-5 吨": a range, that any figure inside it is right for.
              ...(m[1] ? { from: Number(m[1]) } : {}),
              grades: gradesIn(part).length > 0 ? gradesIn(part) : gradesIn(piece),
              change: CHANGE_SAID.test(part),
              plan: /计划|下一年|明年|目标|将/.test(fact.text),
            })),
        ),
      ),
    );
    const change = CHANGE_SAID.test(claim.clause);
    // "明年要培训多少" plans; "俺娘要去培训 今年培训了550多名是吧" does not (要 of the villager's own).
    const planned = /计划|下一年|明年|目标/.test(question) || /要(?:免费)?(?:培训|建|修|办|发|补|搞|开|安置|招|投|做)/.test(claim.clause);
    // "俺们乡有五六十个…去培训了": a count of the villager's own place, which the county's figure does not settle.
    if (/(?:俺|我|咱)(?:们)?(?:乡|村|镇|组)|本(?:乡|村|镇)|村里|乡里|五六|六七|七八|三四|四五|两三|十来|几十/.test(claim.clause)) return [];
    const sameSubject = (x: (typeof places)[number]) =>
      (grades.length === 0 || (x.grades.length === grades.length && grades.every((g) => x.grades.includes(g)))) && x.change === change && x.plan === planned;
    // "一千多人" is any count from 1000 to 1999; "3-5 吨" holds 3, 4 and 5.
    // The place of the last digit said: 四千一百多 is 4100–4199, 一千多 is 1000–1999, 550多 is 550–559.
    const matches = (x: (typeof places)[number]) =>
      claim.more ? withinMore(Number(x.n), said) : x.from !== undefined ? said >= x.from && said <= Number(x.n) : x.n === String(said);
    // What the count was said of: the words around it ("法律援助1900人" is not "司法救助 1900 人"), against each
    // place's own part. The place sharing the most words, alone, is the one the villager means.
    // The message from the count's clause on: what it was said of, and whether it was said roughly.
    const saidFrom = question.slice(Math.max(0, question.lastIndexOf(claim.clause)));
    // "燃油补贴发了9.23万 350人 是吧": a count said alone in its clause is of what the message speaks of.
    // (Not when the count said is one the entry states: "39个决策 否了9个" says both of one fact.)
    const subject = wordPairs(saidFrom).size > 0 || places.some(matches) ? wordPairs(saidFrom) : wordPairs(question);
    // Only pairs with a character no other place has tell places apart ("获得" is in both 法律援助 and 司法救助;
    // "本上线" in both 一本上线 and 二本线以上, where 一本 and 二本 differ).
    // (Among the places of the same standing: a change or a plan beside them is no rival.)
    const partOf = (x: (typeof places)[number], whole: (typeof places)[number]) => /^\s*其中/.test(x.part) && x.words.startsWith(whole.part.trim());
    const telling = (w: string, x: (typeof places)[number]) =>
      [...w].some((ch) => places.every((o) => o === x || o.n === x.n || !sameSubject(o) || !o.words.includes(ch)));
    const shared = (x: (typeof places)[number]) => [...wordPairs(x.words)].filter((w) => subject.has(w) && telling(w, x)).length;
    const ranked = places.filter(sameSubject).sort((a, b) => shared(b) - shared(a));
    // "明年…培训多少 ⏎ 就是550个对吧": the one place of the plan asked about, when the figure said is another place's.
    // (A whole and its own 其中 part sharing the words alike: "安置300人" is of the whole 200, not the part 135.)
    const tiedWithPart =
      ranked.length === 2 && shared(ranked[0]!) === shared(ranked[1]!) && shared(ranked[0]!) >= 1
        ? partOf(ranked[1]!, ranked[0]!)
          ? ranked[0]
          : partOf(ranked[0]!, ranked[1]!)
            ? ranked[1]
            : undefined
        : undefined;
    const meant =
      tiedWithPart ??
      (ranked[0] &&
      ((shared(ranked[0]) >= 1 && (ranked.length === 1 || shared(ranked[0]) > shared(ranked[1]!))) || (ranked.length === 1 && places.some(matches)))
        ? ranked[0]
        : undefined);
    const stating = places.find((x) => matches(x) && sameSubject(x));
    // "39个决策做了风险评估 否了19个": the other count said is stated, and its fact states one other count of the
    // unit — the one the villager misremembered.
    if (!stating && !meant && claim.others.length > 0) {
      const told = facts.find((f) => claim.others.every((o) => new RegExp(`(?<![\\d.])${o.replace(".", "\\.")}(?![\\d.])`).test(f.text)));
      const rest = told ? places.filter((x) => x.fact === told && !claim.others.includes(x.n)) : [];
      if (told && rest.length === 1 && !matches(rest[0]!))
        return [
          `不对：资料里写的是“${told.text.replace(/[。；]$/, "")}”，是 ${rest[0]!.n} ${/^[个名位人]$/.test(claim.unit ?? "") ? "个" : claim.unit}，不是 ${said}。`,
        ];
    }
    // "今年已经安置200人了吧": the figure is a plan, said as done.
    const planned_ = places.find((x) => matches(x) && x.plan && !planned && x.change === change);
    if (!stating && !planned && planned_ && /已经|今年|这一年|去年|了/.test(claim.clause) && !places.some(sameSubject))
      return [`不对：${planned_.n} 是计划要做到的数（“${planned_.part.trim()}”），资料里没说已经做到。`];
    // "大概四千三百人对吧", "差不多七百人": a rough count is right within a tenth of the place it was said of.
    if (/大概|大约|左右|差不多|将近|约|上下|出头/.test(saidFrom)) {
      const near = ranked.filter((x) => Math.abs(Number(x.n) - said) <= said * 0.1);
      const about = meant ?? (new Set(ranked.map((x) => x.n)).size === 1 ? ranked[0] : undefined);
      if (near.length > 0 && (!about || near.includes(about))) return [`对，差不多：资料里写的是“${(about ?? near[0]!).part.trim()}”。`];
      return about ? [`不对：资料里写的是“${about.part.trim()}”。`] : [];
    }
    // "三级救助了3570个对吧": the count is another grade's; the one said of the grade asked is given.
    const instead = new Set(grades.length > 0 && claim.others.length === 0 ? places.filter(sameSubject).map((x) => x.n) : []);
    // "一二级三千四百多人对吧": a count of the grade said that the entry states otherwise.
    if (!stating && instead.size === 1 && !places.some((x) => sameSubject(x) && matches(x)))
      return [
        `不对：资料里${gradeNames(grades)}${change ? "比上一年多的" : ""}是 ${[...instead][0]} ${claim.unit === "户" ? "户" : "人"}${places.some((x) => x.n === String(said)) ? `（${said} 不是${gradeNames(grades)}的数）` : ""}。`,
      ];
    // "法律援助1900人对吧" where 1900 is the judicial aid's: the count of what was named is another.
    if (meant && !matches(meant) && (!stating || shared(meant) > shared(stating)))
      return [
        `不对：资料里写的是“${meant.part.trim()}”${stating ? `；${stating.n} ${/^[个名位人]$/.test(claim.unit ?? "") ? "人" : claim.unit}说的是“${stating.part.trim()}”` : ""}。`,
      ];
    // "853人 一人补1000对吧": another figure said beside, not in the same fact, may be the point; nothing is confirmed.
    // "明年…安置135人 对不" where 135 is only the part "其中通过万人千元就业工程安置": a part said as the whole.
    const partOnly = (x: (typeof places)[number]) => {
      if (!/^\s*其中/.test(x.part)) return undefined;
      const whole = x.words.slice(0, x.words.length - x.part.length).trim();
      const own = [...wordPairs(x.part)].filter((w) => !wordPairs(whole).has(w));
      return own.some((w) => subject.has(w)) ? undefined : whole;
    };
    const wholeOf = stating ? partOnly(stating) : undefined;
    if (stating && wholeOf) return [`不对：资料里写的是“${wholeOf}”；${stating.n} 只是其中一部分：“${stating.part.trim()}”。`];
    // "明年要培训260人 安置200人 对不": every count said is stated, each in a fact of its own.
    // ("河道投了300万 修了5座桥涵": another figure said may be a sum, stated in a fact of its own.)
    const otherFacts = claim.others.map(
      (o) => places.find((x) => x.n === o && sameSubject(x))?.fact ?? facts.find((f) => new RegExp(`(?<![\\d.])${o.replace(".", "\\.")}\\s*万元`).test(f.text)),
    );
    if (stating && claim.others.length > 0 && otherFacts.every((f) => f !== undefined) && !claim.others.every((o) => stating.fact.text.includes(o)))
      return [`对：资料里写的是${[...new Set([...otherFacts, stating.fact])].map((f) => `“${quoted(f!)}”`).join("；")}。`];
    if (stating && claim.others.every((o) => stating.fact.text.includes(o))) {
      // "全县58个村对吧" where the source says 全镇: the number is right, the place it is of is not.
      const scopeSaid = /全(县|镇|市|乡)/.exec(claim.clause)?.[1];
      // (A city report's figures are the city's: "全县农村幼儿园917所" of 贵港市's 917.)
      const scopeStated = /全(县|镇|市|乡)/.exec(stating.fact.text)?.[1] ?? (/（[^）]*市）/.test(title) ? "市" : undefined);
      if (scopeSaid && scopeStated && scopeSaid !== scopeStated)
        return [`不对：${stating.n} 这个数没错，但说的是全${scopeStated}，不是全${scopeSaid}：资料里写的是“${quoted(stating.fact)}”。`];
      // "全市留守娃才一万零八百五十个": the fact counts the children's parents (10850 名留守儿童家长), not the children.
      const role = new RegExp(`(?<![\\d.])${stating.n}\\s*(?:多)?\\s*(?:个|名|位|人)?[\\u4e00-\\u9fa5]{0,8}?(${COUNTED_ROLES.source})`).exec(stating.part)?.[1];
      if (role && !claim.clause.includes(role)) {
        // The count of what was meant, where the entry has one ("在校的留守青少年儿童共 20.73 万人").
        const said = wordPairs(claim.clause);
        const overlap = (x: (typeof places)[number]) => [...wordPairs(x.part)].filter((w) => said.has(w)).length;
        const meantCount = places
          .filter((x) => x.fact !== stating.fact && !COUNTED_ROLES.test(x.part) && overlap(x) > 0)
          .sort((a, b) => overlap(b) - overlap(a))[0];
        return [
          `不对：资料里的 ${stating.n} 说的是${role}：“${quoted(stating.fact)}”。${meantCount ? `您问的人数，资料里是“${quoted(meantCount.fact)}”。` : ""}`,
        ];
      }
      return [`对：资料里写的是“${quoted(stating.fact)}”。`];
    }
    return [];
  }
  // "一个人给四十三万五", "每个残疾人都能分314万": a total paid to many said to be each one's.
  const ofAll = eachOfTotal(facts, claim, question);
  if (ofAll) return [ofAll];
  if (claim.kind === "sum") {
    // "六十四万多" holds for 64.344 万元.
    const isSaid = (n: number) => n === said || (claim.more === true && withinMore(n, said));
    // "河道整治投了500万是吧": the entry's sum in 万元, when it gives one (or says the very one).
    // A budget or a plan ("原来预算投资 500 万元") is no sum spent.
    const sums = facts.flatMap((f) =>
      f.text
        .split(/[，,；;。、]/)
        .filter((part) => !/预算|计划|原来|打算/.test(part) || /预算|计划|原来|打算/.test(claim.clause))
        .flatMap((part) => [...part.matchAll(/(\d+(?:\.\d+)?)\s*(?:多|余)?\s*万元/g)].map((m) => ({ fact: f, part, n: Number(m[1]) }))),
    );
    // "幼儿园装修花了500万": of several sums, the one whose fact shares the clause's words (装修) is the one meant.
    // (Words naming the entry itself, "幼儿园", point at none of its sums.)
    const named = wordPairs(title);
    // (The clause to its end: "拿了500万给开发商的幼儿园搞装修" says what the sum was for after it.)
    const at = question.lastIndexOf(claim.clause);
    const rest = at < 0 ? "" : question.slice(at + claim.clause.length).split(/[，,。；;！!？?\s]/)[0]!;
    const asked = new Set([...wordPairs(claim.clause + rest)].filter((w) => !named.has(w)));
    // (A fact holding two sums, "土地收益 200 多万元、劳务收益 100 多万元": each one's own part says what it is of.)
    const overlap = (x: (typeof sums)[number]) =>
      [...wordPairs(sums.filter((y) => y.fact === x.fact).length > 1 ? x.part : x.fact.text)].filter((w) => asked.has(w)).length;
    const byWords = [...sums].sort((a, b) => overlap(b) - overlap(a));
    const meant = sums.length > 1 && overlap(byWords[0]!) > 0 && overlap(byWords[0]!) > overlap(byWords[1]!) ? byWords[0] : undefined;
    // "全县救助4281人 发了341.04万 没错吧": a count said beside the sum is no other sum; the one fact stating
    // that count beside a sum is the one the sum was said of.
    const countsSaid = claim.others.filter((o) =>
      new RegExp(`(?<![\\d.])${o.replace(".", "\\.")}\\s*(?:多)?\\s*(?:个|名|位)?\\s*(?:人|户|次|所|场|村)`).test(question),
    );
    const sumsSaid = claim.others.filter((o) => !countsSaid.includes(o));
    const beside = sums.filter(
      (x) => countsSaid.length > 0 && countsSaid.every((c) => new RegExp(`(?<![\\d.])${c.replace(".", "\\.")}(?![\\d.])`).test(x.fact.text)),
    );
    if (beside.length === 1 && sumsSaid.length === 0) {
      const stated = beside[0]!.fact.text.replace(/[。；]$/, "");
      // "三级的711人 发了314.04万": a count in brackets is part of the whole the sum was paid to.
      const whole = beside[0]!.fact.text.replace(/（[^）]*）|\([^)]*\)/g, "");
      const parts = countsSaid.filter((c) => !new RegExp(`(?<![\\d.])${c.replace(".", "\\.")}(?![\\d.])`).test(whole));
      if (parts.length > 0) return [`不对：资料里写的是“${stated}”；${parts.join("、")} 只是其中一部分，${beside[0]!.n} 万元是全部人一共发的。`];
      return [isSaid(beside[0]!.n) ? `对：资料里写的是“${stated}”。` : `不对：资料里写的是“${stated}”，不是 ${said} 万元。`];
    }
    if (meant && claim.others.length === 0) {
      if (isSaid(meant.n)) return [`对：资料里写的是“${meant.fact.text.replace(/[。；]$/, "")}”。`];
      if (sums.filter((y) => y.fact === meant.fact).length > 1)
        return [`不对：资料里写的是“${meant.part.replace(/（.*$/, "").trim()}”，不是 ${said} 万元（“${meant.fact.text.replace(/[。；]$/, "")}”）。`];
      const elsewhere = facts.find((f) => f !== meant.fact && new RegExp(`(?<![\\d.])${said}\\s*万`).test(f.text));
      return [
        elsewhere
          ? `不对：资料里写的是“${meant.fact.text.replace(/[。；]$/, "")}”。${said} 万元说的是另一回事：“${elsewhere.text.replace(/[。；]$/, "")}”。`
          : `不对：资料里写的是“${meant.fact.text.replace(/[。；]$/, "")}”，不是 ${said} 万元。`,
      ];
    }
    // "花了50万装修 还拿30万的地换的 是吧": every sum said is one of the entry's.
    const all = [said, ...claim.others.map(Number)];
    if (claim.others.length > 0 && all.every((n) => sums.some((x) => x.n === n)))
      return [
        `对：资料里写的是${[...new Set(all.map((n) => sums.find((x) => x.n === n)!.fact))].map((f) => `“${f.text.replace(/[。；]$/, "")}”`).join("；")}。`,
      ];
    // (Of several sums, one the clause's words do not point at is no confirmation: "换地花了50万" is not 装修's.)
    const same = sums.find((x) => isSaid(x.n) && (sums.length === 1 || overlap(x) > 0));
    if (same) return [`对：资料里写的是“${same.fact.text.replace(/[。；]$/, "")}”。`];
    // "幼儿园镇里投了500万": the figure is the budget, not what was spent; what was spent is said instead.
    const budget = facts.find((f) =>
      f.text.split(/[，,；;。]/).some((part) => /预算|计划|原来|打算/.test(part) && new RegExp(`(?<![\\d.])${said}\\s*万`).test(part)),
    );
    if (budget && sums.length > 0 && claim.others.length === 0 && !/预算|计划|原来|打算/.test(claim.clause) && /投|花|出|用/.test(claim.clause))
      return [
        `不对：${said} 万元是原来的预算，不是花出去的钱。资料里写的是${[...new Set(sums.map((x) => x.fact))].map((f) => `“${f.text.replace(/[。；]$/, "")}”`).join("；")}。`,
      ];
    // 不对 only when the clause names what the entry's one sum is of (its title's words): not another programme's.
    return sums.length === 1 && claim.others.length === 0 && namesEntry(claim.clause)
      ? [`不对：资料里写的是“${sums[0]!.fact.text.replace(/[。；]$/, "")}”，不是 ${said} 万元。`]
      : [];
  }
  if (claim.kind === "price") {
    // "秸秆压块一吨卖1360对吧": the thing priced must be the fact's (the coal's price is not the briquettes').
    const thing = (t: string) => new Set([...t.replace(/市场|价格?|一吨|每吨|元|块|钱|对|吧|是|的|卖|买|多少|好|优质|[\d\s]/g, "")]);
    const asked = thing(claim.clause);
    const priced = facts.find((f) => new RegExp(`\\d\\s*元\\s*/\\s*${claim.unit}`).test(f.text) && [...thing(f.text)].some((c) => asked.has(c)));
    const price = priced ? new RegExp(`(\\d+(?:\\.\\d+)?)\\s*元\\s*/\\s*${claim.unit}`).exec(priced.text) : null;
    if (!price) return [];
    const each = Number(price[1]);
    return each === said || (claim.more === true && withinMore(each, said))
      ? [`对：资料里写的是 ${each} 元/${claim.unit}。`]
      : [`不对：资料里写的是 ${each} 元/${claim.unit}，不是 ${said} 元。`];
  }
  // "俺俩一年800对吧", "全家一共…是吧": a total for several people or households is the calculators' to check.
  if (/[俩仨]|两口|两个|全家|一家|一共|总共|加起来|合计|[二两三四五六七八九十\d]\s*(?:个|口|名|位|户)(?!多残)/.test(question)) return [];
  const rules = facts.filter((f) => f.kind === "rule" || f.kind === undefined);
  const ofGrades = (f: Fact) => grades.length === 0 || grades.every((g) => gradesIn(f.text).includes(g));
  const close = (value: number) => Math.abs(value - said) < 0.01 || (claim.more === true && withinMore(value, said));
  // "每人200块是吧": against the one amount the entry's rules give, whatever its period.
  const eachVerdict = (per: Claim["per"]): string[] => {
    const amounts = [...new Set(rules.filter(ofGrades).flatMap((f) => [...f.text.matchAll(/(\d+(?:\.\d+)?)\s*元/g)].map((m) => Number(m[1]))))];
    if (amounts.length !== 1) return [];
    const rule = rules.find((f) => ofGrades(f) && f.text.includes(`${amounts[0]} 元`))!;
    const quoted = rule.text.replace(/[。；]$/, "");
    // "一户多残每人1680对吧": the amount is per household, not per person.
    const ruleFor = /每户|按户/.test(rule.text) ? "户" : /每人|每位/.test(rule.text) ? "人" : undefined;
    if (per && ruleFor && per !== ruleFor) return [`不对：资料里写的是“${quoted}”，是按${ruleFor}算的，不是按${per}。`];
    return close(amounts[0]!) ? [`对：资料里写的是“${quoted}”。`] : [`不对：资料里写的是“${quoted}”，不是 ${said} 元。`];
  };
  if (claim.kind === "each") return eachVerdict(claim.per);
  const stated = rules
    .map((f) => ({ fact: f, money: moneyFigure(f.text) }))
    .filter((x): x is { fact: Fact; money: MoneyFigure } => x.money !== undefined && ofGrades(x.fact));
  const amounts = new Set(stated.map((x) => `${x.money.amount}/${x.money.period}/${x.money.per}`));
  // "代缴养老一年交200对不": the entry sets one amount without a period; it is checked as it is said.
  if (amounts.size === 0 && claim.months === 12 && !/每人|每户/.test(claim.clause)) return eachVerdict("人");
  if (amounts.size !== 1) return [];
  const { money } = stated[0]!;
  const months = claim.months ?? 12;
  const per = money.per ? `每${money.per}` : "";
  const statedText = `${per}${money.period === "month" ? "每月" : "每年"} ${money.amount} 元`;
  // "一户多残是每人每年1680元对吧": the amount is right, but not for whom it was said.
  if (claim.per && money.per && claim.per !== money.per) return [`不对：资料里写的是${statedText}，是按${money.per}算的，不是按${claim.per}。`];
  const inMonths = money.period === "month" ? 1 : 12;
  const value = Math.round(((money.amount * months) / inMonths) * 100) / 100;
  const formula = months === inMonths ? "" : inMonths === 1 ? `${money.amount} × ${months}` : `${money.amount} ÷ 12${months === 1 ? "" : ` × ${months}`}`;
  const period = months === 6 ? "半年" : months === 12 ? "一年" : "一个月";
  const working = formula ? `，${period}${Number.isInteger(value) ? " " : "约 "}${value} 元（${formula}）` : "";
  // "三级的一个月33块对吧" against 33.33: right to the 元, the exact figure said beside.
  if (claimHolds(value, claim)) return [`对：资料里写的是${statedText}${working}。`];
  return [`不对：资料里写的是${statedText}${working}，不是 ${said} 元。`];
}

/** Of the close hits, the one entry with a fact stating the sum heard (314 for 314.04 万元). */
function stating(hits: readonly SearchHit[], claim: Claim | undefined): SearchHit | undefined {
  if (claim?.unit !== "万元") return undefined;
  const figure = new RegExp(`(?<![\\d.])${String(claim.value).replace(".", "\\.")}(?:\\.\\d+)?\\s*(?:多|余)?\\s*万元`);
  const found = hits.slice(0, 3).filter((h) => h.coverage >= CONFIDENCE.clarify / 2 && h.entry.facts.some((f) => figure.test(f.text)));
  return found.length === 1 ? found[0] : undefined;
}

/** People counted by what they are to someone else ("留守儿童家长"): a count of them is not a count of the others. */
const COUNTED_ROLES = /家长|父母|老师|教师|干部|医生|志愿者|工作人员|技术员/;

/** "一个人", "每个残疾人", "每人都能": an amount said to be one person's or household's. */
const ONE_EACH = /(?:一|每)(?:个|位|名)?(?:人|户(?!多残|两残)|残疾人|家)|每个[^，,。？?\s]{1,4}(?:都|能|可以)|人人/;

/**
 * A figure in 万元 that a fact states as what many people were paid together ("帮扶了 145 位…一共发了扶持资金 43.5 万元"),
 * said of one person: the verdict, with the count it was for. Only a sum of 10,000 元 or more is read so.
 */
function eachOfTotal(facts: readonly Fact[], claim: Claim, question: string): string | undefined {
  const yuan = claim.unit === "万元" ? claim.value * 10000 : claim.kind === "each" || claim.unit === "元" ? claim.value : undefined;
  // (The clause to its end: "那314万救助款是每个残疾人都能分" says whose it is after the figure.)
  const at = question.lastIndexOf(claim.clause);
  const rest = at < 0 ? "" : question.slice(at + claim.clause.length).split(/[，,。；;！!？?\s]/)[0]!;
  if (yuan === undefined || yuan < 10000 || !ONE_EACH.test(claim.clause + rest)) return undefined;
  const wan = yuan / 10000;
  for (const fact of facts) {
    // ("314万" for 314.04 万元: a whole number said of a sum with a fraction is that sum rounded.)
    const sum = [...fact.text.matchAll(/(\d+(?:\.\d+)?)\s*(?:多|余)?\s*万元/g)].find(
      (m) => Math.abs(Number(m[1]) - wan) < 0.001 || (Number.isInteger(wan) && Math.floor(Number(m[1])) === wan),
    );
    // The people it was paid to: the first count said with its measure word, outside brackets ("给 104 名残疾儿童…
    // （比任务多 13 人）" is 104); and the fact must say the sum is the whole (一共, 共, 发放, 投入).
    const many = /(?<![\d.（(][^）)]{0,12})(\d+)\s*(?:位|名|个|户|人)/.exec(fact.text);
    if (sum && many && Number(many[1]) > 1 && /共|总|发放|投入|合计/.test(fact.text))
      return `不对：${sum[1]} 万元是一共 ${many[1]} ${/户/.test(many[0]) ? "户" : "人"}的总数，不是一个人的：资料里写的是“${quoted(fact)}”。`;
    // "每户增加土地收益200万": no count given, but the fact says the sum is everyone's together.
    if (sum && !many && /全部|加在一起|一共|总共|合计/.test(fact.text))
      return `不对：${sum[1]} 万元是加在一起的总数，不是每${/户/.test(claim.clause + rest) ? "户" : "人"}的：资料里写的是“${quoted(fact)}”。`;
  }
  return undefined;
}

/**
 * A yes-or-no put to confirm with no figure in it, answered only where the entry settles it: whether it costs
 * money ("免费的是不", "要交钱吧"), and places or names listed ("压缩点是在于家英 沈家荒 东梁格 对不"): 对 when
 * one fact names them all, 不对 when a fact lists some and another is nowhere in the entry.
 */
/** "是收费的吧 一期要交好几百", "得自己掏钱": a cost said of something. */
const COST_SAID = /收费的?吧|得(?:自己)?(?:掏|花|交|出)钱|自己(?:掏|出)钱|要交[^，,。？?]{0,4}(?:钱|费)/;

function confirmSaid(facts: readonly Fact[], question: string): string | undefined {
  // ("白内障手术得自己掏钱 听说要好几千": a cost said outright, asking nothing, is put to confirm as well.)
  const tag =
    [...question.matchAll(new RegExp(CONFIRM_TAG.source, "g"))].at(-1) ??
    /吧\s*[?？]?\s*$/.exec(question) ??
    (COST_SAID.test(question) && !/[?？吗么]|要不要|收不收|多少/.test(question) ? { index: question.length } : undefined);
  if (!tag) return undefined;
  const start = Math.max(0, ...[...question.slice(0, tag.index).matchAll(/[。？?！!]/g)].map((m) => m.index + 1));
  const body = question.slice(start, tag.index);
  if (/\d|[零一二两三四五六七八九十]\s*(?:个|元|块|人|户|吨|斤|亩|年|月)/.test(body)) return undefined;
  // Free of charge for the villager: not "免费使用" (a building the town uses), not "收不收费" (a question the fact
  // leaves open); and only when the message names one thing ("白内障和青光眼都免费" names one the entry lacks).
  const free = facts.find((f) => /免费(?!使用)|不收钱|不要钱|(?<!收)不收费|不用(?:自己)?(?:掏|花|交)/.test(f.text) && !/没写|不清楚/.test(f.text));
  const oneThing = !/[和跟与、]|都/.test(body);
  if (free && oneThing && /免费|不要钱|不收钱|不花钱|不收费|不用(?:掏|花|交)钱/.test(body)) return `对：是免费的，资料里写的是“${quoted(free)}”。`;
  if (free && oneThing && /(?:要|得|收|交|花|掏|出)钱|收费/.test(body) && !/不(?:要|得|收|交|花|掏|出)钱|不收费/.test(body))
    return `不对：是免费的，资料里写的是“${quoted(free)}”。`;
  const parts = body.split(/[\s、，,和跟及]+/).filter(Boolean);
  const names = parts.map((part, k) => (k === 0 ? part.replace(/^.*(?:是在|设在|在|是|有)/, "") : part));
  if (names.length < 2 || !names.every((n) => /^[\u4e00-\u9fa5]{2,4}$/.test(n))) return undefined;
  const all = facts.find((f) => names.every((n) => f.text.includes(n)));
  if (all) return `对：资料里写的是“${quoted(all)}”。`;
  const list = facts.find((f) => /、/.test(f.text) && names.some((n) => f.text.includes(n)));
  const absent = names.filter((n) => !facts.some((f) => f.text.includes(n)));
  return list && absent.length > 0 ? `不对：资料里写的是“${quoted(list)}”，没有${absent.join("、")}。` : undefined;
}

/** Measure words a count is said in; any other character after a number is what was counted ("俩技术员"). */
const MEASURE = /^[个名位人户件所次场套座台辆项期例家本只头条份处吨亩斤元%]$|^公$/;

/**
 * "1.2到1.3公斤压块顶1公斤煤 没错吧", "1到10月324件 调处率100% 对吗", "招了俩技术员对吧": a message put to confirm
 * whose every figure, each with what it counts, stands in one fact (holds). Not holding: all but one figure stand
 * in one fact, and that fact has another number where the one left out was said ("1.5公斤压块顶1公斤煤"); or the
 * one figure counts a thing ("仨技术员") that one fact alone counts otherwise. Undefined when nothing settles it.
 */
function figuresOfOneFact(facts: readonly Fact[], question: string): { fact: Fact; holds: boolean } | undefined {
  const tag = [...question.matchAll(new RegExp(CONFIRM_TAG.source, "g"))].at(-1);
  if (!tag) return undefined;
  const start = Math.max(0, ...[...question.slice(0, tag.index).matchAll(/[。？?！!]/g)].map((m) => m.index + 1));
  // (俩 and 仨 after a verb are counts: "招了俩技术员", never "他俩", "娘俩".)
  const body = question
    .slice(start, tag.index)
    .replace(/(?<=[了有是招配派])俩/g, "2")
    .replace(/(?<=[了有是招配派])仨/g, "3");
  const said = [...body.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*(?:([到至~～\-－])\s*(?=\d)|(%|[\u4e00-\u9fa5]))/g)];
  if (said.length === 0 || said.some((m) => !m[2] && !m[3]) || said.every((m) => m[2])) return undefined;
  const patterns = said.map((m) => {
    const n = m[1]!.replace(".", "\\.");
    if (m[2]) return new RegExp(`(?<![\\d.])${n}\\s*[到至~～\\-－]\\s*\\d`);
    if (MEASURE.test(m[3]!)) return new RegExp(`(?<![\\d.])${n}\\s*${m[3] === "%" ? "%" : /[个名位人]/.test(m[3]!) ? "[个名位人]" : m[3]}`);
    return new RegExp(`(?<![\\d.])${n}\\s*[个名位]?[^，,。；\\d]{0,4}${m[3]}`);
  });
  const holding = facts.find((f) => patterns.every((p) => p.test(f.text)));
  if (holding) return { fact: holding, holds: true };
  // The same figure left out, any number in its place.
  const anyNumber = (p: RegExp) => new RegExp(p.source.replace(/^\(\?<!\[\\d\.\]\)\d+(?:\\\.\d+)?/, "(?<![\\d.])\\d+(?:\\.\\d+)?"));
  const instead = facts.flatMap((f) =>
    patterns.flatMap((p, k) =>
      !p.test(f.text) && anyNumber(p).test(f.text) && patterns.every((q, j) => j === k || q.test(f.text))
        ? [{ fact: f, n: /[\d.]+/.exec(anyNumber(p).exec(f.text)![0])![0] }]
        : [],
    ),
  );
  // (Several facts may say the same figure: "2 名专职技术人员" twice.)
  const figures = new Set(instead.map((x) => x.n));
  const onlyNoun = said.length === 1 && !said[0]![2] && !MEASURE.test(said[0]![3]!);
  return figures.size === 1 && (said.length >= 2 || onlyNoun) ? { fact: instead[0]!.fact, holds: false } : undefined;
}

/** A fact as quoted in a verdict, without its closing stop. */
const quoted = (fact: Fact) => fact.text.replace(/[。；]$/, "");

/** "每人每年补多少油钱，资料里没写": a gap about the amount per person (or household). */
const PER_HEAD_GAP = /每(?:人|户|个)[^，,。]{0,6}多少/;

/** The pairs of Chinese characters a text says, but for pairs of mere grammar ("的是", "有了", "对吧"). */
function wordPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of text.match(/[\u4e00-\u9fa5]+/g) ?? [])
    for (let i = 0; i + 1 < run.length; i++) if (!/[的是了有个对吧吗不这那就要呢都也]/.test(run.slice(i, i + 2))) pairs.add(run.slice(i, i + 2));
  return pairs;
}

/** "比上一年多 177 人", "增加了", "多了2个": a change said, not a count ("一户多残", "最多5吨" are no change). */
const CHANGE_SAID = /比|多了|(?<![最至顶])多\s*\d|增加|增长|超(?:过|额|出|了)?任务|超了/;

/** The question quotes an amount ("那8万", "300万") that the fact states, in the same unit. */
function quotesFigureOf(question: string, fact: string): boolean {
  for (const m of question.matchAll(/(\d+(?:\.\d+)?)\s*(万元|万|元|块)/g)) {
    const unit = m[2]!.startsWith("万") ? "万" : "元";
    if (new RegExp(`(?<![\\d.])${m[1]!.replace(".", "\\.")}\\s*${unit}`).test(fact)) return true;
  }
  return false;
}

/** The entry named, the figure asked for said to be missing, and up to two of its facts that carry no number. */
function noFigureAnswer(entry: Entry, confidence: number, saying: string, shown: (fact: Fact) => boolean): ComposedAnswer {
  const text = [
    `【${entry.title}】`,
    saying,
    ...entry.facts
      .filter(shown)
      .slice(0, 2)
      .map((f) => `• ${f.text}`),
    `找谁问：${entry.contact}`,
    `来源：${entry.source.section}`,
  ];
  return { kind: "answer", text: text.join("\n"), citations: [citationOf(entry)], entryIds: [entry.id], confidence, quickReplies: [] };
}

/** "哪一年开始发的", "什么时候开始有的": when a programme began. */
const START_ASKED = /哪一?年(?:就)?(?:开始|开办|兴起|实行|施行|有的)|从哪一?年(?:起|开始)?/;
const WHICH_YEAR = /(?:到|在|是|具体)哪一?年(?!级|龄)|哪一?年(?:达标|完成|建成|建好|通过|验收|办的|定的)/;

/** "汪疃镇归哪个县管的", "咱这属于哪个省": the place above this one. */
const ABOVE_ASKED =
  /([\u4e00-\u9fa5]{0,4}?[镇乡村]|我们这|我们这里|这里|这儿)(?:是|归|属于|隶属)(?:哪个|哪一个|哪|啥|什么)(县|市|省|地区)(?![城医场级])(?:管|的|里)?/;

/** "电话多少", "咋联系" (not "电话调查"): a phone number or other way to reach someone. */
// ("俺家电话13812345678": the villager's own number, told, asks for none.)
const PHONE_ASKED =
  /电话(?!调查|访问|回访|调查率|的(?!号|联系)|\s*(?:是|号码?是?)?\s*1\d{10})|手机号(?!\s*(?:是|码是?)?\s*1\d{10})|联系方式|怎么联系|咋联系|号码多少/;
const PHONE_WORDS = /(?:的)?(?:联系)?电话(?:号码)?(?:是)?(?:多少|几号|是啥|是什么)?|手机号码?|联系方式|怎么联系|咋联系|号码多少/g;
/** Offices a villager may want to ring, named in the question when no entry is asked about. */
const OFFICE = /县残联|镇残联|残联|镇政府|乡政府|县政府|妇联|村委会|服务站|文化站|卫生院|社保所|农经站|幼儿园|法律援助工作站/;

/**
 * The seed gives no telephone number: asked for one, the reply says so, with whom to go to for the topic
 * asked about (searched without the words of the phone question, which would match "电话调查").
 */
function phoneAnswer(index: KnowledgeIndex, query: AnalyzedQuery): ComposedAnswer | undefined {
  if (!PHONE_ASKED.test(query.text)) return undefined;
  const rest = index.analyze(query.text.replace(PHONE_WORDS, " "));
  const [top] = index.search(rest, 3);
  if (top && top.coverage >= CONFIDENCE.clarify && index.namesTopic(top, true) && !top.entry.needs_review) {
    const text = [
      `【${top.entry.title}】`,
      "资料里没有写电话号码，我不乱说号码。",
      `找谁办：${top.entry.contact}`,
      "电话可以问村委会，或到镇政府便民服务中心问。",
    ];
    return { kind: "answer", text: text.join("\n"), citations: [citationOf(top.entry)], entryIds: [top.entry.id], confidence: top.coverage, quickReplies: [] };
  }
  const office = OFFICE.exec(query.text)?.[0];
  const text = [`资料里没有写${office ?? "这个单位"}的电话号码和地址，我不乱说。`, "可以问村委会，或到镇政府便民服务中心问。"];
  return { kind: "no_answer", text: text.join("\n"), citations: [], entryIds: [], confidence: top?.coverage ?? 0, quickReplies: [] };
}

function reviewAnswer(entry: Entry, confidence: number): ComposedAnswer {
  const text = [
    `【${entry.title}】`,
    entry.summary,
    `知识库里还没有这项政策的具体标准，我不能给您报数字，免得说错。`,
    `请咨询：${entry.contact}`,
    `工作人员核实后会把这项标准补充进来。`,
  ].join("\n");
  return { kind: "needs_review", text, citations: [citationOf(entry)], entryIds: [entry.id], confidence, quickReplies: [] };
}

function clarify(hits: readonly SearchHit[], confidence: number): ComposedAnswer {
  const seen = new Set<string>();
  const topics = hits.filter((h) => h.coverage >= CONFIDENCE.clarify * 0.6 && !seen.has(h.entry.title) && seen.add(h.entry.title)).slice(0, MAX_TOPICS);
  const lines = ["您想问的是下面哪一项？回复序号就行，也可以换个说法再问："];
  for (const [i, hit] of topics.entries()) lines.push(`${i + 1}. ${hit.entry.title}`);
  return {
    kind: "clarify",
    text: lines.join("\n"),
    citations: [],
    entryIds: topics.map((t) => t.entry.id),
    confidence,
    quickReplies: topics.map((t, i) => ({ label: `${i + 1}. ${t.entry.title}`, payload: t.entry.title })),
  };
}

/**
 * "市里妇女两癌筛查率是多少": a rate the knowledge base states only of something else (筛查率 of newborns): the
 * part of its name no entry says before the rate (两癌) holds a word no entry knows. Returns the rate asked.
 */
function unmeasuredRate(index: KnowledgeIndex, query: AnalyzedQuery): string | undefined {
  const rate = /([\u4e00-\u9fa5]{2,10}?)率(?:是|有|能有|达到|到了)?(?:多少|几|啥|什么)/.exec(query.text);
  if (!rate) return undefined;
  const name = rate[1]!;
  const known = knownText(index);
  // The longest end of the name that some entry states a rate of ("筛查率"), and what is said before it.
  for (let k = 0; k < name.length - 1; k++) {
    if (!known.includes(`${name.slice(k)}率`)) continue;
    const before = name.slice(0, k);
    // (A word of characters the entries use, "甲减" of 甲状腺功能减低, or a child word, "娃", is no other thing.)
    // (Nor a number or an age: "零到六个月的".)
    const unknown = index
      .analyze(before)
      .words.filter(
        (w) =>
          !index.knows(w) &&
          !KIN_WORD.test(w) &&
          !/^[零〇一二两三四五六七八九十百千万\d]+(?:个|个月|月|岁|年)?$/.test(w) &&
          [...w].some((c) => !known.includes(c)),
      );
    if (k === 0 || unknown.length === 0) return undefined;
    // Named from the first word no entry knows ("两癌筛查率", "宫颈癌筛查率"; a last character alone with the one before it).
    const from = before.indexOf(unknown[0]!);
    return `${before.slice(Math.max(0, from - (before.length - from === 1 ? 1 : 0)))}${name.slice(k)}率`;
  }
  return undefined;
}
const knownTexts = new WeakMap<KnowledgeIndex, string>();
function knownText(index: KnowledgeIndex): string {
  let text = knownTexts.get(index);
  if (text === undefined) {
    text = index.entries.map((e) => [e.title, e.summary, ...e.facts.map((f) => f.text)].join(" ")).join(" ");
    knownTexts.set(index, text);
  }
  return text;
}

/** Words of two characters or more the knowledge base has never seen, none a relative or a word of time or doubt. */
function unknownWords(index: KnowledgeIndex, query: AnalyzedQuery): string[] {
  return query.words.filter(
    (w) =>
      w.length >= 2 &&
      /^[\u4e00-\u9fa5]+$/.test(w) &&
      !index.knows(w) &&
      !KIN_WORD.test(w) &&
      // ("俺说错了 是俺爹俺娘俩人": a word of correcting oneself names no topic.)
      !/^(?:到底|究竟|真的|现在|以后|今年|去年|明年|还是|是否|是不是|一般|平常|都是)$|^(?:说|搞|记|弄|写|打|算|数)错$/.test(w),
  );
}

/** The hit matched a word of meaning of two characters or more, or several single ones ("烧 顶 煤"). */
function sharesWord(index: KnowledgeIndex, hit: SearchHit): boolean {
  const meant = hit.matchedWords.filter((w) => index.matchesMeaning({ ...hit, matchedWords: [w] }));
  return meant.length > 1 || meant.some((w) => w.length >= 2);
}

function noAnswer(confidence: number, weakHit: SearchHit | undefined, named?: string): ComposedAnswer {
  // A weak hit still tells us which office deals with the topic, even if it can't answer the question.
  const contact = weakHit && weakHit.coverage >= CONFIDENCE.clarify * 0.5 && !named ? weakHit.entry.contact : FALLBACK_CONTACT;
  const text = [
    named ? `抱歉，知识库里没有“${named}”这一项，我不清楚具体标准，不乱说数字。` : "抱歉，知识库里暂时没有这方面的内容，我不乱说数字。",
    `建议您问问：${contact}。`,
    "知识库答不上的问题，工作人员会定期查看、把资料补上。",
  ].join("\n");
  return { kind: "no_answer", text, citations: [], entryIds: [], confidence, quickReplies: [] };
}

const isRule = (fact: Fact) => fact.kind === "rule";

// ---- arithmetic over the knowledge base's figures ---------------------------------------------

/** "每人每年 800 元", "每户每年 1680 元", "每人每月 50 元": an amount with whom and how often it is paid. */
/** "代缴养老100块 是按人还是按户": who an amount is for, as the rule setting it says (每位…, 每户…). */
export function reckonPerWhom(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!/按人(?:头)?(?:算|给|发)?还是按户|按户(?:算|给|发)?还是按人|每人还是每户|每户还是每人|一人一份还是|是按人还是|是按户还是/.test(question))
    return { lines: [], used: [] };
  for (const fact of facts) {
    if (!isRule(fact) || !/\d\s*(?:万)?元/.test(fact.text)) continue;
    const said = fact.text.replace(/不是按[人户]/g, "");
    const perHousehold = /每户|按户|一户一份/.test(said);
    const perPerson = /每人|每位|每名|每个人|人均|按人/.test(said);
    if (perHousehold === perPerson) continue;
    return {
      lines: [`按${perHousehold ? "户" : "人"}算，${perHousehold ? "每户" : "每人"}一份：资料里写的是“${fact.text.replace(/[。；]$/, "")}”`],
      used: [fact],
    };
  }
  return { lines: [], used: [] };
}

interface MoneyFigure {
  amount: number;
  per: "人" | "户" | "";
  period: "year" | "month";
  text: string;
}

/** An amount for each one: "每位重度残疾人代缴 100 元", "每户 1680 元". */
const EACH_AMOUNT = /每(?:人|户|位|个)[^。；，,]{0,12}?\d+(?:\.\d+)?\s*元/;
const MONEY_FIGURE = /(每人|每户)?(每年|每月|一年|一个月)\s*(\d+(?:\.\d+)?)\s*元/;

function moneyFigure(text: string): MoneyFigure | undefined {
  const m = MONEY_FIGURE.exec(text);
  if (!m) return undefined;
  return { amount: Number(m[3]), per: m[1] === "每户" ? "户" : m[1] === "每人" ? "人" : "", period: /月/.test(m[2]!) ? "month" : "year", text: m[0] };
}

export interface FigureQuestion {
  /** "十来个": the count said is about that many; the sum is an estimate, said so. */
  estimate?: string;
  /** "十五六户": a range said for the count; nothing is reckoned on it, the villager is asked which. */
  rough?: string;
  /** "合一公斤多少钱": a price per tonne turned per kilo (and per jin). */
  perKilo?: boolean;
  perMonth: boolean;
  perYear: boolean;
  years?: number;
  persons?: number;
  /** "3个 ⏎ 还有2个漏报了": those added to the people counted (already in `persons`). */
  added?: number;
  /** "本来三个…有一个户口迁走了": those of the people counted who left (already taken out of `persons`). */
  left?: number;
  /** "漏了俩" with no grade said after it: people left out whose grade is not known, not reckoned. */
  leftOutUnknown?: number;
  /** "其中有1个不是贫困户": of the people counted, how many are not poor (a programme for the poor leaves them out). */
  notPoor?: number;
  /** "俺村有8户一户多残家庭": households, for amounts paid per household. */
  households?: number;
  /** "原来有3户…又新认定了1户": the households before and those added. */
  householdsFrom?: { from: number; by: number; shown: string };
  /** "一个季度合多少": a quarter of the yearly amount. */
  perQuarter?: boolean;
  /** "一天合多少": a yearly amount over 365 days. */
  perDay?: boolean;
  /** "一二级贫困残疾人…": the grades asked about; amounts set for other grades are not reckoned. */
  grades?: number[];
  /** "5个一级的、3个二级的": people counted grade by grade, each grade at its own amount. */
  gradeCounts?: Array<GradeGroup & { tally?: string }>;
  /** "一组3户 二组2户": the village's groups added up, shown before the amounts. */
  tally?: string;
  /** "一二级的比三级的多拿多少，是几倍": one grade's amount against another's. */
  compare?: { greater: number[]; lesser: number[]; times: boolean };
  /** "一共多少人": the people counted grade by grade, added up too. */
  headcount?: boolean;
}

/** "一共多少人", "总共几个人": the number of people asked, beside the money. */
const HEADCOUNT_ASKED = /(?:多少|几)个?人(?![家均次])/;

/** "一级、二级", "一二级", "三级": the disability grades a text names. */
function gradesIn(text: string): number[] {
  const grades = new Set<number>();
  for (const m of text.matchAll(/([一二三四1-4])(?:级|(?=[、，和或至到]?[一二三四1-4]级))/g)) grades.add(GRADE_NUMBER[m[1]!]!);
  return [...grades];
}

/** A relative named: "俺三弟", "他爹", "老伴". */
const KIN = /弟|哥|姐|妹|爹|娘|爸|妈|爷|奶|叔|伯|舅|姨|姑|儿子|闺女|女儿|孙|老伴|媳妇|老婆|丈夫|老公/;

/** A count written whole: "1479", "一千四百七十九", "俩". */
const count = (s: string) => parseNumber(s);

/** A place's own name before 庄, 屯 or 村 ("张庄", "岭西村"): no pronoun, no word such as 全 or 这. */
const NAME_CHAR = String.raw`(?:(?![俺我咱全本这那哪各每上下里的了是有个])[\u4e00-\u9fa5])`;

/** "一组3户 二组2户", "二组是3户" (a correction: the last said of a 组 counts), "一组一户多残2户": a village's counts by group. */
// "一组6人 二组4人", "东组4个 西组6个 南组还有俩", "前街4个 后街3个", "张庄3户 李庄5户": a village's parts
// ("俺们组有两户" ⏎ "三组有一户": the villager's own group is one of them; "男的7个 女的5个": the men and the women).
const SUBGROUP_SOURCE = String.raw`(?:[一二三四五六七八九十\d]+|[东西南北前后中上下][头边]?|[俺我咱]们?)(?:组|队|街|片)|[东西南北前后][头边](?=(?:自然村|自然屯)?(?:[有是还也又]|\s*(?:\d|[一两二三四五六七八九十俩仨])))|(?!自然[村屯])${NAME_CHAR}{1,2}(?:庄|屯|村|沟|洼|湾|坡|岭|寨)(?!里)|[上下](?:庄|屯|村|沟|洼|湾|坡|岭|寨)(?!里)|(?<![妇儿子孙闺少妻])[男女](?:性|同志)?(?=的)|老?(?![俺我咱自人大国农全一二两三四五六七八九十谁哪每本这那各几他她它婆娘亲在回们老住到外搬])[\u4e00-\u9fa5]家(?=\s*(?:有|是)?\s*(?:\d|[一两二三四五六七八九十俩仨]))|${NAME_CHAR}{1,3}那一?(?:片|边|头|块))(?:里|上|那边|这边)?\s?(?:的)?(?:[^\d，,。；\s组队街片]{0,8}?)(?:有|是|还有|也有|又有)?\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(户|个|人|名|位|(?<=[俩仨]))(?!多残|两残)(?![^，,。；\s]{0,8}?(?:迁|搬|去世|过世|走了|没了|不是贫困|非贫困|不贫困|轻度|中度|不是重度|不算重度))`;
const SUBGROUP = new RegExp(`(${SUBGROUP_SOURCE}`, "g");
/** A part of a village named: "二组", "东头" (read first by PLACED_GRADE, PART_GONE and PART_NOT_POOR_NAMED). */
const PART_NAME = String.raw`(?:[一二三四五六七八九十\d]+|[东西南北前后中])(?:组|队|街|片)|[东西南北前后][头边]`;
/** "三组一个二级的", "东头俩三级的": a group's people, counted before their grade. */
const PLACED_GRADE = new RegExp(
  `(${PART_NAME})(?:里|上)?的?(?:有|还有|也有|又有)?\\s*(\\d+\\s*个|[一两二三四五六七八九十]+个|俩|仨)((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级的?`,
  "g",
);

/**
 * "俺村重度残疾人12个 二组有5个 二组代缴多少": the asking clause names one part of the village, and a count was
 * said of that part alone (once): that count is the one asked about. Undefined otherwise.
 */
function partAskedCount(text: string): RegExpExecArray | undefined {
  const asking = text
    .split(/[，,。；;！!？?\s]+/)
    .filter((c) => /多少|几个钱|几块/.test(c))
    .at(-1);
  const parts = asking ? [...asking.matchAll(new RegExp(PART_NAME, "g"))].map((m) => m[0]) : [];
  if (parts.length !== 1) return undefined;
  const said = [
    ...text.matchAll(
      new RegExp(`${parts[0]}(?:里|上)?的?(?:有|还有|也有|是)?\\s*(\\d+|[一两二三四五六七八九十]+|俩|仨)\\s*(?:个|人|名|位)(?![一二三四1-4]级|月|年)`, "g"),
    ),
  ];
  return said.length === 1 ? said[0] : undefined;
}

/** "一组是5个", "一组应该是5个", "一组说错了 是5个": a part's count said again, with no grade of its own. */
function partRestated(place: string): RegExp {
  return new RegExp(
    `${place}(?:那|的)?(?:不对|说错了?|数错了?|记错了?|搞错了?)?[，,\\s]*(?:应该|其实|实际上?)?(?:是|有|改成|改为)\\s*(\\d+|[一两二三四五六七八九十]+|俩|仨)\\s*个(?!\\s*(?:的)?\\s*[一二三四1-4]级)(?=$|[\\s，,。；;！!？?]|不是\\s*(?:\\d|[一两二三四五六七八九十俩仨]))`,
    "g",
  );
}

/** "二组有一个二级残疾 不是贫困户 三组…": what is said of a part's people before the next part is named. */
const PART_SAID_UNTIL = new RegExp(`(?:${PART_NAME})|[。；;？?]`);

function subgroupsOfGrades(text: string): Array<{ place: string; grades: number[]; count: number; notPoor?: true }> {
  return [...text.matchAll(PLACED_GRADE)].flatMap((m) => {
    const n = parseNumber(m[2]!.replace(/\s*个$/, ""));
    if (n === undefined) return [];
    const after = text.slice(m.index + m[0].length);
    const said = after.slice(0, after.search(PART_SAID_UNTIL) >>> 0).slice(0, 16);
    // "一组有4个二级的 … 等会 一组是5个 不是4个": the part's count said again later, with no grade, replaces it.
    const again = [...after.matchAll(partRestated(m[1]!))].at(-1);
    const counted = again ? (parseNumber(again[1]!) ?? n) : n;
    // ("都是贫困户 不是低保户", "去年还不是贫困户 今年评上了", "其中一个不是贫困户": the part's people poor, or
    // only some not.)
    const notPoor = /(?:不是|非|不算|不)贫困/.test(said) && !/都是贫困|(?<!不)是贫困户|评上|其中|有一个|有个|[一两俩二三](?:个)?不是/.test(said);
    return [{ place: m[1]!, grades: gradesSaid(m[3]!), count: counted, ...(notPoor ? { notPoor: true as const } : {}) }];
  });
}
const subgroups = new Map<string, RegExp>();

/** The parts' pattern with the township's own village names ("沈家荒", "东梁格") among the names a part may have. */
function subgroupOf(places: readonly string[]): RegExp {
  if (places.length === 0) return SUBGROUP;
  const key = places.join("|");
  let pattern = subgroups.get(key);
  if (!pattern) {
    const names = [...places].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    subgroups.set(key, (pattern = new RegExp(`((?:${names.join("|")})(?:村(?!里)|(?![村里]))|${SUBGROUP_SOURCE}`, "g")));
  }
  return pattern;
}

interface Tally {
  total: number;
  unit: "户" | "人";
  /** The sum with its parts, "一组 3 + 二组 2 = 5 户". */
  shown: string;
}

/** "不对 有一户去年就合户了 实际4户": a count restated after a correction naming no part (the count captured). */
const PART_RESTATED = /(不对|说错了?|搞错了?|记错了?)[^。？?]{0,20}?(?:实际|其实|应该)(?:是|有|上)?\s*((?:\d+|[一两二三四五六七八九十]+)\s*(?:户|个|人))/;

/** "二组我数错了 是3个", "二组说错了，应该是3个": a part's count corrected, read as the part's count said again. */
const PART_CORRECTED = /(组|队|街|片|头|边|庄|屯|村)[我俺]?(?:数|说|记|写|报|搞|弄)错了?[\s，,]*(?:应该|其实)?是(?=\s*(?:\d|[一两二三四五六七八九十俩仨]))/g;

function readTally(said: string, least = 2, places: readonly string[] = []): Tally | undefined {
  const subgroup = subgroupOf(places);
  // "三组 一户多残家庭5户 ⏎ 不对 有一户去年就合户了 实际4户": with one part told so far, the count said as it really
  // is after a correction is that part's.
  const restated = PART_RESTATED.exec(said);
  const before = restated ? [...said.slice(0, restated.index).matchAll(subgroup)] : [];
  const named =
    restated && before.length === 1
      ? `${said.slice(0, restated.index + restated[0].length - restated[2]!.length)}${before[0]![1]}是${restated[2]}${said.slice(restated.index + restated[0].length)}`
      : said;
  const corrected = named.replace(PART_CORRECTED, "$1是");
  // "三组比二组少2个", "后街比前街多2户": a part counted against another, reckoned from it once all are read.
  const relative = [...corrected.matchAll(RELATIVE_PART)];
  const text = relative.length > 0 ? corrected.replace(RELATIVE_PART, (m) => "，".repeat(m.length)) : corrected;
  const parts = new Map<string, number>();
  const against = new Map<string, string>();
  let unit: Tally["unit"] | undefined;
  for (const m of text.matchAll(subgroup)) {
    const u = m[3] === "户" ? "户" : "人";
    if (unit && unit !== u) return undefined;
    unit = u;
    parts.delete(m[1]!); // re-inserted: a correction keeps the group's place last said
    parts.set(m[1]!, count(m[2]!) ?? 0);
  }
  for (const m of relative) {
    const base = parts.get(m[2]!);
    const n = count(m[4]!);
    const u = m[5] === "户" ? "户" : "人";
    // (Against a part never counted, or in another unit: nothing is reckoned on a guess.)
    if (base === undefined || n === undefined || (unit && unit !== u) || parts.has(m[1]!)) return undefined;
    const value = m[3] === "少" ? base - n : base + n;
    if (value <= 0) return undefined;
    parts.set(m[1]!, value);
    against.set(m[1]!, `（比${m[2]}${m[3]} ${n}）`);
  }
  if (parts.size < least || !unit) return undefined;
  const ordered = [...parts].sort((a, b) => (count(a[0]) ?? 0) - (count(b[0]) ?? 0));
  const sum = ordered.reduce((all, [, n]) => all + n, 0);
  // "…还有一户搬到镇上去了 不算": of those counted, some said after the parts no longer count.
  const lastEnd = Math.max(...[...text.matchAll(subgroup)].map((m) => m.index + m[0].length));
  // (People gone are taken from the count where the people are reckoned.)
  const gone = unit === "户" ? PARTS_GONE_HOMES.exec(text.slice(lastEnd)) : null;
  const less = gone ? Math.min(count(gone[1]!) ?? 0, sum - 1) : 0;
  const total = sum - less;
  const unitName = unit === "户" ? "户" : "人";
  return {
    total,
    unit,
    shown: `${ordered.map(([group, n]) => `${group} ${n}${against.get(group) ?? ""}`).join(" + ")}${less > 0 ? ` − ${less}（${gone![0].replace(/^(?:还|其中)?有/, "").trim()}）` : ""} = ${total} ${unitName}`,
  };
}

/** A village or a part of one, named where its count is told: "西村", "王庄", "二组", "东头". */
const TALLY_PLACE = String.raw`[\u4e00-\u9fa5]{1,4}?(?:村|庄|屯)|[一二三四五六七八九十\d]+(?:组|队)|[东西南北前后](?:头|边|街)`;

/**
 * "东村一二级贫困残疾人有12个 ⏎ 西村有8个 ⏎ 南村三级…", "一组一二级贫困残疾人5个 ⏎ 二组3个": a place's count after a
 * group's, up to the next grade, is that group's too (never left out of the sum); the parts are shown. The group's
 * count was said from `start` to `end` of `text`, right after its own place.
 */
function placesAfter(text: string, start: number, end: number, group: { count: number; tally?: string }): void {
  const upTo = text.slice(end).search(/[一二三四1-4]级/);
  const following = text.slice(end, upTo < 0 ? undefined : end + upTo);
  const clauses = following.split(/[\s，,；;。]+/);
  // ("二组漏报了2个", "一组另外还有2个", "又查出2个": more of a place, added.)
  const read = clauses.map((clause) =>
    new RegExp(
      `^(还有|另外还有|另外)?(${TALLY_PLACE})(也|还|另外还|又)?(?:有|是)?(漏报了?|又查出来?|查出来?|新评上了?|又评上了?|还有)?\\s*(\\d+|[一两二三四五六七八九十]+)\\s*(?:个|位|名|人)$`,
    ).exec(clause),
  );
  const more = read.flatMap((c) => (c ? [{ place: c[2]!, n: count(c[5]!) ?? 0, more: Boolean(c[1] ?? c[3] ?? c[4]) }] : []));
  // Any other count among them ("其中二组1个走了", "又报上来俩") is not read here: the parts are left as they were.
  const unread = clauses.filter(
    (c, k) =>
      !read[k] &&
      /\d|[一两二三四五六七八九十俩仨]\s*(?:个|位|名|人)|[俩仨]/.test(c) &&
      // ("两个村一年救助加起来": the places told, summed; no count of its own.)
      !/(?:[两俩三四五六七八九几]|这几)个?(?:村|组|庄|屯|点)/.test(c),
  );
  if (unread.some((c) => !/多少|几/.test(c))) return;
  // (Only places beside a place's count: "村里…12个，一组有8个" is a breakdown, never added.)
  const first = new RegExp(`(${TALLY_PLACE})[^，,；;。\\s]{0,4}$`).exec(text.slice(Math.max(0, start - 8), start))?.[1];
  if (more.length === 0 || first === undefined || /^(?:村|全村|本村|[俺我咱]村|[俺我咱]们村)$/.test(first)) return;
  // ("…二组4个 ⏎ 二组是5个 说少了": a place told again is its count corrected, kept in its place; "一组还有2个" adds.)
  const counts = new Map<string, number>([[first, group.count]]);
  for (const { place, n, more: adds } of more) counts.set(place, adds ? (counts.get(place) ?? 0) + n : n);
  group.count = [...counts.values()].reduce((all, n) => all + n, 0);
  group.tally = `${[...counts].map(([place, n]) => `${place} ${n}`).join(" + ")} = ${group.count} 人`;
}

/** "三组比二组少2个", "后街比前街多2户", "女的比男的多俩": a part's count said against another part's. */
const RELATIVE_PART = new RegExp(
  `(${PART_NAME}|${NAME_CHAR}{1,2}(?:庄|屯|村)|[男女])(?:的)?比(${PART_NAME}|${NAME_CHAR}{1,2}(?:庄|屯|村)|[男女])(?:的)?(少|多)了?\\s*(\\d+|[一两二三四五六七八九十]+|俩|仨)\\s*(户|个|人|名|位|(?<=[俩仨]))`,
  "g",
);

/** "各组", "各村": what the parts of a tally ("一组 3 + 二组 2 = 5 户") are, for the line that adds them up. */
function partsName(shown: string): string {
  const names = shown
    .split(" = ")[0]!
    .split(" + ")
    .map((part) => part.replace(/\s.*$/, ""));
  if (names.every((name) => /[组队]$/.test(name))) return "各组";
  if (names.every((name) => name.endsWith("家"))) return "各家";
  if (names.every((name) => !/[组队街片头边]$/.test(name) && !/^[男女]/.test(name))) return "各村";
  return "";
}

/**
 * "还有一户搬到镇上去了 不算": households counted by parts that no longer count. "其中有1户其实只有一个人残疾":
 * one that never was one of them (a household of one disabled person is no 一户多残).
 */
const PARTS_GONE_HOMES =
  /(?:有|其中)(一|1|两|2|俩)户[^。？?]{0,16}?(?:不算|不再算|迁走|搬走|迁出|搬出|搬到|不在|没了|只有一个(?:人)?(?:是)?残疾|就一个(?:人)?(?:是)?残疾|不是一户多残|不够一户多残|不符合)[^，,。？?\s]*/;

/** The entry sets an amount for each of these grades ("一级、二级…每人每年 800 元"): a tally by grade is reckoned on it. */
export function setsGradeAmounts(entry: Entry, grades: readonly number[]): boolean {
  const graded = entry.facts.flatMap((fact) => {
    const f = moneyFigure(fact.text);
    return f ? [gradesIn(fact.text.slice(0, fact.text.indexOf(f.text)))] : [];
  });
  return grades.length > 0 && grades.every((g) => graded.some((gs) => gs.includes(g)));
}

/** "其中有2个人重复登记了": people counted twice. */
const COUNTED_TWICE = /(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|名|位)?人?(?:是)?重复(?:登记|报|算|统计)/;

/** "其中两个是轻度的", "有俩不是重度": of the severe counted, some who are not. */
const NOT_SEVERE =
  /其中(?:有)?\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)?(?:其实|实际上?)?(?:是|都是)?(?:轻度|中度|不是重度|不算重度)|(?:有)?(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)(?:其实|实际上?)?(?:是|都是)?(?:轻度|中度|不是重度|不算重度)/;

/** "三组报了8个 里头有2个其实是轻度": some of a part counted, not severe. */
const LIGHTER_AMONG =
  /(?:其中|里头|里面|当中)(?:有)?\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)(?:其实|实际上?)?(?:是|都是)?(?:轻度|中度|不是重度|不算重度)/;

/** "今年少了3个", "走了俩": fewer people than counted before. */
const FEWER_PEOPLE =
  /(?:少了|减少了?|减了|去掉)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)|(?:走了|去世了|过世了|没了|死了|搬走了|迁走了)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)?(?=[，,。；;！!？?\s]|$)/;

/** "漏了俩" said alone, and no grade after it: those left out, of a grade not known. */
function leftOutOf(text: string): { leftOutUnknown?: number } {
  const clauses = text.split(/[，,。；;！!？?\s]+/).filter(Boolean);
  let k = clauses.length - 1;
  while (k >= 0 && !/^(?:漏了|漏报了?|落下了?)(?:\d+|[一两二三四五六七八九十]+|俩|仨)(?:个|人|名|位)?$/.test(clauses[k]!)) k--;
  if (k < 0 || /^(?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4]级/.test(clauses[k + 1] ?? "")) return {};
  const n = count(clauses[k]!.replace(/^(?:漏了|漏报了?|落下了?)/, "").replace(/[个人名位]$/, ""));
  return n ? { leftOutUnknown: n } : {};
}

/** "打错了", "说错了": the count said next corrects the one before. */
const CORRECTED = /说错|写错|打错|报错|记错|弄错|搞错|不对|说多了|说少了|多说了|少说了|等下|等等|更正|纠正/;

/** "还有2个漏报了", "又评上1个": people added to a count said before (not a grade's group, not a span). */
const ADDED_PEOPLE =
  /(?:还有|又有|另外还有|另外|另有|再加上?|加上|再多|又多|多出|(?:要是|如果)?再(?:来|有)|漏报了?|漏了|又(?:新)?评上了?|新评上了?|新增了?|又(?:核实|查|报|摸排)出来?了?|又报上来了?|又添了?|新添了?)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位|(?<=[俩仨]))(?![一二三四1-4]级|多?个?月|年|天|户)/;

/** "新办证的2个也是重度": people newly certified, said to be as those counted (more of them). */
const NEWLY_CERTIFIED =
  /(?<!里头|其中|里面|当中|中间)(?:新办了?证的|新领了?证的|刚办证的|新认定的)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)(?=[^，,。？?]{0,3}也)/;

/** Words a tally told clause by clause is read for (readGradeTally): corrections, those gone, those left out. */
const TALLY_TURNS =
  /不是\s*\d+\s*个|又评上|其中|剩下|漏报|漏了|还有|说错|写错|报错|打错|报多|报少|多报|少报|不对|搞错|记错|弄错|应该是|改成|改为|更正|纠正|评成|评为|鉴定成|变成|调成|升成|不是贫困|非贫困|不贫困|不是低保|[四4]级|没有|去世|过世|走了|没了|死了/;

/** "有个一级的去世了", "两个三级的户口迁走了": people of a grade who left a village's count. */
const GONE_OF_GRADE = /(一|两|俩|三|四|五|[1-9])?个([一二三四1-4])级/g;
/** "二组有一个查了不是贫困户": a part named, and how many of its people are not poor. */
const PART_NOT_POOR_NAMED = new RegExp(
  `(${PART_NAME})(?:那|的)?(?:\\d+个)?(?:里|里头|里面)?有(一|两|俩|三|[1-3])个[^，,。？?\\s]{0,6}?(?:不是|非|不算)(?:贫困|低保)`,
  "g",
);
/** "…17个人 ⏎ 还有3个不是贫困户 不算": some of those counted, not poor, said to be left out. */
const NOT_POOR_LEFT_OUT =
  /(?:还有|有)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个(?:人)?(?:不是|非|不算)(?:贫困|低保)户?[，,\s]*(?:不算|不能算|得去掉|要去掉|去掉|排除)/;
/** "中庄 1个 不过他家不是贫困户": a part's people, all of them not poor (no grade said of anyone). */
const WHOLE_PART_NOT_POOR =
  /(?:庄|组|队|街|片|头|边|屯|湾)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个(?![一二三四1-4]级)[^。？?\d]{0,10}?(?:不是|非|不算)(?:贫困|低保)/;
/** "四组有一个查了不是贫困户": some of a part's people, not poor. */
const PART_NOT_POOR =
  /(?:组|队|街|片|头|边)(?:那|的)?(?:\d+个)?(?:里|里头|里面)?有(\d+|[一两二三四五六七八九十]+|俩|仨)个[^，,。？?\s]{0,6}?(?:不是|非|不算|不)(?:贫困|低保)/;
/** "一组那4个里有一个今年去世了": a part of a village named, and how many of its people are gone. */
const PART_GONE = new RegExp(
  `(${PART_NAME})(?:那|的)?(?:\\d+|[两三四五六七八九十]+)?个?(?:里|里头|里面|中|当中)?(?:有)?(一|两|俩|三|[1-3])个[^，,。；\\s]{0,8}?(?:去世|过世|走了|没了|死了|迁|搬)`,
  "g",
);

/**
 * One message is read by several steps of its turn (routing, the handler, each reckoning): the latest readings
 * are kept rather than worked out again. Callers never change the result.
 */
const figureQuestions = new Map<string, FigureQuestion | undefined>();
const FIGURE_QUESTIONS_KEPT = 64;

/** What the question wants the figure turned into: per month, per year, over N years, for N people. */
export function readFigureQuestion(text: string, places: readonly string[] = []): FigureQuestion | undefined {
  // (Kept by text and the village names read as places, which a reload may change.)
  const key = places.length > 0 ? `${text}\u0000${places.join("|")}` : text;
  if (figureQuestions.has(key)) return figureQuestions.get(key);
  // "十五六户 ⏎ 十六户": the exact count said after a range is read in its place.
  const settled = settleRoughCount(text);
  if (settled !== text) return readFigureQuestion(settled, places);
  // "十来个", "二十来户": about that many. Reckoned at the round number, said to be an estimate, when an estimate is
  // what is asked ("一年大概得发多少"); otherwise the villager is asked the exact count, like for a range.
  const about = ABOUT_COUNT.exec(text);
  // ("大概有十来户 一年补多少": 大概 said of the count is no estimate asked; the exact count is.)
  const estimated = about !== null && ESTIMATE_ASKED.test(text.replace(ROUGH_SAID_COUNT, "，"));
  const read = estimated
    ? withEstimate(
        readFigureQuestionUncached(
          text.replace(ABOUT_COUNT, (_, n: string, unit: string) => `${n}${unit}`),
          places,
        ),
        about![0],
      )
    : readFigureQuestionUncached(about ? text.replace(ABOUT_COUNT, "，") : text, places);
  // "十五六户", "二三十个": a range, not one count; the villager is asked which.
  // ("…十二个 三级的五六个": any count of the question said as a range, not only the first.)
  // ("俺村有十几个…": no number at all, asked for too.)
  // ("俺们村好几个": no number at all, said of the place.)
  const rough =
    about && !estimated
      ? about[0]
      : ([...text.matchAll(ROUGH_COUNTS)].find((m) => isRoughRange(m[1]!))?.[0] ?? UNCOUNTED.exec(text)?.[0] ?? severalOfPlace(text));
  const withRough = rough ? { ...(read ?? { perMonth: false, perYear: false }), rough } : read;
  if (figureQuestions.size >= FIGURE_QUESTIONS_KEPT) figureQuestions.delete(figureQuestions.keys().next().value!);
  figureQuestions.set(key, withRough);
  return withRough;
}

/** "俺们村好几个", "组里有好些户": a place's people said to be several, no number. */
const SOME_OF_PLACE = /(?:村|组|屯|庄)(?:里|上)?(?:有|也有)?((?:好几|好些|不少)\s*(?:个|户|人|家|位))/;

/**
 * "俺们村好几个…一共多少": several, no number, when a sum is asked and no count is said after (the villager's
 * "7个" answering the question settles it).
 */
function severalOfPlace(text: string): string | undefined {
  const m = SOME_OF_PLACE.exec(text);
  if (!m) return undefined;
  const after = text.slice(m.index + m[0].length);
  if (/(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|户|人|位|家)/.test(after)) return undefined;
  return /一共|总共|合计|加起来|全村|全组|全屯/.test(text) ? m[1] : undefined;
}

/** A count said in Chinese numerals before what it counts ("十五六户", "三四个"), whether a range or not. */
const ROUGH_COUNTS = /([一两二三四五六七八九十百千]{2,})\s*(?:个|人|户|名|位|家)/g;

/** "一年大概得发多少", "按二百算": an estimate asked for, or a count to reckon with, beside a round count ("十来个"). */
const ESTIMATE_ASKED = /大概|大约|大致|估计|估摸|约莫|约摸|差不多|左右|按[^，,。？?]{0,8}算/;

/** "十来个", "二十来户", "百来人": a round number and 来 (about that many). */
const ABOUT_COUNT = /((?:[一两二三四五六七八九]?十|[一两二三四五六七八九]?百|\d*0))来\s*(个|人|户|名|位|家)/;
/** "大概有十来户吧", "十来户左右": the roughness said of the count itself. */
const ROUGH_SAID_COUNT = new RegExp(`(?:大概|大约|大致|估计|估摸|约莫|约摸|差不多)?(?:有|是|就)?\\s*${ABOUT_COUNT.source}(?:吧|左右|上下)?`, "g");

/** A reading of the round number, marked as the villager's estimate (only when it counts people or households). */
function withEstimate(read: FigureQuestion | undefined, said: string): FigureQuestion | undefined {
  if (!read || (read.persons === undefined && read.households === undefined && !read.gradeCounts?.length)) return read;
  return { ...read, estimate: said };
}

function readFigureQuestionUncached(text: string, places: readonly string[]): FigureQuestion | undefined {
  // "是一年50还是一个月50", "那五十块是月的还是年的": both periods offered; the answer says the amount in both.
  const eitherPeriod =
    /(?:一年|每年)[^，,。？?]{0,6}还是[^，,。？?]{0,4}(?:一个月|每个?月)|(?:一个月|每个?月)[^，,。？?]{0,6}还是[^，,。？?]{0,4}(?:一年|每年)|(?<![\d一二三四五六七八九十])(?:按|是)?月的?还是(?:按|是)?年|(?<![\d一二三四五六七八九十])(?:按|是)?年的?还是(?:按|是)?月/.test(
      text,
    );
  const perMonth = eitherPeriod || /一个月|每个月|每月|月均|按月|这个月|本月|当月|合多少.*月|月.*合多少/.test(text);
  const headcount = HEADCOUNT_ASKED.test(text) ? { headcount: true } : {};
  const perYear =
    eitherPeriod ||
    /(?:一年|每年)(?:到头|到底|到手|能|可以|给|领|拿|是|合|有|多少|一共|下来|共|算|呢|总共|补助|补贴|救助|发(?!展|生))|一年的|每年的|全年|按年(?:算|来算|计)|(?:一年|每年)总额|(?:一年|每年)[^，,。？?\d]{0,6}(?:算下来|合计|加起来)/.test(
      text,
    );
  // (Read once: the village's count below gives way to it too.)
  const partAsked = partAskedCount(text);
  // "5个三级贫困残疾人": the people counted may be described between the number and 人.
  // "一二级贫困残疾人3570个，一人800": people named first, their count after ("一人" is the amount's unit).
  // "俺村贫困老年残疾人有十二个", "重度残疾人 县里代缴养老的有二十三个": in Chinese numerals too, and after 的有.
  const after =
    // "村里12个 二组有5个 二组代缴多少": the count of the part asked about, not the village's.
    partAsked ??
    // "五口人里有仨残疾": the disabled of the household are counted, not its size.
    /(?:\d+|[一两二三四五六七八九十]+)\s*口人?[里中]?(?:有|其中)?\s*(\d+|[一两二三四五六七八九十]|俩|仨)\s*(?:个|名|位)?(?:是)?残疾/.exec(text) ??
    // ("重度残疾人统计出来了 十一个": a few words of how they were counted may come between.)
    // ("俺村重度残疾15个": 残疾 without 人 counts people too.)
    /残疾人[^，,。？?\d]{0,8}?(\d+|[一两二三四五六七八九十百千零]{1,6}|俩|仨)\s*(?:个|名|位)(?=[，,。？?；\s]|$)/.exec(text) ??
    /残疾(\d+|[一两二三四五六七八九十百千零]{1,6}|俩|仨)\s*(?:个|名|位)(?=[，,。？?；\s]|$)/.exec(text) ??
    /残疾人[^。？?\d]{0,12}?的有\s*(\d+|[一两二三四五六七八九十百千零]{1,6}|俩|仨)\s*(?:个|名|位|人)(?=[，,。？?；\s]|$)/.exec(text) ??
    // "俺村十来个重度的 按十二个算": the count the villager says to reckon with.
    /按\s*(\d+|[一两二三四五六七八九十百千]+)\s*(?:个人|个|人|名|位)\s*算/.exec(text) ??
    // "六十以上的有8个": the old people counted by their age.
    /(?:[六七八九]十|[6-9]0)\s*(?:岁)?(?:以上|往上|开外)的?(?:老人)?(?:有|是)?\s*(\d+|[一两二三四五六七八九十百]+|俩|仨)\s*(?:个人|个|人|名|位)/.exec(text) ??
    // "重度残疾代缴养老 我们组有十个": the village's or group's people, said with nothing after.
    // ("重度残疾代缴养老 俺村15个": the village's own count, said right after it.)
    /(?:村|组|屯)(?:里|上)?(?:有|一共有?|总共有?|共有?)\s*(\d+|[一两二三四五六七八九十百千]+|俩|仨)\s*(?:个人|个|人|名|位)(?=[，,。？?；\s]|$)/.exec(text) ??
    /(?:[俺我咱]们?|全|本)(?:村|组|屯)(?:里)?\s*(\d+|[一两二三四五六七八九十百千]+|俩|仨)\s*(?:个人|个|人|名|位)(?=[，,。？?；\s]|$)/.exec(text);
  // The last count said is the one asked about: "老两口…老伴走了…这仨月俺一个人领多少" is one person.
  const p =
    after ??
    [
      ...text.matchAll(
        /(\d+|[一两二三四五六七八九十百千万零俩仨]+)\s*(?:个人|口人|人|个[^，,。？?\d个]{1,8}?残疾人|个(?:重度|[一二三四]级|一二级|贫困|老年)[^，,。？?\d个]{0,4}?的(?=呢|吧|[，,。？?\s]|$))(?:一共|加起来|总共|合计)?|老两口|两口子|两位老人|二老|(?<=[俺我咱]家|家里|[爹娘爸妈爷奶])(俩|仨)(?![一二三四1-4]级)|(俩|仨|[两三四五六七八九十]个|\d+个)老(?:人|年)|(?<![他她])(俩|仨)(?=[^，,。？?\d个]{0,8}?残疾人)|(?<=残疾人|老人)\s*(\d+|[两三四五六七八九十百][一两二三四五六七八九十百千零]*|一[十百千][一两二三四五六七八九十百千零]*)\s*(?:个|名|位)(?![月年])|(?<=残疾人|老人)(?:有)?\s*(\d{2,}|[一两二三四五六七八九][十百千][一两二三四五六七八九十百千零]*)(?=[，,。？?\s]|$)/g,
      ),
    ]
      // "比去年多了177人" is a difference, not the people an amount is for; "有2个人重复登记了" is counted twice;
      // "这补助一人一个月多少": an amount per person, not one person counted.
      .filter(
        (m) =>
          !/(?:多|少|增加|减少|增长)了?$/.test(text.slice(Math.max(0, m.index - 3), m.index)) &&
          !/^(?:是)?重复/.test(text.slice(m.index + m[0].length)) &&
          !(/^一(?:个)?人$/.test(m[0]) && /^(?:一个?月|一年|每|多少|能|可以|领|拿|补|给)/.test(text.slice(m.index + m[0].length))),
      )
      .at(-1);
  const years = readDuration(text);
  // "…10个 ⏎ 又核实出来2个 现在12个", "…9个 ⏎ 打错了 是6个", "…8个 ⏎ 又添了两个 一共10个了 ⏎ 合计多少": the
  // count as it stands now, the last said after the first count.
  const clauses = text.split(/[，,。；;！!？?\s]+/).filter(Boolean);
  const RESTATED =
    /^(?:不好意思)?(?:(?:现在|目前|一共|总共|其实|应该|实际)(?:是|有)?|是|改成|改为)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)(?:了)?$/;
  let restatedCount: number | undefined;
  if (p && clauses.length >= 2)
    for (let k = clauses.length - 1; k >= 1; k--) {
      const restated = RESTATED.exec(clauses[k]!);
      if (!restated || text.lastIndexOf(clauses[k]!) <= p.index) continue;
      // "漏了俩 是10个": the count with those left out, said after them.
      if (/现在|目前|一共|总共|实际/.test(clauses[k]!) || CORRECTED.test(clauses[k - 1]!) || /漏|少报|少算|多报|多算/.test(clauses[k - 1]!))
        restatedCount = count(restated[1]!);
      break;
    }
  // "俺爷俺奶都是贫困老年残疾人…领了八个月", "俺爹领…俺娘也是": relatives named one by one and said alike (都, 也是),
  // no grade of their own.
  // (他 and 她 are the one asked about, however often said: "他也够得上… 假设两样都能领，他一年".)
  const kin =
    p || !/都|也(?:是|在领|领着|一样|符合|够)/.test(text)
      ? []
      : readHousehold(text).people.filter(
          // ("…老年残疾人 俺娘…才四十五岁": one said not to be old is none of the elderly reckoned; "大伯身体硬朗没残疾":
          // one said not to be disabled is none of those any programme here pays.)
          (x) => x.label !== "您" && x.label !== "他（她）" && !isCounted(x) && !(x.elderly === false && /老年/.test(text)) && x.certified !== false,
        );
  const alike = kin.length >= 2 && kin.every((x) => x.grade === kin[0]!.grade && !x.severe) ? kin.length : undefined;
  // (The number is whichever group matched; "老两口", "二老" name none: two.)
  const saidCount = p?.slice(1).find((g) => g !== undefined);
  const counted = restatedCount ?? (p ? (saidCount ? count(saidCount.replace(/个$/, "")) : 2) : alike);
  // "本来三个…有一个去年户口迁走了": one of those counted is gone; the rest are reckoned.
  const gone = goneFromCount(text);
  // "本来三个…俺三弟户口迁出去了": someone named, gone, is one of those counted.
  const namedGone = gone ? 0 : text.split(/[，,。；;！!？?\s]+/).filter((c) => KIN.test(c) && GONE.test(c)).length;
  const left = counted && gone ? Math.min(count(gone[1]!) ?? 0, counted - 1) : counted && namedGone ? Math.min(namedGone, counted - 1) : 0;
  // "贫困老年残疾人3个 ⏎ 还有2个漏报了": more of the same people, added to the count.
  // ("新办证的2个也是重度": more, said to be alike; "里头新办证的2个" are among those counted.)
  const saidAfter = p ? text.slice(p.index + p[0].length) : "";
  const more = p && counted !== undefined ? (ADDED_PEOPLE.exec(saidAfter) ?? NEWLY_CERTIFIED.exec(saidAfter)) : null;
  // "还有2个去世了": those gone are no more, whatever word opens the clause.
  const moreClause = more ? text.slice(p!.index + p![0].length + more.index).split(/[，,。；;？?\s]/)[0]! : "";
  // ("…还有3个残疾的才四十来岁": more people, too young for what is asked of the old, are not added.)
  const addedPeople =
    restatedCount === undefined &&
    more &&
    !GONE.test(moreClause) &&
    !/不是贫困|非贫困|不贫困/.test(moreClause) &&
    !(/老年|老人/.test(text) && /才[二三四五]十|不到六十|没到六十|年轻|不算老|没到老年/.test(moreClause)) &&
    // ("重度残疾人十个 还有俩轻度的": the mild said beside the severe counted are none of them.)
    !(/重度/.test(text) && /轻度|中度|不是重度|不算重度/.test(moreClause))
      ? (count(more[1]!) ?? 0)
      : 0;
  // "去年15个人领 ⏎ 今年少了3个": fewer of the same people now.
  const fewer = restatedCount === undefined && p && counted !== undefined ? FEWER_PEOPLE.exec(text.slice(p.index + p[0].length)) : null;
  // "其中有2个人重复登记了": counted twice, so that many fewer.
  const twice = restatedCount === undefined && p && counted !== undefined && !fewer ? COUNTED_TWICE.exec(text.slice(p.index + p[0].length)) : null;
  // "重度的…十个 ⏎ 其中两个是轻度的 不是重度": those not severe are not of the severe counted.
  const lighter =
    restatedCount === undefined && p && counted !== undefined && !fewer && !twice && /重度/.test(text.slice(0, p.index + p[0].length + 12))
      ? NOT_SEVERE.exec(text.slice(p.index + p[0].length))
      : null;
  const fewerPeople = fewer
    ? Math.min(count((fewer[1] ?? fewer[2])!) ?? 0, counted! - 1)
    : twice
      ? Math.min(count(twice[1]!) ?? 0, counted! - 1)
      : lighter
        ? Math.min(count((lighter[1] ?? lighter[2])!) ?? 0, counted! - 1)
        : 0;
  const persons = counted !== undefined ? counted - left + addedPeople - fewerPeople : undefined;
  // "走了俩" is shown as those gone from the count ("11 个人里走了 2 个"), as one said gone in the first message.
  const goneLater = fewer?.[2] !== undefined ? fewerPeople : 0;
  const perKilo =
    /(?:一|每|1)\s*(?:公斤|斤|千克)(?:的)?(?:优质|好)?煤?(?:合|多少|要|是|值|呢)|合(?:一|每)(?:公斤|斤)|多少钱?(?:一|每|1)\s*(?:公斤|斤|千克)/.test(text);
  // "8户", "俺家、俺叔家…两家": households, for amounts paid per household.
  // "全村一共120户 一户多残的有5户": of several counts of households, the one said of the programme's; one
  // count alone is that; several and none said of it, none is reckoned.
  // ("还有两户刚评上": the households added, counted before the word for how.)
  const ADDED =
    /(?:又|再)(?:新)?(?:认定|评上|评|批|增加|增|多|添|加|报上来?|查出来?|发现|找出来?|补报|漏报)了?(?:上)?\s*(\d+|[一两二三四五六七八九十]+)\s*户|(?:还有|另有|外加)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*户[^，,。？?\s]{0,3}?(?:刚|新|才)(?:评上|认定|批下来|批了|报上来|查出来)/;
  // ("有一户走了一个人 就剩一个残疾人了": a household left with one disabled person is no 一户多残 any more.)
  const DROPPED =
    /(?:有|其中)(一|1|两|2|俩)户[^。？?]{0,24}?(?:不算|不再算|不是一户多残|迁走|搬走|迁出|搬出|(?:搬|迁)[^，,。；\s]{0,6}?落户|不在|不归|(?:就|只)剩(?:下)?(?:一个|1个|一位)(?:残疾)?|只有一个残疾)/;
  const DROPPED_HERE = new RegExp(`^${DROPPED.source}`);
  // "有仨一户多残家庭": households counted before what they are.
  // ("一百一十户": 一 before a unit of ten is the count's, never the 一 of 一户多残.)
  const counts = [
    ...text.matchAll(
      /(\d+|一[十百千][一两二三四五六七八九十百千零]*|[两二三四五六七八九十百千][一两二三四五六七八九十百千零]*|俩|仨)\s*(?:个)?(?:一户多残|一户两残|多残)?(?:的)?(?:户|家)(?!多残|两残|人|里)/g,
    ),
  ].filter((m) => !ADDED.test(text.slice(Math.max(0, m.index - 8), m.index + m[0].length)) && !DROPPED_HERE.test(text.slice(Math.max(0, m.index - 1))));
  const named = text.search(/多残|两残/);
  const h = counts.length <= 1 ? counts[0] : named < 0 ? undefined : [...counts].sort((a, b) => Math.abs(a.index - named) - Math.abs(b.index - named))[0];
  // "原来有3户…又新认定了1户", "…有1户不算了": the households now, both changes taken.
  const rest = h ? text.slice(h.index + h[0].length) : "";
  const added = h ? ADDED.exec(rest) : null;
  // "有5户 ⏎ 再加上老张家 他家俩儿子都残疾": one household more, named by its family.
  const addedHome = h && !added ? /(?:再加上?|加上|还有)(?![\d一两二三四五六七八九十俩仨])([\u4e00-\u9fa5]{1,3})家(?![里人户])/.exec(rest) : null;
  const dropped = h ? DROPPED.exec(rest) : null;
  // "兄弟仨三家都是一户多残 ⏎ 不对，俺弟家就一个残疾人": one household, named, leaves the count.
  const droppedHome = h && !dropped && (count(h[1]!) ?? 0) > 1 ? DROPPED_HOME.exec(rest) : null;
  const droppedCount = dropped ? (count(dropped[1]!) ?? 0) : droppedHome ? 1 : 0;
  const addedCount = added ? (count((added[1] ?? added[2])!) ?? 0) : 0;
  const change = (added ? addedCount : addedHome ? 1 : 0) - droppedCount;
  const shown = `${count(h?.[1] ?? "0") ?? 0}${added ? ` + ${addedCount}` : addedHome ? ` + 1（${addedHome[1]}家）` : ""}${dropped ? ` − ${droppedCount}` : droppedHome ? ` − 1（${droppedHome[0].split("家")[0]!.replace(/^[我俺咱]/, "您")}家）` : ""}`;
  const householdsFrom = h && (added || addedHome || dropped || droppedHome) ? { from: count(h[1]!) ?? 0, by: change, shown } : undefined;
  // "村里5户一户多残… ⏎ 等下，是6户": the count said again after a correction is the count.
  const hClauses = text.split(/[，,。；;！!？?\s]+/).filter(Boolean);
  let restatedAt = -1;
  for (let k = hClauses.length - 1; k >= 1 && restatedAt < 0; k--)
    // ("不对 有一户去年就合户了 实际4户": the correction a clause or two before, the count said as it really is.)
    if (
      (/^(?:其实|应该|现在|实际)?(?:是|有|改成|改为)\s*(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*户$/.test(hClauses[k]!) && CORRECTED.test(hClauses[k - 1]!)) ||
      (/^(?:其实|实际|实际上|现在)(?:是|有|上)?\s*(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*户$/.test(hClauses[k]!) &&
        CORRECTED.test(hClauses.slice(Math.max(0, k - 3), k).join(" ")))
    )
      restatedAt = k;
  const restatedHouseholds = h && restatedAt >= 1 ? count(/(\d+|[一两二三四五六七八九十]+|俩|仨)\s*户/.exec(hClauses[restatedAt]!)![1]!) : undefined;
  const households = restatedHouseholds ?? (h ? (count(h[1]!) ?? 0) + change : undefined);
  const perQuarter = /季度/.test(text);
  const perDay = /(?:一天|每天|每日|日均)(?:合|能合|算下来|平均)?(?:多少|几)/.test(text);
  // "再说回三级 三年多少", "回到二级 三个月呢": after other grades, the one come back to is the one asked.
  const backTo = [...text.matchAll(/(?:说回|回到|回头说|再说)(?:到)?\s*((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级/g)].at(-1);
  const grades = backTo ? gradesSaid(backTo[1]!) : gradesIn(text);
  // "三级的 一组1个 ⏎ 再加上三组一个二级的": people said with their own group and grade join that grade's tally,
  // read after the rest ("一个二级" is no group of its own beside "一二级的 一组2个").
  // "一组 一级贫困2个 三级贫困1个 ⏎ 二组 二级贫困1个…": a village told part by part, read as such.
  const byParts = readPartsTally(text);
  if (byParts)
    return {
      perMonth,
      perYear,
      ...(years ? { years } : {}),
      grades: [...new Set(byParts.flatMap((g) => g.grades))],
      gradeCounts: byParts,
      ...(HEADCOUNT_ASKED.test(text) ? { headcount: true } : {}),
    };
  const placed = subgroupsOfGrades(text);
  const unplaced = placed.length > 0 ? text.replace(PLACED_GRADE, "，") : text;
  // "5个一二级的、3个三级的": a group may name several grades paid alike.
  const gradeCounts: NonNullable<FigureQuestion["gradeCounts"]> = [
    // Not those added or gone ("又多了2个一级的", "三个一级的去世了"): they change a group, they are none.
    ...unplaced.matchAll(
      /(?<!多了|增加了|新增了?|添了|又多|又有|少了)(\d+|[一两二三四五六七八九十百千]+|俩|仨)\s*个((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级(?![^，,。；\s]*?(?:去世|过世|走了|没了|迁|搬))/g,
    ),
  ]
    // "一级3个二级2个三级4个": the first grade said before any count of this kind reads grade first (一级3个), not
    // count first (3个二级), throughout.
    .filter(
      (_m, _k, all) =>
        !/[一二三四1-4]级\s*(?:\d+|[一两二三四五六七八九十]+)\s*个\s*[一二三四1-4]级/.test(unplaced) ||
        unplaced.search(/[一二三四1-4]级/) >= (all[0]?.index ?? 0),
    )
    .map((m) => ({
      grades: gradesSaid(m[2]!),
      count: count(m[1]!) ?? 0,
    }));
  // ("东头村4个三级贫困残疾 ⏎ 西头村6个": the places told after one group counted count first are its too.)
  if (gradeCounts.length === 1) {
    const m = /(\d+|[一两二三四五六七八九十百千]+|俩|仨)\s*个((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级[^，,；;。\s\d]{0,8}/.exec(unplaced);
    if (m) placesAfter(unplaced, m.index, m.index + m[0].length, gradeCounts[0]!);
  }
  const laterChanges: Array<{ grades: number[]; by: number }> = [];
  // "一级的有5个 三级的有3个": the grade first, then how many.
  if (gradeCounts.length === 0)
    for (const m of text.matchAll(
      /(?<!级的?[和跟与及])((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级的?(?:贫困)?(?:的)?(?:残疾人?)?(?:去年|今年|原来|原先|现在)?(?:没变|不变)?(?:有|是|还是|仍是|共计|合计|共有)?\s*(\d+|[一两二三四五六七八九十百千]+|俩|仨)\s*(?:个|位|名|人|(?<=[俩仨]))(?!多?个?月|年|天|季度)/g,
    )) {
      // "去年9个 今年多了2个": the count now, the change said before the next group.
      const rest = text
        .slice(m.index + m[0].length)
        .split(/[一二三四1-4]级/)[0]!
        .slice(0, 16);
      const said = /(多了|增加了|增了|新增了?|添了|少了|减少了|减了)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|位|名|人)/.exec(rest);
      // "10个 比去年多了2个": the growth is already in the count.
      const change = said && !/比(?:去年|上一?年|上年|原来)$/.test(rest.slice(0, said.index)) ? said : null;
      const before = count(m[2]!) ?? 0;
      const by = change ? (count(change[2]!) ?? 0) * (/少|减/.test(change[1]!) ? -1 : 1) : 0;
      // "三级的8个 今年又多了2个一级的": the grade after the change says whose it is, not this group's.
      const after = text.slice(m.index + m[0].length);
      const whose =
        change && /^[^，,。；\s]{0,2}?((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级/.exec(after.slice(after.indexOf(change[0]) + change[0].length));
      if (whose) laterChanges.push({ grades: gradesSaid(whose[1]!), by });
      gradeCounts.push({ grades: gradesSaid(m[1]!), count: before + (whose ? 0 : by), ...(by !== 0 && !whose ? { from: before, by } : {}) });
      if (!change && !whose) placesAfter(text, m.index, m.index + m[0].length, gradeCounts.at(-1)!);
    }
  // Each change said of another grade goes to that grade's group; one with no group of its own, nothing is
  // reckoned on a guess.
  for (const { grades: changed, by } of laterChanges) {
    const group = gradeCounts.find((g) => changed.every((c) => g.grades.includes(c)));
    if (!group || group.count + by < 0) return undefined;
    Object.assign(group, { from: group.from ?? group.count, by: (group.by ?? 0) + by, count: group.count + by });
  }
  // "一二级的 一组2个 二组3个 三级的 一组1个 二组4个": each grade's groups added up.
  if (gradeCounts.length === 0) {
    const labels = [...unplaced.matchAll(/((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级/g)];
    labels.forEach((m, k) => {
      // ("前街4个 后街3个 三级贫困残疾人 ⏎ 后街是5个": one grade said, its parts may come before it too.)
      const tally = readTally(unplaced.slice(labels.length === 1 ? 0 : m.index + m[0].length, labels[k + 1]?.index ?? unplaced.length), 1);
      if (tally && tally.unit === "人") gradeCounts.push({ grades: gradesSaid(m[1]!), count: tally.total, tally: tally.shown });
    });
  }
  for (const { place, grades: own, count: n, notPoor } of placed) {
    // ("二组有一个二级残疾 不是贫困户": a part's people counted apart, left out of a programme for the poor.)
    if (notPoor) {
      gradeCounts.push({ grades: own, count: n, notPoor: true });
      continue;
    }
    const group = gradeCounts.find((g) => !g.notPoor && own.every((x) => g.grades.includes(x)));
    if (!group) gradeCounts.push({ grades: own, count: n, tally: `${place} ${n} = ${n} 人` });
    else {
      const parts = group.tally?.replace(/ = [^=]*$/, "") ?? `${group.count}`;
      Object.assign(group, { count: group.count + n, tally: `${parts} + ${place} ${n} = ${group.count + n} 人` });
    }
  }
  // "今年有个一级的去世了": one fewer in the group paid at that grade.
  // "有一个一级的和一个三级的过世了": each one gone from the group paid at that grade.
  for (const clause of text.split(/[，,。；;！!？?\s]+/).filter((c) => /去世|过世|走了|没了|迁|搬/.test(c)))
    for (const gone of clause.matchAll(GONE_OF_GRADE)) {
      const group = gradeCounts.length >= 2 ? gradeCounts.find((g) => g.grades.includes(GRADE_NUMBER[gone[2]!]!)) : undefined;
      const n = gone[1] ? (count(gone[1]) ?? 1) : 1;
      if (!group || group.count <= n) continue;
      Object.assign(group, { from: group.from ?? group.count, by: (group.by ?? 0) - n, count: group.count - n });
    }
  // "一组一二级贫困残疾人4个 二组三级的3个 ⏎ 一组那4个里有一个今年去世了": those gone of a part, from the grade
  // that part was counted at (one grade per part).
  // ("二组有一个查了不是贫困户": one of the part's, counted apart from its grade as not poor.)
  if (gradeCounts.length >= 2)
    for (const said of [...text.matchAll(PART_GONE), ...text.matchAll(PART_NOT_POOR_NAMED)]) {
      const counted = new RegExp(`${said[1]}[^，,。；\\s]{0,6}?((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级`).exec(text);
      const group =
        counted && counted.index < said.index ? gradeCounts.find((g) => g.grades.join() === gradesSaid(counted[1]!).join() && !g.notPoor) : undefined;
      const n = count(said[2]!) ?? 0;
      // ("二组有一个二级的 二组有一个去世了": the part's only one gone leaves its group with nobody.)
      const gone = !/(?:不是|非|不算)(?:贫困|低保)$/.test(said[0]);
      if (!group || n <= 0 || group.count < n || (group.count === n && !gone)) continue;
      Object.assign(group, { from: group.from ?? group.count, by: (group.by ?? 0) - n, count: group.count - n });
      if (/(?:不是|非|不算)(?:贫困|低保)$/.test(said[0])) gradeCounts.push({ grades: group.grades, count: n, notPoor: true });
    }
  // A part whose every one is gone leaves no group to reckon.
  for (let k = gradeCounts.length - 1; k >= 0; k--) if (gradeCounts[k]!.count === 0 && gradeCounts[k]!.from !== undefined) gradeCounts.splice(k, 1);
  // A tally told clause by clause: corrected (说错了 三级是5个), with people gone, grades the seed has no amount
  // for (四级), groups that are not poor or have nobody (三级一个都没有). Read apart from the counts above.
  const told = readGradeTally(text);
  const plain = gradeCounts.length >= 2 && gradeCounts.every((g) => g.count > 0);
  // "一二级5个 三级3个 一户多残家庭2户 ⏎ 一户多残呢": the households counted beside, for an amount paid per household.
  const homes = households && households > 1 ? { households, ...(householdsFrom ? { householdsFrom } : {}) } : {};
  // One group changed since it was said ("8个 漏了俩 二级还有俩", "报了5个 其实是4个") is a tally too.
  // (Those gone are the people count's: "4个…走了1个" is reckoned there.)
  const changedOne = told?.length === 1 && ((told[0]!.by ?? 0) > 0 || CORRECTED.test(text) || /其实是|应该是|报多|报少/.test(text));
  // ("…三级的两个 ⏎ 三级的是三个": a grade counted again is counted anew, not once more.)
  // (Only said so, "三级的是三个": the same grade in another village or household is more of it.)
  const countedAgain =
    // (A clause opening with the grade: "邻村三级的是三个" speaks of another village's.)
    /(?:^|[，,。；\s])[一二三四1-4]级的?(?:人数)?(?:是|应该是|其实是|实际是)\s*(?:\d|[一两二三四五六七八九十俩仨])/.test(text) &&
    gradeCounts.some((g, k) => gradeCounts.findIndex((h) => h.grades.join() === g.grades.join()) !== k);
  if (told && (told.length >= 2 || changedOne) && (!plain || countedAgain || TALLY_TURNS.test(text)))
    return { perMonth, perYear, ...(years ? { years } : {}), grades, gradeCounts: told, ...homes, ...headcount, ...leftOutOf(text) };
  if (plain) return { perMonth, perYear, ...(years ? { years } : {}), grades, gradeCounts, ...homes, ...headcount };
  // "一二级的6个 三级的…": one group counted is that group's count, never the other's. A count beside grades
  // paid differently (一二级 and 三级) without saying which is not reckoned at all.
  if (gradeCounts.length === 1) grades.splice(0, grades.length, ...gradeCounts[0]!.grades);
  const mixed = gradeCounts.length === 0 && grades.includes(3) && (grades.includes(1) || grades.includes(2));
  // "一组6人 二组4人", "全村23个": a village's people counted, by group or in all.
  const tally = gradeCounts.length === 0 ? readTally(text, 2, places) : undefined;
  // "村里60个残疾人 俺爹是其中一个": one person of the village is asked about; the village is not reckoned.
  const onePerson = ONE_OF_THEM.test(text);
  // ("村里三十个 二组有八个 二组一共代缴多少": the part asked about is reckoned, not the village.)
  const village =
    onePerson || partAsked
      ? null
      : /(?:全村|全组|全屯|村里|组里)(?:有|一共|共|总共)?\s*(\d+|[一两二三四五六七八九十]+)\s*(?:个|人|名|位)(?!户|月|年)/.exec(text);
  // "二组有一个户口迁走了": those gone leave the village's count too.
  const tallied = tally?.unit === "人" ? tally.total : village ? (count(village[1]!) ?? 0) : undefined;
  const tallyLeft = tallied !== undefined && persons === undefined && gone ? Math.min(count(gone[1]!) ?? 0, tallied - 1) : 0;
  // "村里10个人领 ⏎ 今年少了2个": the village's count is the one counted, changed as said.
  // "前街4个 后街3个 ⏎ 又报上来俩": more people besides the parts (not a part's own "南组还有俩").
  const tallyMore = !p && (tally?.unit === "人" || gradeCounts[0]?.tally?.includes(" + ")) ? ADDED_PEOPLE.exec(text) : null;
  const tallyAdded = tallyMore && !/(?:组|队|街|片|头|边|庄|屯|村)(?:里|上|的)?\s*$/.test(text.slice(0, tallyMore.index)) ? (count(tallyMore[1]!) ?? 0) : 0;
  // "一组4个 二组6个，有1个是重复登记的": counted twice among the parts, so that many fewer.
  const twiceInParts = tally?.unit === "人" && !(persons !== undefined && counted === tallied) ? COUNTED_TWICE.exec(text) : null;
  const tallyTwice = twiceInParts && tallied !== undefined ? Math.min(count(twiceInParts[1]!) ?? 0, tallied - 1) : 0;
  // "一组重度的7个 二组5个 三组报了8个 里头有2个其实是轻度": those of a tally of the severe who are not.
  // (Only some of those counted, "里头有2个": "二组有3个重度 2个轻度" counts the 轻度 beside, not among them.)
  const lighterInParts = tally?.unit === "人" && !twiceInParts && /重度/.test(text) ? LIGHTER_AMONG.exec(text) : null;
  const tallyLighter = lighterInParts && tallied !== undefined ? Math.min(count(lighterInParts[1]!) ?? 0, tallied - 1) : 0;
  const peopleTallied =
    tallied !== undefined
      ? (persons !== undefined && counted === tallied ? persons : tallied - (persons === undefined ? tallyLeft : left) - tallyTwice - tallyLighter) + tallyAdded
      : undefined;
  // "三个一二级…俺三弟户口迁出去了": one group counted, less those gone.
  const single = gradeCounts.length === 1 ? gradeCounts[0]!.count : undefined;
  const singleLeft =
    single !== undefined && persons === undefined && peopleTallied === undefined ? Math.min(gone ? (count(gone[1]!) ?? 0) : namedGone, single - 1) : 0;
  // "东头4个 西头3个…其中东头有1个不是贫困户": some of those counted are not poor.
  // ("四组有一个查了不是贫困户": one of a part's people, said of by the part.)
  const notPoorPart = SOME_NOT_POOR.exec(text) ?? PART_NOT_POOR.exec(text) ?? NOT_POOR_LEFT_OUT.exec(text) ?? WHOLE_PART_NOT_POOR.exec(text);
  // (One grade's parts added up, "后街是5个" correcting a part, outweigh a count read off the last part.)
  // ("三级贫困残疾人 一组7个 二组5个 其中有2个去世了": those gone from the parts' sum, unless taken out of the group already.)
  const partsOfOne =
    gradeCounts.length === 1 && gradeCounts[0]!.tally?.includes(" + ") && single !== undefined
      ? single + tallyAdded - (gradeCounts[0]!.from === undefined ? left : 0)
      : undefined;
  const people = onePerson ? undefined : (peopleTallied ?? partsOfOne ?? persons ?? (single !== undefined ? single - singleLeft : undefined));
  const compare = readComparison(text);
  if (
    !perMonth &&
    !perYear &&
    !years &&
    !perKilo &&
    !perQuarter &&
    !perDay &&
    !compare &&
    !(people && people > 1 && !mixed) &&
    !(households && households > 1) &&
    !tally
  )
    return undefined;
  return {
    ...(compare ? { compare } : {}),
    perMonth,
    perYear,
    ...(perKilo ? { perKilo } : {}),
    ...(years ? { years } : {}),
    ...(people && people > 1 && !mixed ? { persons: people } : {}),
    ...(people && people > 1 && !mixed && left + tallyLeft + singleLeft + goneLater > 0 ? { left: left + tallyLeft + singleLeft + goneLater } : {}),
    ...(people && notPoorPart && (count(notPoorPart[1]!) ?? 0) < people ? { notPoor: count(notPoorPart[1]!) ?? 0 } : {}),
    ...(people && people > 1 && !mixed && persons === people && addedPeople > 0
      ? { added: addedPeople }
      : tallyAdded > 0 && (people === peopleTallied || people === partsOfOne)
        ? { added: tallyAdded }
        : {}),
    ...(tally?.unit === "户" && tally.total > 1
      ? { households: tally.total, tally: tally.shown }
      : households && households > 1
        ? { households, ...(householdsFrom ? { householdsFrom } : {}) }
        : {}),
    ...(tally?.unit === "人"
      ? {
          tally:
            tallyTwice > 0 || tallyLighter > 0
              ? tally.shown.replace(
                  / = (\d+) 人$/,
                  (_, n: string) =>
                    ` − ${tallyTwice + tallyLighter}（${tallyTwice > 0 ? "重复登记" : "不是重度，不算"}） = ${Number(n) - tallyTwice - tallyLighter} 人`,
                )
              : tally.shown,
        }
      : gradeCounts.length === 1 && gradeCounts[0]!.tally
        ? { tally: gradeCounts[0]!.tally }
        : {}),
    ...(perQuarter ? { perQuarter } : {}),
    ...(perDay ? { perDay } : {}),
    ...(grades.length > 0 ? { grades } : {}),
    ...headcount,
  };
}

/** "一个月多少", "每年几多": an amount by the month or year asked. */
const PERIOD_MONEY = /(?:一个?月|每个?月|一年|每年)[^，,。？?]{0,3}(?:多少|几多)/;

/** "共多少钱", "总共贷了多少钱", "一共发了多少": the total paid or lent asked, not an amount each. */
const TOTAL_MONEY_ASKED = /(?:一共|总共|共|合计|总计|加起来)[^，,。？?\d]{0,4}(?:多少|几)(?:钱|万)?|总(?:金额|额|钱数)/;

/** "一二级的比三级的多拿多少", "三级比一级少多少": the grades on each side of 比, the greater first. */
/** "原来三级，今年评成二级了": a person's grade changed, from the first to the second. */
export const REGRADED =
  /([一二三四1-4])级[^。？?]{0,20}?(?:评成|评为|鉴定成|鉴定为|改成|改为|变成|调成|调到|升成|升到|升为|降成|降到|降为|换成)了?([一二三四1-4])级/;
/** "一年比原来多拿多少", "差多少": the difference the change makes, asked. */
const DIFFERENCE_ASKED = /多拿|少拿|多领|少领|多多少|少多少|差多少|多给|少给|比原来|比以前|比之前|涨了多少|差了多少/;

function readComparison(text: string): FigureQuestion["compare"] {
  // "原来三级，今年评成二级了…一年比原来多拿多少": the new grade's amount against the old one's.
  const regraded = REGRADED.exec(text);
  if (regraded && DIFFERENCE_ASKED.test(text)) {
    const [from, to] = [GRADE_NUMBER[regraded[1]!]!, GRADE_NUMBER[regraded[2]!]!];
    if (from !== to) return { greater: [to], lesser: [from], times: false };
  }
  // "一二级的标准是三级的几倍": the first grades against the second, as times.
  const asTimes = /([^，,。？?]*?)是([^，,。？?]*?)的(?:几|多少)倍/.exec(text);
  if (asTimes) {
    const greater = gradesIn(asTimes[1]!);
    const lesser = gradesIn(asTimes[2]!);
    if (greater.length > 0 && lesser.length > 0 && !greater.some((g) => lesser.includes(g))) return { greater, lesser, times: true };
  }
  const m = /([^，,。？?]*?)比([^，,。？?]*?)(多|少|高|低|差)/.exec(text);
  if (!m) return undefined;
  const left = gradesIn(m[1]!);
  const right = gradesIn(m[2]!);
  if (left.length === 0 || right.length === 0 || left.some((g) => right.includes(g))) return undefined;
  const times = /几倍|多少倍/.test(text);
  return m[3] === "少" || m[3] === "低" ? { greater: right, lesser: left, times } : { greater: left, lesser: right, times };
}

const gradeNames = (grades: readonly number[]) => `${grades.map((g) => "一二三四"[g - 1]).join("、")}级`;

/** A large total also in 万元, the way the seed states county totals ("88.74 万元"). */
function wan(n: number): string {
  if (n < 10000) return "";
  const w = Math.round(n / 100) / 100;
  return `，${Math.round(w * 10000) === n ? "即" : "约"} ${w} 万元`;
}

/** Words naming people other than those an entry's amount is for: "轻度", "不是重度", "非贫困". */
const OTHER_GROUP = /^(?:轻度|中度|轻的|不是重度|非重度|不是贫困|非贫困|不残疾|健全)/;

/** The money a fact states for exactly `persons` people ("共救助 4281 人……发放救助金 314.04 万元"), as written. */
function statedTotalOf(facts: readonly Fact[], persons: number): string | undefined {
  for (const fact of facts) {
    const count = new RegExp(`(?<![\\d.])${persons}\\s*(?:人|名)`).exec(fact.text);
    // The count first in its fact: "（一、二级 3570 人…）" inside it is a part, not the whole paid.
    if (!count || /\d\s*(?:人|名)/.test(fact.text.slice(0, count.index))) continue;
    const total = /(\d+(?:\.\d+)?)\s*万元/.exec(fact.text.slice(count.index));
    if (total) return total[0].replace(/\s+/g, " ").replace(/(\d)万/, "$1 万");
  }
  return undefined;
}

/** Amounts to one place, as the eligibility replies write them. */
const fmt = money;

/** "您说的“两三个”是个大概的数…": the exact count asked for, never reckoned on a guess. */
export function roughCountAsk(said: string): string {
  return `您说的“${said}”是个大概的数，到底是多少${said.slice(-1)}？告诉我准数，我帮您算总数。`;
}

/** Lines with the formula and its inputs, each traceable to the fact shown above it. */
export function reckonFigures(facts: readonly Fact[], q: FigureQuestion, forThePoor = false): string[] {
  const out = reckonFiguresExactly(facts, q, forThePoor);
  // "十来个": the sum rests on the round number; the villager is told so, and asked for the exact count.
  if (q.estimate && out.length > 0) out.push(`您说的是“${q.estimate}”，上面是按整数算的大概数；告诉我准数，我再给您算。`);
  // (Asked only where a sum could be made of it: "后街十来户没通自来水" is told, not to be reckoned.)
  // ("县财政给每位重度残疾人代缴 100 元": an amount each, with no period, is summed too.)
  if (q.rough && facts.some((f) => moneyFigure(f.text) !== undefined || EACH_AMOUNT.test(f.text))) out.push(roughCountAsk(q.rough));
  return out;
}

function reckonFiguresExactly(facts: readonly Fact[], q: FigureQuestion, forThePoor: boolean): string[] {
  const graded = facts.flatMap((fact) => {
    const f = moneyFigure(fact.text);
    return f ? [{ ...f, grades: gradesIn(fact.text.slice(0, fact.text.indexOf(f.text))) }] : [];
  });
  const out: string[] = [];
  // "5个一级的、3个二级的": each grade's people at that grade's amount, then the sum; nothing reckoned on a guess.
  // An entry paying the same per household whatever the grades (一户多残) is reckoned on the households instead.
  if (q.gradeCounts && !(q.households && graded.every((f) => f.grades.length === 0 && f.per === "户"))) {
    const all = q.gradeCounts.map((g) => ({ ...g, figure: graded.find((f) => g.grades.every((grade) => f.grades.includes(grade))) }));
    // "四级的1个": a grade the amounts are not set for is left out of the sum, and said so; "还有2个三级的不是
    // 贫困户": for an amount set for the poor, the same. Anything else without an amount: nothing on a guess.
    const forThePoor = facts.some((f) => moneyFigure(f.text) && /贫困/.test(f.text));
    const unpaidGrade = (p: (typeof all)[number]) => !p.figure && p.grades.every((g) => g === 4) && graded.some((f) => f.grades.length > 0);
    const left = all.filter((p) => unpaidGrade(p) || (p.notPoor && forThePoor));
    const parts = all.filter((p) => !left.includes(p) && p.count > 0);
    if (parts.length === 0 || parts.some((p) => !p.figure)) return [];
    const notes = all.filter((x) => x.count === 0 && !left.includes(x)).map((p) => `${gradeNames(p.grades)}：0 个，不用算`);
    for (const p of left)
      notes.push(
        unpaidGrade(p)
          ? `${p.count} 个${gradeNames(p.grades)}：资料里只写了一到三级的标准，没写${gradeNames(p.grades)}能不能领、领多少，没算进合计，请问县残联`
          : `${p.count} 个${gradeNames(p.grades)}不是贫困户：这项是给贫困残疾人的，没算进合计`,
      );
    const told = all.filter((p) => p.count > 0);
    if (q.headcount && told.length > 1) out.push(`一共：${told.map((p) => p.count).join(" + ")} = ${told.reduce((sum, p) => sum + p.count, 0)} 人`);
    let total = 0;
    for (const { grades, count: n, figure, from, by, tally, than } of parts) {
      const yearly = figure!.period === "year" ? figure!.amount : figure!.amount * 12;
      total += yearly * n;
      if (tally?.includes(" + ")) out.push(`${gradeNames(grades)}：${tally}`);
      if (than)
        out.push(
          `${gradeNames(grades)}比${gradeNames(than.grades)}${than.by < 0 ? "少" : "多"} ${Math.abs(than.by)} 个：${than.count} ${than.by < 0 ? "−" : "+"} ${Math.abs(than.by)} = ${than.count + than.by} 个`,
        );
      if (from !== undefined && by) out.push(`${gradeNames(grades)}现在：${from} ${by > 0 ? "+" : "−"} ${Math.abs(by)} = ${n} 个`);
      out.push(`${n} 个${gradeNames(grades)}：${fmt(yearly)} × ${n} = ${fmt(yearly * n)} 元/年（按${figure!.text}）`);
    }
    if (parts.length > 1)
      out.push(
        `合计：${parts.map((p) => fmt((p.figure!.period === "year" ? p.figure!.amount : p.figure!.amount * 12) * p.count)).join(" + ")} = ${fmt(total)} 元/年${wan(total)}（每人都符合条件的话）`,
      );
    out.push(...notes);
    if (q.leftOutUnknown) out.push(`漏了的 ${q.leftOutUnknown} 个没说是几级，上面没算进去；告诉我是几级的，我再加上。`);
    if (q.perMonth) out.push(`折合每月：${monthOf(total)}`);
    if (q.years && q.years > 1) out.push(`${exactly(q.years)} 年：${fmt(total * q.years)} 元${wan(total * q.years)}（${fmt(total)} × ${exactly(q.years)}）`);
    // "半年一共发多少", "三个月呢": the year's total over those months.
    if (q.years && q.years < 1) {
      const months = Math.round(q.years * 12);
      out.push(`${months === 6 ? "半年（6 个月）" : `${months} 个月`}：${fmt((total * months) / 12)} 元（${fmt(total)} ÷ 12 × ${months}）`);
    }
    return out;
  }
  // "一二级的比三级的多拿多少": the two grades' amounts, same period, taken one from the other (and divided).
  if (q.compare) {
    const { greater, lesser, times } = q.compare;
    const more = graded.find((f) => greater.every((g) => f.grades.includes(g)));
    const less = graded.find((f) => lesser.every((g) => f.grades.includes(g)));
    if (more && less && more !== less && more.period === less.period && more.per === less.per) {
      const period = more.period === "year" ? "每年" : "每月";
      // "三级的是一级的几倍": the first may be the smaller; the difference is then said as 少.
      if (more.amount >= less.amount)
        out.push(`${gradeNames(greater)}比${gradeNames(lesser)}${period}多：${fmt(more.amount)} − ${fmt(less.amount)} = ${fmt(more.amount - less.amount)} 元`);
      else
        out.push(`${gradeNames(greater)}比${gradeNames(lesser)}${period}少：${fmt(less.amount)} − ${fmt(more.amount)} = ${fmt(less.amount - more.amount)} 元`);
      if (times) out.push(`是${gradeNames(lesser)}的：${fmt(more.amount)} ÷ ${fmt(less.amount)} = ${exactly(more.amount / less.amount)} 倍`);
      // "五年下来多拿多少": the yearly difference over those years.
      const gap = Math.abs(more.amount - less.amount);
      if (q.years && q.years > 1 && more.period === "year" && gap > 0)
        out.push(`${exactly(q.years)} 年：${fmt(gap * q.years)} 元（${fmt(gap)} × ${exactly(q.years)}）`);
    }
  }
  // "一二级…": an amount set for other grades is not this question's.
  const asked = q.grades ?? [];
  const figures = graded.filter((f) => asked.length === 0 || f.grades.length === 0 || f.grades.some((g) => asked.includes(g)));
  if (q.perKilo) {
    for (const fact of facts) {
      const ton = /(\d+(?:\.\d+)?)\s*元\s*\/\s*吨/.exec(fact.text);
      if (!ton) continue;
      const price = Number(ton[1]);
      out.push(`合每公斤：${fmt(price)} ÷ 1000 = ${exactly(price / 1000)} 元；每斤（半公斤）${exactly(price / 2000)} 元（按${ton[0]}）`);
      break;
    }
  }
  // (One part alone, "前街 4 = 4 人", adds nothing up.)
  if (q.tally?.includes(" + ")) out.push(`${partsName(q.tally)}加起来：${q.tally}`);
  // "每位重度残疾人代缴 100 元" has no period: times the people asked about, as it is.
  if (q.persons && figures.length === 0) {
    for (const fact of facts) {
      const m = /每(?:位|人|个人)[^。；，]{0,12}?(\d+(?:\.\d+)?)\s*元/.exec(fact.text);
      if (m) {
        // ("7个 ⏎ 要是再多2个呢": the people added shown with the count before.)
        const added = q.added ? `${q.persons - q.added} + ${q.added} = ` : "";
        out.push(`${added}${q.persons} 个人：${m[1]} × ${q.persons} = ${fmt(Number(m[1]) * q.persons)} 元（按${m[0]}）`);
        break;
      }
    }
  }
  // "全县4281人领救助 一年一共发多少": the people said are the entry's own whole count, which the entry states what
  // was paid for; one amount times all of them is no one's figure when they were of several grades paid
  // differently. (Whatever amounts were picked out to show: "…发了341.04万 没错吧" shows the 800 alone.)
  const stated = q.persons && !q.grades && figures.length > 0 ? statedTotalOf(facts, q.persons) : undefined;
  if (stated) {
    out.push(`您说的 ${q.persons} 人就是资料里的总人数，资料写明这些人共发 ${stated}，不用再按每人标准乘`);
    return out;
  }
  // "俺村6个贫困残疾人": grades untold, each grade's amount is reckoned as if all were of that grade, and said so.
  const eachGrade = (f: (typeof figures)[number]) =>
    !q.grades && f.grades.length > 0 && new Set(figures.map((x) => x.amount)).size > 1 ? `都是${gradeNames(f.grades)}的话` : "";
  for (const f of figures.slice(0, 2)) {
    const yearly = f.period === "year" ? f.amount : f.amount * 12;
    const base = f.period === "year" ? `${fmt(f.amount)} 元/年` : `${fmt(f.amount)} 元/月`;
    if (q.perMonth && f.period === "year") out.push(`折合每月：${monthOf(f.amount, `按${f.text}`)}`);
    if (q.perQuarter) out.push(`一个季度（3 个月）：${fmt(yearly / 4)} 元（${fmt(yearly)} ÷ 4，按${f.text}）`);
    if (q.perDay) out.push(`折合每天：约 ${exactly(Math.round((yearly / 365) * 100) / 100)} 元（${fmt(yearly)} ÷ 365，按${f.text}，一年按 365 天算）`);
    if (q.households && f.per === "户") {
      if (q.householdsFrom) out.push(`现在：${q.householdsFrom.shown} = ${q.households} 户`);
      out.push(`${q.households} 户：${fmt(yearly)} × ${q.households} = ${fmt(yearly * q.households)} 元/年`);
      // "要是按月算 每个月村里一共多少": the households' year per month.
      if (q.perMonth) out.push(`${q.households} 户折合每月：${monthOf(yearly * q.households)}`);
    }
    // "从4月开始领 到年底": months of one year, of a monthly amount, are counted by the month; the whole year's
    // figure beside them would read as the answer.
    const withinYear = q.years !== undefined && q.years < 1 && !q.perYear && f.period === "month";
    if ((q.perYear || q.years || q.persons) && f.period === "month" && !withinYear) out.push(`一年：${fmt(yearly)} 元（${fmt(f.amount)} × 12，按${f.text}）`);
    // Households for an amount per household, people for one per person: the years and months below count them.
    // (Those said not to be poor are left out of a programme for the poor.)
    const forPoor = forThePoor || facts.some((fact) => fact.text.includes(f.text) && /贫困/.test(fact.text));
    const notPoor = q.notPoor && forPoor && q.persons && f.per !== "户" ? q.notPoor : 0;
    const people = q.persons && f.per !== "户" ? q.persons - notPoor : q.households && f.per === "户" ? q.households : 1;
    const who = f.per === "户" ? "户" : "人";
    // "7个 按月发的话，一个季度一共多少": the people's quarter.
    if (q.perQuarter && q.persons && q.persons > 1 && f.per !== "户")
      out.push(`${q.persons} 个人一个季度：${fmt(yearly / 4)} × ${q.persons} = ${fmt((yearly / 4) * q.persons)} 元`);
    if (people > 1 && f.per !== "户") {
      out.push(
        `${
          // ("5 个人里走了 1 个，剩下 4 个；其中 1 个不是贫困户，不算；3 个人": those gone first, then those not poor.)
          notPoor && q.left
            ? `${people + notPoor + q.left - (q.added ?? 0)} 个人里走了 ${q.left} 个，剩下 ${people + notPoor} 个；其中 ${notPoor} 个不是贫困户，不算；`
            : `${notPoor ? `${people + notPoor} 个人里 ${notPoor} 个不是贫困户，不算；` : ""}${q.left ? `${people + q.left - (q.added ?? 0)} 个人里走了 ${q.left} 个，剩下 ` : ""}`
        }${q.added ? `${people - q.added} + ${q.added} = ` : ""}${people} 个人${eachGrade(f)}：${
          withinYear
            ? `${fmt(f.amount)} × ${people} = ${fmt(f.amount * people)} 元/月`
            : `${q.perMonth && f.period === "month" ? `${fmt(f.amount)} × ${people} = ${fmt(f.amount * people)} 元/月，` : ""}${fmt(yearly)} × ${people} = ${fmt(yearly * people)} 元/年${wan(yearly * people)}`
        }（每人都符合条件的话）`,
      );
      // "一年一共多少 一个月合多少": the people's year, per month too.
      if (q.perMonth && f.period === "year") out.push(`${people} 个人折合每月：${monthOf(yearly * people)}`);
    }
    // "五年下来多拿多少" after a comparison: the difference over the years is the answer, not each amount's.
    if (q.compare && out.length > 0) continue;
    const months = q.years ? Math.round(q.years * 12) : 0;
    // A monthly amount over "两年零四个月" is counted in months: 50 × 28, not 600 × 2.33.
    if (q.years && f.period === "month" && months % 12 !== 0)
      out.push(
        `${months} 个月一共：${fmt(f.amount * people * months)} 元（${fmt(f.amount * people)} × ${months}，按${base}${people > 1 ? `、${people} ${who}` : ""}不变算）`,
      );
    // "八个月" of a yearly amount: the year's amount split into months, then counted.
    else if (q.years && months % 6 !== 0)
      out.push(
        `${months} 个月一共：${fmt((yearly * people * months) / 12)} 元（${fmt(yearly * people)} ÷ 12 × ${months}，按${base}${people > 1 ? `、${people} ${who}` : ""}不变算）`,
      );
    // ("领了一年了": the year's amount, said once already, is the answer.)
    else if (q.years && !(q.years === 1 && out.some((line) => line.startsWith("一年："))))
      out.push(
        `${q.years === 0.5 ? "半年" : `${fmt(q.years)} 年一共`}：${fmt(yearly * people * q.years)} 元（${fmt(yearly * people)} × ${fmt(q.years)}，按${base}${people > 1 ? `、${people} ${who}` : ""}不变算）`,
      );
  }
  if (q.persons && q.persons > 1 && figures.some((f) => eachGrade(f))) out.push("告诉我各是几级（比如“一级2个、三级4个”），我给您算准数。");
  return out;
}

const STANDARD_UNITS: Record<string, string> = {
  平方米: "平方米",
  平米: "平方米",
  平方: "平方米",
  平: "平方米",
  场: "场",
  套: "套",
  本: "本",
  册: "本",
  亩: "亩",
};
const STANDARD = /(?:不少于|不低于|至少|起码)\s*(\d+(?:\.\d+)?)\s*(平方米|场|套|本|册|亩)|(\d+(?:\.\d+)?)\s*(平方米|场|套|本|册|亩)\s*(?:以上|及以上)/g;
const PER_PERSON = /(?:每人|人均|按人头算每人)\s*(\d+(?:\.\d+)?)\s*(本|册)/;
const PEOPLE_UNITS = ["口人", "口子人", "个人", "人"];

/**
 * "俺村放了十场电影，够一类标准不", "俺村八百口人，图书起码多少册": the villager's own number against a minimum
 * the fact sets, or a per-person minimum times their headcount. Each line names the fact it reckons from.
 */
export function reckonStandards(facts: readonly Fact[], question: string, places: readonly string[] = []): { lines: string[]; used: Fact[] } {
  // Most questions carry no number with such a unit: skip the quantity reader for them.
  if (!/[\d一二两三四五六七八九十百千][^，,。？?]{0,3}(?:平|场|套|本|册|亩|人|口)|\d\s*个\s*(?:村|组|屯|社区)/.test(question)) return { lines: [], used: [] };
  // "一本书都没有" is none (0), still said.
  const own = findQuantities(question, Object.keys(STANDARD_UNITS)).filter((q) => !q.negative);
  // "于家英村室外场地350平方米 ⏎ 沈家荒的450平方米 ⏎ 哪个村达到了": each village's figure against the minimum.
  const byPlace = placesMeasured(facts, question, own, places);
  if (byPlace.lines.length > 0) return byPlace;
  const headcounts = findQuantities(question, PEOPLE_UNITS).filter((q) => q.value >= 10 && !q.negative);
  // "于家英村650口人 ⏎ 沈家荒480口人 ⏎ 两个村加起来至少要多少册": the villages' people added up.
  const headPlaces = headcounts.map((q) => placeBefore(question, q.index, places));
  const together =
    headcounts.length >= 2 && TOGETHER.test(question) && headPlaces.every((p) => p !== undefined) && new Set(headPlaces).size === headcounts.length;
  const counted = together
    ? { ...headcounts[0]!, value: headcounts.reduce((all, q) => all + q.value, 0), shown: headcounts.map((q) => fmt(q.value)).join(" + ") }
    : headcounts[0];
  // "常住1350人 ⏎ 又有150人落户进来了": those come since are counted too.
  const came = counted && !together ? /又(?:有|来了|添了|多了|落户了?|迁来了?)\s*(\d+)\s*(?:个人|人|口)/.exec(question) : null;
  const people = counted && came ? { ...counted, value: counted.value + Number(came[1]), shown: `${fmt(counted.value)} + ${came[1]}` } : counted;
  const lines: string[] = [];
  const used: Fact[] = [];
  // "全镇58个村每个村至少12场 全镇一年最少放多少场": each village's minimum times the villages counted.
  const villages = /(\d+|[一两二三四五六七八九十百]+)\s*个\s*(村|组|屯|社区)/.exec(question);
  const asked =
    villages && /全镇|全乡|全县|一共|加起来|总共|合计|(?:至少|最少|起码)[^，,。？?]{0,4}多少/.test(question)
      ? /多少\s*(场|套|本|册|平方米|亩)/.exec(question)
      : null;
  if (villages && asked) {
    const count = parseNumber(villages[1]!) ?? 0;
    for (const fact of facts)
      for (const m of fact.text.matchAll(STANDARD)) {
        const min = Number(m[1] ?? m[3]);
        const unit = STANDARD_UNITS[(m[2] ?? m[4])!]!;
        // ("藏书人均2本以上" is a minimum for each person, not for each village.)
        if (unit !== STANDARD_UNITS[asked[1]!] || count < 2 || PER_PERSON.test(fact.text)) continue;
        lines.push(`${fmt(count)} 个${villages[2]} × 每${villages[2]}至少 ${fmt(min)} ${unit} = ${fmt(count * min)} ${unit}，至少要这么多`);
        used.push(fact);
      }
    if (lines.length > 0) return { lines, used };
  }
  for (const fact of facts) {
    const perPerson = PER_PERSON.exec(fact.text);
    if (perPerson && people) {
      const per = Number(perPerson[1]);
      const unit = STANDARD_UNITS[perPerson[2]!]!;
      const need = per * people.value;
      const have = own.find((q) => STANDARD_UNITS[q.unit] === unit);
      lines.push(
        `按每人 ${fmt(per)} ${unit}算：${"shown" in people ? `${people.shown} = ` : ""}${fmt(people.value)} 人 × ${fmt(per)} = ${fmt(need)} ${unit}，至少要这么多${have ? `；您说有 ${fmt(have.value)} ${unit}，${have.value >= need ? "够了" : `还差 ${fmt(need - have.value)} ${unit}`}` : ""}`,
      );
      used.push(fact);
      continue;
    }
    // "图书室有300本书 够不够" with no headcount: a per-person minimum is not a minimum for the whole village.
    // How many people the books are enough for is said instead.
    if (perPerson) {
      const per = Number(perPerson[1]);
      const unit = STANDARD_UNITS[perPerson[2]!]!;
      const have = own.find((q) => STANDARD_UNITS[q.unit] === unit);
      if (!have) continue;
      lines.push(
        have.value === 0
          ? `标准按人头算，每人至少 ${fmt(per)} ${unit}：您说一${unit}都没有，没达到标准`
          : `标准按人头算，每人至少 ${fmt(per)} ${unit}：您说的 ${fmt(have.value)} ${unit}够 ${fmt(have.value)} ÷ ${fmt(per)} = ${fmt(Math.floor(have.value / per))} 人；村里人口比这多就不够（说说村里多少人，我帮您算）`,
      );
      used.push(fact);
      continue;
    }
    for (const m of fact.text.matchAll(STANDARD)) {
      const min = Number(m[1] ?? m[3]);
      const unit = STANDARD_UNITS[(m[2] ?? m[4])!]!;
      const have = own.find((q) => STANDARD_UNITS[q.unit] === unit);
      if (!have) continue;
      const said = have.value === 0 ? `您说一${unit}都没有` : `您说的 ${fmt(have.value)} ${unit}`;
      lines.push(
        `标准是不少于 ${fmt(min)} ${unit}：${said}${have.value >= min ? "，够了，达到标准" : `${have.value === 0 ? "，" : ""}不够，还差 ${fmt(min - have.value)} ${unit}，没达到标准`}`,
      );
      if (!used.includes(fact)) used.push(fact);
    }
  }
  return { lines, used };
}

/** "两个村加起来", "一共": several counts asked of together. */
const TOGETHER = /加起来|加一起|一共|总共|合计|[两俩三四五六七八九几]个?村/;

/**
 * Several figures of one unit, each said of a village ("郝家庄室外健身器材5套 ⏎ 陈家山7套"): each against the
 * entry's minimum, named. The village is the township's name said before the figure, or a name ending in 村, 庄 or 屯.
 */
function placesMeasured(facts: readonly Fact[], question: string, own: readonly Quantity[], places: readonly string[]): { lines: string[]; used: Fact[] } {
  const lines: string[] = [];
  const used: Fact[] = [];
  for (const fact of facts)
    for (const m of fact.text.matchAll(STANDARD)) {
      // ("藏书人均2本以上" is a minimum for each person, not for each village.)
      if (PER_PERSON.test(fact.text)) continue;
      const min = Number(m[1] ?? m[3]);
      const unit = STANDARD_UNITS[(m[2] ?? m[4])!]!;
      const named = own.filter((q) => STANDARD_UNITS[q.unit] === unit).map((q) => ({ q, place: placeBefore(question, q.index, places) }));
      if (named.length < 2 || named.some((n) => !n.place) || new Set(named.map((n) => n.place)).size < named.length) continue;
      lines.push(`标准是不少于 ${fmt(min)} ${unit}：`);
      for (const { q, place } of named)
        lines.push(`  ${place} ${fmt(q.value)} ${unit}：${q.value >= min ? "够了，达到标准" : `不够，还差 ${fmt(min - q.value)} ${unit}，没达到标准`}`);
      used.push(fact);
    }
  return { lines, used };
}

const PLACE_FIRST = new RegExp(`^${NAME_CHAR}{1,3}(?:庄|屯|村)`);

/** The village a figure is said of: the last one named in its clause before it. */
function placeBefore(text: string, at: number, places: readonly string[]): string | undefined {
  const clause = text
    .slice(0, at)
    .split(/[，,。；;！!？?\s]/)
    .at(-1)!;
  const known = places
    .map((p) => ({ p, i: clause.lastIndexOf(p) }))
    .filter((x) => x.i >= 0)
    .sort((a, b) => b.i - a.i || b.p.length - a.p.length)[0];
  if (known) return known.p + (clause[known.i + known.p.length] === "村" && !known.p.endsWith("村") ? "村" : "");
  return PLACE_FIRST.exec(clause)?.[0];
}

const RATE = /(?:每天|一天|每日)[^。；，]{0,10}?(\d+(?:\.\d+)?)(?:\s*[～~到-]\s*(\d+(?:\.\d+)?))?\s*(吨|斤|公斤)/;

/** "一个礼拜", "十天", "两周": how many days a daily amount is asked over ("一天" alone is the rate itself). */
export function readDays(text: string): number | undefined {
  if (/一个?(?:礼拜|星期)|一周/.test(text)) return 7;
  const weeks = /(\d+|[两二三四五六七八九十]+)\s*个?(?:礼拜|星期|周)/.exec(text);
  if (weeks) return (parseNumber(weeks[1]!) ?? 0) * 7 || undefined;
  const days = /(\d+|[两二三四五六七八九十]+)\s*天/.exec(text.replace(/一天|每天|天天/g, " "));
  return days ? parseNumber(days[1]!) : undefined;
}

/** A daily amount ("每天压 3～5 吨") over the days asked, with the formula and the upper end named. */
/** "每年放电影 12 场以上": a count the entry gives per year; "这一年办了 10 期" is what one year did, no rate. */
const YEARLY_COUNT = /(?<!这|那|上|前)(?:每年|一年)[^。；\d]{0,8}?(\d+)\s*(场|次|期|回)(以上)?/;

/** "三年下来至少放几场": a yearly count over the years asked, with its formula (and "以上" kept when the fact says it). */
export function reckonYearlyCounts(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "平均一个月起码得放几场": a yearly count spread over the months.
  const monthly = /(?:一|每)个?月[^，,。？?]{0,8}(?:几|多少)\s*(场|次|期|回)/.exec(question);
  if (monthly && !/(?:一|每)年[^，,。？?]{0,8}(?:几|多少)/.test(question)) {
    for (const fact of facts) {
      const m = YEARLY_COUNT.exec(fact.text);
      if (!m || m[2] !== monthly[1]) continue;
      const [, count, unit, atLeast = ""] = m;
      const each = Math.round((Number(count) / 12) * 10) / 10;
      return { lines: [`平均每月：${each} ${unit}${atLeast ? "（起码）" : ""}（每年 ${count} ${unit}${atLeast} ÷ 12）`], used: [fact] };
    }
  }
  const years = readDuration(question);
  if (years === undefined || years < 2 || !Number.isInteger(years) || !/几|多少/.test(question)) return { lines: [], used: [] };
  for (const fact of facts) {
    const m = YEARLY_COUNT.exec(fact.text);
    if (!m) continue;
    const [, count, unit, atLeast = ""] = m;
    return { lines: [`${years} 年一共：每年 ${count} ${unit} × ${years} = ${Number(count) * years} ${unit}${atLeast}`], used: [fact] };
  }
  return { lines: [], used: [] };
}

export function reckonRates(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!/天|礼拜|星期|周|个点|压缩点/.test(question)) return { lines: [], used: [] };
  // ("机器坏了 一个礼拜没人修 咋弄": a span said of a trouble, no amount asked.)
  if (!/多少|几|一共|总共|加起来|合计|能压|能出/.test(question)) return { lines: [], used: [] };
  const days = readDays(question);
  // "三个压缩点都开足马力": the daily amount is per site.
  const sites = /(\d+|[两二三四五六七八九十])\s*个(?:压缩)?点/.exec(question);
  const siteCount = sites ? (parseNumber(sites[1]!) ?? 1) : 1;
  // "攒了10吨，最少得压几天": the villager's own amount divided by the daily amount.
  // The villager's own amount, not the daily rate they restate ("一天最多压5吨 俺村有20吨"): the largest one
  // not said per day.
  const own = /几天|多少天|多久/.test(question)
    ? findQuantities(question, ["吨", "斤", "公斤"])
        .filter(
          (q) =>
            q.value > 0 &&
            !/^\s*(?:～|~|到)/.test(question.slice(q.end)) &&
            !/(?:一天|每天|每日)[^，,。\d]{0,4}$/.test(question.slice(Math.max(0, q.index - 8), q.index)),
        )
        .sort((a, b) => b.value - a.value)[0]
    : undefined;
  if ((!days || days < 2) && siteCount < 2 && !own) return { lines: [], used: [] };
  for (const fact of facts) {
    const m = RATE.exec(fact.text);
    if (!m) continue;
    const low = Number(m[1]);
    const high = m[2] ? Number(m[2]) : undefined;
    const unit = m[3]!;
    const range = high !== undefined ? `${fmt(low)}～${fmt(high)}` : fmt(low);
    const lines: string[] = [];
    if (siteCount >= 2)
      lines.push(
        `${siteCount} 个点一天：每个点 ${range} ${unit} × ${siteCount} = ${high !== undefined ? `${fmt(low * siteCount)}～${fmt(high * siteCount)}` : fmt(low * siteCount)} ${unit}${high !== undefined ? `（最多 ${fmt(high * siteCount)} ${unit}）` : ""}`,
      );
    const perDayLow = low * siteCount;
    const perDayHigh = (high ?? low) * siteCount;
    if (days && days >= 2)
      lines.push(
        `${days} 天：每天 ${siteCount >= 2 ? `${fmt(perDayLow)}～${fmt(perDayHigh)}` : range} ${unit} × ${days} = ${high !== undefined ? `${fmt(perDayLow * days)}～${fmt(perDayHigh * days)}` : fmt(perDayLow * days)} ${unit}${high !== undefined ? `（最少 ${fmt(perDayLow * days)} ${unit}，最多 ${fmt(perDayHigh * days)} ${unit}）` : ""}`,
      );
    if (own && own.unit === unit) {
      const fastest = Math.ceil(own.value / perDayHigh);
      const slowest = Math.ceil(own.value / perDayLow);
      lines.push(
        `您的 ${fmt(own.value)} ${unit}：按每天最多 ${fmt(perDayHigh)} ${unit}，${fmt(own.value)} ÷ ${fmt(perDayHigh)} ${Number.isInteger(own.value / perDayHigh) ? "=" : "≈"} ${fmt(own.value / perDayHigh)}，最少要 ${fastest} 天${slowest !== fastest ? `；按每天 ${fmt(perDayLow)} ${unit}，要 ${slowest} 天` : ""}`,
      );
    }
    return { lines, used: [fact] };
  }
  return { lines: [], used: [] };
}

const COUNT_UNITS: Record<string, string> = {
  千米: "千米",
  公里: "千米",
  人: "人",
  位: "人",
  名: "人",
  妇女: "人",
  孩子: "人",
  残疾人: "人",
  老人: "人",
  户: "户",
  辆: "辆",
  个: "个",
  例: "例",
  场: "场",
  平方米: "平方米",
  平米: "平方米",
};
/** "一个人大概能补多少", "每人差不多给多少": roughly what each gets. */
const ROUGHLY_EACH = /(?:大概|大约|差不多|估计|大致)[^，,。？?]{0,4}(?:一|每)个?人|(?:一|每)个?人[^，,。？?]{0,3}(?:大概|大约|差不多|估计|大致)/;
const AVERAGE_ASKED =
  /(?:平均|人均|摊到|合)(?:下来|起来|算下来|算起来)?(?:到)?(?:每|一)?(?:个)?(千米|公里|平方米|平米|人|位|名|户|辆|个|例|场|妇女|孩子|残疾人|老人)|(?:每|一)(?:个)?(千米|公里|平方米|平米|人|位|名|户|辆|个|例|场)(?:平均|合|摊)|(人)均(?=多少|是多少|几|能|有|合)/;
const TOTAL_MONEY = /(\d+(?:\.\d+)?)\s*(万)?元/;

/**
 * "河道清淤5千米花了300万，平均一千米多少": the villager asks for an average of a total the seed gives.
 * Worked out with the formula, and said to be an average: never a per-person standard the seed lacks.
 */
export function reckonAverage(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = AVERAGE_ASKED.exec(question);
  if (!asked) return { lines: [], used: [] };
  const unit = COUNT_UNITS[(asked[1] ?? asked[2] ?? asked[3])!]!;
  for (const fact of facts) {
    // An aside in brackets ("比任务多 13 人") is not what the total was spent on.
    const text = fact.text.replace(/（[^）]*）|\([^)]*\)/g, "");
    const money = TOTAL_MONEY.exec(text);
    if (!money) continue;
    const counts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(千米|公里|平方米|平米|人|位|名|户|辆|个|例|场)/g)].filter(
      (m) => COUNT_UNITS[m[2]!] === unit && m.index !== money.index,
    );
    const count = counts[0];
    if (!count || counts.length > 1) continue;
    const total = Number(money[1]);
    const n = Number(count[1]);
    if (!(n > 0)) continue;
    const each = total / n;
    const money10k = money[2] === "万";
    const shown = money10k && each < 1 ? `${fmt(each * 10000)} 元` : `${Math.round(each * 100) / 100} ${money10k ? "万元" : "元"}`;
    return {
      lines: [`平均每${unit}：${total} ${money10k ? "万元" : "元"} ÷ ${n} = ${shown}（按总数平均算的，不是每${unit}的标准）`],
      used: [fact],
    };
  }
  return { lines: [], used: [] };
}

/** Years no figure of the seed reaches: the year before last, earlier ones, one named in digits. */
const FAR_YEAR = /前年|往年|\d\s*年/;
/**
 * A place named outright: a city, county or province by its name ("贵港市", "玉林", "临县"), or a big city. Not
 * 本县, 县里, 全市 and the like, nor the 县 of 县残联.
 */
/** Places villagers name without 市 (big cities and neighbouring ones). */
const CITIES = "北京|上海|天津|重庆|广州|深圳|玉林|南宁|合肥";
// (A name holds no word of speech: "每年能省", "燃料比市场", "小超市", "时候上市" name no place.)
const NAMED_PLACE = new RegExp(
  `${String.raw`(?<![本全俺咱我这那哪每各外邻别隔壁其它他])((?:(?:(?![县市省镇乡村我俺咱本全这那的能个小上下比跟和料候买卖超在去到了是有不没也都就还又很太更最每年月天里外中前后可少多省钱])[\u4e00-\u9fa5]){2,3}|临)(?:省|市|县))(?![残里财委政城医级联区直长场民面值钱了下多])`}|${CITIES}|(?<!的)外地`,
  "g",
);
const PLACE_HINT = new RegExp(`[县市镇乡省]|${CITIES}|外地`);
/** "户口迁到外县", "俺去北京看病", "闺女在外地打工": where someone is or went, not whose standard is asked. */
const WHERE_SOMEONE_WENT = new RegExp(`(?:迁|搬|嫁|去|走|在|到|上)(?:到|去|往)?了?(?:[^，,。？?\\s]{0,4}[县市镇乡省]|${CITIES}|外地|外面|城里)`, "g");

/** An entry of the city's report ("…（贵港市）"), whose figures are the whole city's. */
/** "一个月有补助没", "有没有补贴": whether anything is paid, which its amount answers. */
const PAID_AT_ALL = /有(?:没有)?(?:补助|补贴)|(?:补助|补贴)(?:没|吗|不)/;
/** "一年呢", "一年下来呢", "三年一共多少": a span of the amount asked after it, in a message of its own. */
const SPAN_ASKED_AFTER =
  /^(?:那)?(?:一年|每年|一个月|每月|半年|[一两二三四五六七八九十\d]+(?:年|个月))(?:下来|到头)?(?:呢|的呢|多少|合多少|一共多少|一共呢|能有多少)[?？]?$/;

function isCityReport(entry: Entry): boolean {
  const entryText = [entry.title, entry.summary, ...entry.facts.map((f) => f.text)].join("");
  // (市场价 is no city: "优质煤的市场价" is the township's.)
  return /（[^）]*市）/.test(entry.title + entry.source.section) || (/市(?!场)/.test(entryText) && !/县/.test(entryText));
}

/** A village or its committee, as a villager names it. */
const VILLAGE_LEVEL = /村两委|村委会?(?:班子)?|村干部|(?:我们|俺们|咱们|俺|咱|我|全)村|村里/;
/** A figure asked: how many, what share. */
const VILLAGE_FIGURE_ASKED = /多少|几(?:个|所|人|名|位|户)|比例|占几成|百分之几/;
/** The city or a level above the village named: its figures are asked for. */
const CITY_NAMED = /全市|咱市|市里|贵港|市县|市、县|全县|县里|全镇/;

/** The village named in the clause that asks for a figure, if any. */
function villageAsked(text: string): string | undefined {
  for (const clause of text.split(/[，,。；;！!？?\s]+/)) {
    const village = VILLAGE_LEVEL.exec(clause)?.[0];
    if (village && VILLAGE_FIGURE_ASKED.test(clause)) return village;
  }
  return undefined;
}

/** Another place than the entry's, named in the question ("隔壁县", "贵港市", "北京", "咱县" of a city report). */
function placeElsewhere(entry: Entry, text: string): string | undefined {
  const moved = text.replace(WHERE_SOMEONE_WENT, "");
  // "贵港市的残疾人补助多少", "北京的残疾人补贴": a place named that the entry does not speak of.
  const entryText = [entry.title, entry.summary, ...entry.facts.map((f) => f.text)].join("");
  const namedPlace = [...moved.matchAll(NAMED_PLACE)].map((m) => m[1] ?? m[0]).find((p) => !entryText.includes(p.replace(/[市县省]$/, "")));
  // "市里维权岗有几个 ⏎ 那我们县有几个": the city's report says nothing of one county in it.
  const ownCounty = isCityReport(entry) ? /(?:我们|俺们|咱们|俺|咱|我)县/.exec(moved)?.[0] : undefined;
  return OTHER_PLACE.exec(moved)?.[0] ?? namedPlace ?? ownCounty;
}

/** Whether or what was done about something: "管不管这事", "关不关心", "想了啥法子", "咋解决的". */
const OVERVIEW_ASKED = /管不管|管没管|有没有人管|关不关心|想了(?:啥|什么)(?:法子|办法)|(?:咋|怎么)解决|打算(?:咋|怎么)(?:弄|办|整)|(?:咋|怎么)回事/;

/** "免费不", "要钱吗", "收不收费": whether something costs money is asked. */
const FREE_ASKED = /免费(?:不|吗|么|没有|没|啵)|免不免费|要(?:不要)?钱|收(?:不收)?钱|收费(?:不|吗)|收不收费|花钱(?:不|吗)/;
/** Words for relatives and people, which name no thing asked about. */
const KIN_WORD = /[爹娘爸妈爷奶哥嫂姐妹弟儿女孙媳叔伯姑舅姨婶娃俺咱]|公公|婆婆|老公|老婆/;
/** "不是贫困户", "家里不困难": poverty said not to hold. */
const NOT_POOR_SAID = /不是贫困|非贫困|不贫困|不算贫困|不是低保|家里不困难|家庭不困难/;
/** Another county or town than the source's: "隔壁县", "隔壁怀远县", "别的镇". */
const OTHER_PLACE = /隔壁[\u4e00-\u9fa5]{0,3}[县市镇乡]|(?:邻|别的|(?<!另)外|其他|其它)[县市镇乡]/;

/** "俺是隔壁县的…俺们那个县给多少": another county's (town's) standard asked, not where someone went. */
export const asksOtherPlace = (text: string): boolean => OTHER_PLACE.test(text.replace(WHERE_SOMEONE_WENT, ""));

/** Another year than the seed's: "去年的标准", "明年涨不涨". */
// The seed's years are blanked ("20xx年"): any year named in digits is another than the report's.
const OTHER_YEAR = /(去年|上一年|上年|前年|明年|下一年|往年|以后|(?:19|20)\d\d\s*年)/;
const AMOUNT_WORDS = /标准|涨|调整|提高|(?:给|补|发|领|是|救助|补助|补贴|每人|每户|一人|交|缴)多少(?![人户个名位])/;

/** "去年是多少": the year before, not how much more ("比去年多多少" is the fact itself). */
const LAST_YEAR_ASKED = /(?:去年|上一年|上年|前一年)[^，,。？?]{0,16}?(?:是|有|了)?(?:多少|几)(?!倍)|^那?(?:去年|上一年|上年)(?:的)?呢$/;
const GREW = /(\d+(?:\.\d+)?)\s*(万)?\s*(人|所|名|户|个)[^。；]{0,16}?比上一?年多\s*(\d+(?:\.\d+)?)\s*(万)?\s*\3/;

/** "城镇单位上班的女的去年是多少": this year's figure less what it grew by, shown as such. */
export function reckonLastYear(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "比去年多了几个" asks the growth, which the fact itself states; "多了多少 上一年是多少人" asks both.
  const growth = /(?:多|增加|涨|长|少|减少)了?(?:多少|几)/;
  if (!question.split(/[，,。？?；;\s]+/).some((c) => LAST_YEAR_ASKED.test(c) && !growth.test(c))) return { lines: [], used: [] };
  // "一二级的…上一年是多少": the group named, when the fact gives several ("一、二级…；三级…").
  const asked = gradesIn(question);
  for (const fact of facts) {
    const found = [...fact.text.matchAll(new RegExp(GREW.source, "g"))].filter((m) => m[2] === m[5]);
    const grades = found.map((m) => gradesIn(fact.text.slice(0, m.index).split(/[；;]/).at(-1) ?? ""));
    const chosen = found.filter((_, k) => asked.length === 0 || asked.every((g) => grades[k]!.includes(g)));
    if (chosen.length === 0) continue;
    const each = chosen.map((m) => ({ was: Math.round((Number(m[1]) - Number(m[4])) * 100) / 100, unit: `${m[2] ?? ""}${m[3]}` }));
    const lines = chosen.map((m, k) => {
      const grade = grades[found.indexOf(m)]!;
      const label = found.length > 1 && grade.length > 0 ? gradeNames(grade) : "";
      const unit = `${m[2] ?? ""}${m[3]}`;
      return `${label}上一年：${m[1]} − ${m[4]} = ${Math.round((Number(m[1]) - Number(m[4])) * 100) / 100} ${unit}${k === chosen.length - 1 ? "（报告里的数减去比上一年多的数）" : ""}`;
    });
    // "去年总共救助了多少人": the groups' counts of last year added up.
    if (chosen.length > 1 && each.every((e) => e.unit === each[0]!.unit) && /总共|一共|合计|全县|总数|加起来/.test(question))
      lines.push(`合计上一年：${each.map((e) => e.was).join(" + ")} = ${Math.round(each.reduce((sum, e) => sum + e.was, 0) * 100) / 100} ${each[0]!.unit}`);
    return { lines, used: [fact] };
  }
  // "婚前医学检查率上一年是多少": a rate said to be up by so many percentage points (a bare "提高 0.01%" may be
  // relative growth, so it is not reckoned backwards).
  // Characters of the rate's name the question shares (婚检率 ~ 婚前医学检查率), 率 itself aside.
  const askedChars = new Set(question.replace(/率/g, ""));
  for (const fact of facts) {
    const m = /(\d+(?:\.\d+)?)\s*%[^。；]{0,4}比上一?年(提高|增加|上升|下降|降低)\s*(\d+(?:\.\d+)?)\s*个百分点/.exec(fact.text);
    if (!m) continue;
    // Only the rate asked about ("婚检率去年是多少" is not "住院分娩率上一年是多少").
    const label =
      fact.text
        .slice(0, m.index)
        .split(/[，,；;。]/)
        .at(-1) ?? "";
    if ([...new Set(label.replace(/率/g, ""))].filter((c) => askedChars.has(c) && /\p{Script=Han}/u.test(c)).length < 2) continue;
    const up = m[2] !== "下降" && m[2] !== "降低";
    const was = Math.round((Number(m[1]) + (up ? -1 : 1) * Number(m[3])) * 100) / 100;
    return { lines: [`上一年：${m[1]}% ${up ? "−" : "+"} ${m[3]} 个百分点 = ${was}%（报告里的数${up ? "减去" : "加上"}比上一年${m[2]}的）`], used: [fact] };
  }
  return { lines: [], used: [] };
}

/** "用元说，不要用万", "换算成元是多少": an amount in 万元 written out in 元. */
const YUAN_ASKED = /换算成元|换成元|折成元|折算成元|用元说|用元|不要用万|多少元(?!\/)|合多少元|几元/;

/** Each amount in 万元 of the facts shown, written out in 元 (at most two). */
export function reckonYuan(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "投了50万 是多少块钱": a sum in 万 the villager quotes, asked in 元.
  const quotedWan = /\d\s*多?\s*万/.test(question) && /多少块|是多少钱|合多少钱/.test(question);
  if (!YUAN_ASKED.test(question) && !quotedWan) return { lines: [], used: [] };
  const lines: string[] = [];
  for (const fact of facts)
    for (const m of fact.text.matchAll(/(\d+(?:\.\d+)?)\s*(多)?\s*万元/g)) {
      // "100 多万元": more than the round figure, said so.
      const more = m[2] ? " 多" : " ";
      if (lines.length < 2) lines.push(`${m[1]}${more}万元 = ${m[1]} × 10000 = ${Math.round(Number(m[1]) * 10000).toLocaleString("en-US")}${more}元`);
    }
  return { lines, used: [] };
}

/**
 * "那五千米是多少米", "100亩合多少平方米": a length or an area the entry gives, in the unit asked. Standard
 * conversions only (1 千米 = 1000 米; 1 亩 = 10000/15 平方米), shown with the formula.
 */
const PERCENT_ASKED = /百分数|百分比|百分之几|百分之多少|换成%|多少%|几个?%/;
const CONVERSIONS: Array<{ asked: RegExp; stated: RegExp; unit: string; to: string; times: number; shown: string }> = [
  { asked: /多少米|几米|合多少米|多少公尺/, stated: /(\d+(?:\.\d+)?)\s*(?:千米|公里)/g, unit: "千米", to: "米", times: 1000, shown: "1000" },
  { asked: /多少里(?!程)|几里/, stated: /(\d+(?:\.\d+)?)\s*(?:千米|公里)/g, unit: "千米", to: "里", times: 2, shown: "2（1 千米 = 2 里）" },
  // "挡土墙538米 合多少里": metres into li (1 里 = 500 米).
  {
    asked: /多少里(?!程)|几里/,
    stated: /(\d+(?:\.\d+)?)\s*米(?!\s*[^\s，,。；]{0,2}平)/g,
    unit: "米",
    to: "里",
    times: 0.002,
    shown: "0.002（1 里 = 500 米）",
  },
  {
    asked: /多少亩|几亩|合多少亩|(?:折成|换成|合成|折合)亩/,
    stated: /(\d+(?:\.\d+)?)\s*平方米/g,
    unit: "平方米",
    to: "亩",
    times: 0.0015,
    shown: "0.0015（1 亩 = 10000 ÷ 15 ≈ 666.67 平方米）",
  },
  {
    asked: /多少公里|几公里|多少千米|几千米/,
    stated: /(\d+(?:\.\d+)?)\s*米(?!\s*[^\s，,。；]{0,2}平)/g,
    unit: "米",
    to: "公里",
    times: 0.001,
    shown: "0.001（1 公里 = 1000 米）",
  },
  // Not "3吨压块顶多少斤煤": a weight of one thing in another is the biomass calculator's.
  {
    asked: /^(?!.*(?:顶|相当|煤)).*(?:多少斤|几斤|合多少斤|(?:换成|折成|合成)斤)/,
    stated: /(\d+(?:\.\d+)?)\s*吨/g,
    unit: "吨",
    to: "斤",
    times: 2000,
    shown: "2000",
  },
  {
    asked: /多少平方米?|几平方米?|多少平米|多少个?平方|合多少平/,
    stated: /(\d+(?:\.\d+)?)\s*亩/g,
    unit: "亩",
    to: "平方米",
    times: 10000 / 15,
    shown: "666.67（1 亩 = 10000 ÷ 15 平方米）",
  },
  // Rates in the health report: "婴儿死亡率 4.64‰ 换成百分数" (1‰ = 0.1%), "98.5/万 换成百分比" (1/万 = 0.01%),
  // "9.4/10万 按每万人算" (1/10万 = 0.1/万).
  { asked: PERCENT_ASKED, stated: /(\d+(?:\.\d+)?)\s*‰/g, unit: "‰", to: "%", times: 0.1, shown: "0.1（1‰ = 0.1%）" },
  { asked: PERCENT_ASKED, stated: /(\d+(?:\.\d+)?)\s*\/\s*万/g, unit: "/万", to: "%", times: 0.01, shown: "0.01（1/万 = 0.01%）" },
  { asked: /每万|\/万|万分之|一万个?人/, stated: /(\d+(?:\.\d+)?)\s*\/\s*10\s*万/g, unit: "/10万", to: "/万", times: 0.1, shown: "0.1（1/10万 = 0.1/万）" },
];

/**
 * Among several figures of one unit in a fact ("婴儿死亡率 4.64‰，5 岁以下儿童死亡率 6.77‰"), the one the question
 * names: the figure it quotes, else the one whose label just before it the question says at greatest length.
 */
function namedFigure(matches: RegExpMatchArray[], text: string, question: string, mustName = false): RegExpMatchArray | undefined {
  const score = (m: RegExpMatchArray) => {
    if (new RegExp(`(?<![\\d.])${m[1]!.replace(".", "\\.")}(?![\\d])`).test(question)) return 100;
    const before = text.slice(Math.max(0, m.index! - 10), m.index).replace(/[\s，,。；、（）()]+$/g, "");
    for (let n = Math.min(10, before.length); n >= 2; n--) if (question.includes(before.slice(-n))) return n;
    return 0;
  };
  const best = matches.reduce<RegExpMatchArray | undefined>((top, m) => (top === undefined || score(m) > score(top) ? m : top), undefined);
  // A rate must be the one asked about: "婚前医学检查率换成百分数" names none of the ‰ figures, and "死亡率" names two.
  if (mustName && best && (score(best) === 0 || matches.filter((m) => score(m) === score(best)).length > 1)) return undefined;
  return best;
}

/** The question quotes a number the text states ("538米" and "538 米"). */
const quotesAny = (question: string, text: string) =>
  [...question.matchAll(/\d+(?:\.\d+)?/g)].some((m) => new RegExp(`(?<![\\d.])${m[0].replace(".", "\\.")}(?![\\d.])`).test(text));

export function reckonUnits(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "挡土墙538米 合多少里": the unit of the figure the villager quotes is the one turned, not another fact's.
  // (The last one quoted: "河道整治5千米 ⏎ 合多少里 ⏎ 挡土墙538米又是多少里" asks of the wall.)
  const quoted = [...question.matchAll(/\d+(?:\.\d+)?\s*(千米|公里|平方米|米|亩|吨|‰|\/\s*10\s*万|\/\s*万)/g)]
    .at(-1)?.[1]
    ?.replace("公里", "千米")
    .replace(/\s/g, "");
  for (const c of CONVERSIONS) {
    if (!c.asked.test(question)) continue;
    if (quoted && c.unit !== quoted) continue;
    // "幼儿园多少平方米": a fact giving the unit asked answers it, unless the question names the other unit.
    const inTarget = new RegExp(`\\d\\s*${c.to}`);
    // (Not a rate: other rates in % beside "4.64‰" are other figures, not this one in %.)
    const rate = /‰|万/.test(c.unit);
    if (!rate && !question.includes(c.unit) && !(c.unit === "千米" && /公里/.test(question)) && facts.some((f) => inTarget.test(f.text))) continue;
    // The fact with the figure the villager quotes, if any ("挡土墙砌了538米"), else the first one stating the unit.
    const quotedFirst = [...facts].sort((a, b) => Number(quotesAny(question, b.text)) - Number(quotesAny(question, a.text)));
    for (const fact of quotedFirst)
      for (const m of [namedFigure([...fact.text.matchAll(c.stated)], fact.text, question, rate)].filter((x) => x !== undefined)) {
        // "每天能压缩秸秆 3-5 吨": a range is turned end by end.
        const range = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*[-–～~到]\\s*${m[1]!.replace(".", "\\.")}\\s*${c.unit}`).exec(fact.text);
        const show = (n: number) => {
          const value = Math.round(n * c.times * 1000) / 1000;
          return Number.isInteger(value) ? value.toLocaleString("en-US") : String(value);
        };
        if (range)
          return {
            lines: [
              `${range[1]}～${m[1]} ${c.unit} = ${range[1]} × ${c.shown} ～ ${m[1]} × ${c.shown} = ${show(Number(range[1]))}～${show(Number(m[1]))} ${c.to}`,
            ],
            used: [fact],
          };
        const value = Number(m[1]) * c.times;
        const exact = Number.isInteger(Math.round(value * 100) / 100) || c.times < 1;
        return {
          lines: [
            `${m[1]} ${c.unit} = ${m[1]} × ${c.shown} ${exact ? "=" : "≈"} ${c.times < 1 ? show(Number(m[1])) : Math.round(value).toLocaleString("en-US")} ${c.to}`,
          ],
          used: [fact],
        };
      }
  }
  return { lines: [], used: [] };
}

/** "三级的占百分之多少", "一二级的占比多少": a part's share of the whole one fact gives. */
const SHARE_ASKED =
  /([^，,。？?\s]{1,8}?)的?(?:人数)?(?:占|占了)(?:总数的|全部的|总共的)?(?:百分之|百分比)?(?:多少|几)|([^，,。？?\s]{1,8}?)的?占比(?:是)?多少/;
/** "被否决或推迟的，占评估总数多大比例": the share of those that did not pass. */
const FAILED_SHARE_ASKED = /(?:否决|推迟|没通过|未通过|没过)[^。？?]{0,8}占[^。？?]{0,8}?(?:多大|多少|几)?(?:比例|比重|百分之几|几成|多少)/;

export function reckonShare(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (FAILED_SHARE_ASKED.test(question))
    for (const fact of facts) {
      const m = NOT_PASSED.exec(fact.text);
      if (!m || Number(m[3]) >= Number(m[1])) continue;
      const share = Math.round((Number(m[3]) / Number(m[1])) * 1000) / 10;
      return { lines: [`没通过的占：${m[3]} ÷ ${m[1]} ≈ ${share}%`], used: [fact] };
    }
  const clause = question.split(/[，,。？?；;\s]+/).find((c) => SHARE_ASKED.test(c));
  const m = clause ? SHARE_ASKED.exec(clause) : null;
  if (!m) return { lines: [], used: [] };
  // "俺村一二级的10个 三级的8个 三级的占百分之多少": the share among the villager's own counts.
  const own = readFigureQuestion(question)?.gradeCounts;
  if (own && own.length >= 2) {
    const asked = gradesIn(clause!);
    const group = own.find((g) => asked.length > 0 && asked.every((a) => g.grades.includes(a)));
    const total = own.reduce((sum, g) => sum + g.count, 0);
    return group
      ? {
          lines: [
            `${gradeNames(group.grades)}占（按您说的数）：${group.count} ÷ ${total} ${(group.count * 1000) % total === 0 ? "=" : "≈"} ${Math.round((group.count / total) * 1000) / 10}%`,
          ],
          used: [],
        }
      : { lines: [], used: [] };
  }
  // A village's own share is not the county's.
  if (OWN_GROUP.test(question)) return { lines: [], used: [] };
  const said = m ? (m[1] ?? m[2])! : "";
  for (const fact of facts) {
    // The part's own words, the longest ending of what the question says before 占 that the fact has.
    for (let from = 0; from < said.length; from++) {
      const part = said.slice(from).replace(/^[的那这]/, "");
      if (part.length < 2) break;
      // "一二级" is written "一、二级" in the source.
      const written = part.replace(/([一二三四])(?=[一二三四]级)/g, "$1、?");
      const found = new RegExp(`(\\d+)\\s*(人|户|个|所|名)[^。；]*?(${written})\\s*(\\d+)\\s*\\2`).exec(fact.text);
      if (!found || Number(found[4]) >= Number(found[1])) continue;
      const share = Math.round((Number(found[4]) / Number(found[1])) * 1000) / 10;
      return { lines: [`${found[3]}占：${found[4]} ÷ ${found[1]} ≈ ${share}%`], used: [fact] };
    }
  }
  return { lines: [], used: [] };
}

/** "已经培训了180个 还差几个": a plan's number less what the villager says is done. */
const DONE_SAID = /(?:已经|已)?(?:完成|培训|做|办|建|补|装|发)了\s*(\d+)\s*(个|人|名|户|所|例)(?!月|年|天|星期|礼拜)/;
const LEFT_ASKED = /还差|还剩|还要|差几|差多少|剩几|剩多少|还有几|还有多少/;

export function reckonDoneLeft(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const done = DONE_SAID.exec(question);
  // A village's count against the county's plan is no reckoning.
  if (!done || !LEFT_ASKED.test(question.slice(done.index)) || OWN_GROUP.test(question)) return { lines: [], used: [] };
  const said = Number(done[1]);
  for (const fact of facts) {
    // A plan or a task, not "比任务多 13 人" (what a done count exceeded it by).
    const planned = /(?<!比)(?:计划|任务|目标)(?!多|少|高)[^。；]{0,16}?(\d+)\s*(人|个|名|户|所|例)/.exec(fact.text);
    if (!planned || Number(planned[1]) <= said) continue;
    const unit = PERSON_UNITS.has(planned[2]!) ? "人" : planned[2]!;
    return { lines: [`还差：${planned[1]} − ${said} = ${Number(planned[1]) - said} ${unit}（计划数减去您说已经完成的）`], used: [fact] };
  }
  return { lines: [], used: [] };
}

/** The villager's own village or group: its figures are theirs, not the county's. */
export const OWN_GROUP = /村里|全村|[俺我咱](?:们)?(?:村|组|屯)(?!民)|组里|全组/;

/** "俺爹是其中一个", "像俺这样的": one person among those counted. */
// Not "其中一个一级的走了": one of them gone is the count's change, not the one asked about.
export const ONE_OF_THEM = /其中(?:的)?(?:一|1)个(?![^，,。？?\s]{0,8}(?:走了|去世|过世|没了|迁|搬|死了|不是贫困|不算))|像(?:俺|我)(?:这样|这种|这号)/;

const NOT_STATED = "资料里没有写您问的这个数，我不乱说数字；资料里有的是：";

/** "全县一共发了多少", "花了多少万": money paid out in all, not a rate. */
const PAID_OUT_ASKED = /(?:一共|总共|共|全县|全部)[^，,。？?]{0,6}(?:发|花|给|拿)了?(?:多少|几)|(?:发|花)了(?:多少|几)(?:钱|万)?/;

/**
 * "特别救助里一二级那部分全县一共发了多少": the group's count in the entry times its rate, both stated
 * (一、二级 3570 人; 一级、二级每人每年 800 元). Said as reckoned by the standard, not as what was paid.
 */
export function reckonGroupPaid(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = gradesIn(question);
  const own = readFigureQuestion(question);
  // The county's count and this year's only: not a village's ("俺村三级的发了多少"), not last year's.
  if (asked.length === 0 || !PAID_OUT_ASKED.test(question) || own?.persons || own?.gradeCounts || OWN_GROUP.test(question) || OTHER_YEAR.test(question))
    return { lines: [], used: [] };
  const rate = facts.find((f) => {
    const figure = moneyFigure(f.text);
    const grades = figure ? gradesIn(f.text.slice(0, f.text.indexOf(figure.text))) : [];
    return figure?.per === "人" && grades.length === asked.length && asked.every((g) => grades.includes(g));
  });
  if (!rate) return { lines: [], used: [] };
  const label = asked.length > 1 ? `${asked.map((g) => "一二三四"[g - 1]).join("、")}级` : `${"一二三四"[asked[0]! - 1]}级`;
  for (const fact of facts) {
    const m = new RegExp(`${label}\\s*(\\d+)\\s*人`).exec(fact.text);
    if (!m) continue;
    const figure = moneyFigure(rate.text)!;
    const yearly = figure.period === "year" ? figure.amount : figure.amount * 12;
    const n = Number(m[1]);
    return {
      lines: [`${label}按标准算：${n} 人 × ${fmt(yearly)} 元 = ${fmt(n * yearly)} 元${wan(n * yearly)}（按${figure.text}；实际发放以县残联为准）`],
      used: [fact, rate],
    };
  }
  return { lines: [], used: [] };
}

/** "全县一个月一共发多少钱": a year's total stated in the entry, per month. */
export function reckonTotalPerMonth(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!/一个月|每个?月|按月/.test(question) || !PAID_OUT_ASKED.test(question) || OWN_GROUP.test(question)) return { lines: [], used: [] };
  for (const fact of facts) {
    const m = /(?:一共|共|总共)(?:发|发放|花)了?\s*(\d+(?:\.\d+)?)\s*万元/.exec(fact.text);
    if (!m) continue;
    const total = Number(m[1]);
    const perMonth = Math.round((total / 12) * 10000) / 10000;
    return {
      lines: [
        `一年 ${m[1]} 万元，平均每月：${Math.round(total * 10000) % 12 === 0 ? "" : "约 "}${perMonth} 万元（${m[1]} ÷ 12，约 ${Math.round((total * 10000) / 12).toLocaleString("en-US")} 元）`,
      ],
      used: [fact],
    };
  }
  return { lines: [], used: [] };
}

/** "其中不是公办的有多少所": the rest of a whole, when one fact gives the whole and the part named. */
const REST_OF_NAMED =
  /(?:不是|非)([\u4e00-\u9fa5]{1,4}?)的|除(?:了|去|开)([\u4e00-\u9fa5]{1,4}?)(?:的|以外|之外|\s|(?=剩下|还剩|其余|其他|别的|还有))[^，,。？?]{0,4}(?:剩下|还剩|其余|其他|别的|还有)/;

/** "农村幼儿园917所 其中不是公办的有多少所": the whole less the part the question names, both from one fact. */
export function reckonRest(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = REST_OF_NAMED.exec(question);
  const part = asked?.[1] ?? asked?.[2];
  if (!part || !/多少|几/.test(question)) return { lines: [], used: [] };
  for (const fact of facts) {
    // "…其中公办 437 所", "没填表的有 212 人…：去世 176 人": the part named right after the whole's count.
    const m = new RegExp(`(\\d+)\\s*(所|人|户|个|名|位)[^。；]*?(?:其中|：|:|，|,)\\s*${part}\\s*(\\d+)\\s*\\2`).exec(fact.text);
    if (!m || Number(m[3]) >= Number(m[1])) continue;
    return { lines: [`不是${part}的：${m[1]} − ${m[3]} = ${Number(m[1]) - Number(m[3])} ${m[2]}（总数减去${part}的）`], used: [fact] };
  }
  return { lines: [], used: [] };
}

/** "除了这个工程那部分 还剩多少人": a whole (目标是 200 人) and a part of it in one fact. */
const REST_LEFT = /除(?:了|去|开)[^，,。？?]{1,16}?(?:那部分|那些|以外|之外|的)?[^，,。？?]{0,4}(?:还剩|剩下|其余|其他|还有)(?:的)?(?:多少|几)/;
const PART_OF_WHOLE = /(\d+)\s*(人|户|个|所|名)[^。；]{0,12}?[（(][^）)]{0,16}?(?:目标|任务|计划|总数|一共|共)(?:是|为)?\s*(\d+)\s*\2/;

export function reckonLeft(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!REST_LEFT.test(question)) return { lines: [], used: [] };
  for (const fact of facts) {
    const m = PART_OF_WHOLE.exec(fact.text);
    if (!m || Number(m[1]) >= Number(m[3])) continue;
    return { lines: [`剩下的：${m[3]} − ${m[1]} = ${Number(m[3]) - Number(m[1])} ${m[2]}（全部的减去这一部分）`], used: [fact] };
  }
  return { lines: [], used: [] };
}

/** A text's pairs of neighbouring characters: how closely a question's words fit a figure's label. */
const charPairs = (text: string) => new Set([...text].slice(0, -1).map((c, i) => c + text[i + 1]));

/** "集中供水受益率比自来水普及率高多少": two rates of the entry, each side of 比 naming one. */
const RATE_GAP_ASKED = /([^，,。？?]{2,24}?)比([^，,。？?]{2,24}?)(?:高|低|多|少|差)(?:了)?(?:多少|几)/;
/** "A和B各是多少？差几个百分点": two rates named, then their difference asked. */
const BOTH_RATES_ASKED = /([^，,。？?]{2,24}?)(?:和|跟|与)([^，,。？?]{2,24}?)(?:各|分别)(?:是|为)?(?:多少|几)/;
const GAP_ASKED = /差(?:了)?(?:几|多少)|相差|差距|差值/;
const LABELLED_RATE = /([\u4e00-\u9fa5]{2,16})(?:为|是|占|达到|达)?\s*(\d+(?:\.\d+)?)\s*(%|‰)/g;

export function reckonRateGap(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = RATE_GAP_ASKED.exec(question) ?? (GAP_ASKED.test(question) ? BOTH_RATES_ASKED.exec(question) : null);
  if (!asked || !/率|比例|百分/.test(question)) return { lines: [], used: [] };
  // "比上一年高了多少", "比目标高多少": the change the fact itself states, not a second rate.
  if (/^(?:上一?年|去年|前一年|目标|任务|计划|指标)/.test(asked[2]!.trim())) return { lines: [], used: [] };
  // A change ("比上一年提高 0.01%", "比目标高 3.38%") is no rate of its own.
  const rates = facts.flatMap((fact) =>
    [...fact.text.matchAll(LABELLED_RATE)]
      .filter((m) => !/(?:比|提高|增加|上升|下降|降低|超|高|低)$/.test(m[1]!) && !/比[^，,。；]{0,8}$/.test(fact.text.slice(0, m.index)))
      .map((m) => ({ fact, label: m[1]!, value: Number(m[2]), unit: m[3]! })),
  );
  // The rate a side names: the one sharing most character pairs with it, other than the rate the other side
  // names ("专业技术人员" is in both labels; "高级" only in one).
  const best = (side: string, not?: (typeof rates)[number]) => {
    const wanted = charPairs(side.replace(/的|那个|这个/g, ""));
    const scored = rates
      .filter((r) => r !== not)
      .map((r) => ({ r, n: [...charPairs(r.label)].filter((p) => wanted.has(p)).length }))
      .sort((a, b) => b.n - a.n);
    return scored[0] && scored[0].n >= 2 && (!scored[1] || scored[1].n < scored[0].n) ? scored[0].r : undefined;
  };
  const first = best(asked[1]!);
  const second = best(asked[2]!, first);
  const a = first ?? (second ? best(asked[1]!, second) : undefined);
  if (!a || !second || a === second || a.unit !== second.unit) return { lines: [], used: [] };
  const gap = Math.round(Math.abs(a.value - second.value) * 100) / 100;
  const [high, low] = [Math.max(a.value, second.value), Math.min(a.value, second.value)];
  return {
    lines: [a.unit === "%" ? `相差：${high}% − ${low}% = ${gap} 个百分点` : `相差：${high}${a.unit} − ${low}${a.unit} = ${gap}${a.unit}`],
    used: [...new Set([a.fact, second.fact])],
  };
}

/** "法律援助多少人？司法救助多少人？加一块呢": two counts the question names, added. */
const LABELLED_COUNT = /([\u4e00-\u9fa5]{2,16})\s*(\d+(?:\.\d+)?)\s*(人|户|个|件|所|名|位|场|次)/g;
const BOTH_SUMMED = /加一块|加起来|加在一起|一共|总共|合计|两项加|两个加/;

export function reckonCountSum(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!BOTH_SUMMED.test(question)) return { lines: [], used: [] };
  const asking = question.split(/[，,。？?；;\s]+/).filter((c) => /多少|几/.test(c) && !BOTH_SUMMED.test(c));
  if (asking.length !== 2) return { lines: [], used: [] };
  const counts = facts.flatMap((fact) =>
    [...fact.text.matchAll(LABELLED_COUNT)]
      .filter((m) => !/(?:比|提高|增加|多|少|超)$/.test(m[1]!))
      .map((m) => ({ fact, label: m[1]!, value: Number(m[2]), unit: m[3]! })),
  );
  const best = (clause: string) => {
    const wanted = charPairs(clause.replace(/的|有|多少|几/g, ""));
    const scored = counts.map((c) => ({ c, n: [...charPairs(c.label)].filter((p) => wanted.has(p)).length })).sort((a, b) => b.n - a.n);
    return scored[0] && scored[0].n >= 2 && (!scored[1] || scored[1].n < scored[0].n) ? scored[0].c : undefined;
  };
  const [a, b] = asking.map(best);
  const unitOf = (u: string) => (u === "名" || u === "位" ? "人" : u);
  // "二本以上" already holds "一本": counts of "…以上" are not added to another.
  if (!a || !b || a === b || unitOf(a.unit) !== unitOf(b.unit) || /以上|及以上|含/.test(a.label + b.label)) return { lines: [], used: [] };
  return {
    lines: [`加起来：${a.value} + ${b.value} = ${Math.round((a.value + b.value) * 100) / 100} ${unitOf(a.unit)}`],
    used: [...new Set([a.fact, b.fact])],
  };
}

/** "女的占多少？男的占多少": the men's share, when a fact gives the women's (and the other way round). */
const OTHER_SHARE_ASKED = /(男|女)(?:的|性|同志|职工)?(?:占|是)?(?:多少|几成|百分之几|比例)/g;
const SHARE_OF = /([\u4e00-\u9fa5]{2,16}?)(男|女)性占\s*(\d+(?:\.\d+)?)\s*%/g;

export function reckonOtherShare(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = [...question.matchAll(OTHER_SHARE_ASKED)].map((m) => m[1]!);
  if (asked.length === 0) return { lines: [], used: [] };
  const clause = question.split(/[？?]/)[0]!;
  const wanted = charPairs(clause);
  const shares = facts
    .flatMap((fact) => [...fact.text.matchAll(SHARE_OF)].map((m) => ({ fact, label: m[1]!, sex: m[2]!, value: Number(m[3]) })))
    .map((s) => ({ s, n: [...charPairs(s.label)].filter((p) => wanted.has(p)).length }))
    .sort((a, b) => b.n - a.n);
  const best = shares[0];
  // The same people named (most of the label's pairs in the question), not a population that shares a word or two.
  if (!best || best.n < 4 || (shares[1] && shares[1].n === best.n)) return { lines: [], used: [] };
  const other = best.s.sex === "女" ? "男" : "女";
  if (!asked.includes(other)) return { lines: [], used: [] };
  const rest = Math.round((100 - best.s.value) * 100) / 100;
  return { lines: [`${other}性占：100% − ${best.s.value}% = ${rest}%（按${best.s.sex}性占 ${best.s.value}% 推算）`], used: [best.s.fact] };
}

/** "最后通过了几个": how many passed, when a fact gives the whole and those that did not. */
const PASSED_ASKED =
  /(?:通过|过关|合格|批了|批准|同意)(?:了)?(?:的)?(?:有)?(?:几|多少)|(?:几|多少)个?(?:项|件|条)?(?:通过|过关|合格|批了|批准)|(?:通过|过关|合格)[^，,。？?没否]{0,4}的(?:有|是)?(?:几|多少)|(?:通过|过关|合格)了?的[^，,。？?没否]{1,4}?(?:有|是)(?:几|多少)|^那?(?:通过|过了|合格)的呢$|(?<![没未不通])过了的?(?:有|是)?(?:几|多少)/;
/** "没被否掉也没推迟的有几个": those neither rejected nor put off are those that passed. */
const SURVIVED_ASKED = /没(?:被|有)?(?:否|推迟|毙)[^，,。？?]{0,10}的(?:有)?(?:几|多少)/;
const NOT_PASSED = /(\d+)\s*(个|项|件|条)[^。；]*?(\d+)\s*\2[^。；]{0,3}(?:没通过|未通过|没过|没有通过|不合格|被否)/;

/** "风险评估最后通过了几个": the whole less those that did not pass, with the formula. */
export function reckonPassed(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "没通过的几个 通过的几个": some clause asks how many passed, not only how many did not.
  if (!question.split(/[，,。？?；;\s]+/).some((c) => (PASSED_ASKED.test(c) && !/没通过|未通过|没过|不合格|否/.test(c)) || SURVIVED_ASKED.test(c)))
    return { lines: [], used: [] };
  for (const fact of facts) {
    const m = NOT_PASSED.exec(fact.text);
    if (!m || Number(m[3]) >= Number(m[1])) continue;
    return { lines: [`通过的：${m[1]} − ${m[3]} = ${Number(m[1]) - Number(m[3])} ${m[2]}（总数减去没通过的）`], used: [fact] };
  }
  return { lines: [], used: [] };
}

const TARGET_ASKED = /(?:任务|计划|目标|指标)(?:值|数)?[^，,。？?]{0,6}(?:多少|几|是多)|(?:原来|本来|原先)(?:的)?(?:任务|计划|目标|指标)|原计划/;
const OVER_TARGET =
  /(\d+(?:\.\d+)?)\s*(%|位|名|人|个|例|所|户)[^。；]{0,24}?(?:比|超)(?:任务|目标|计划)(?:值)?(?:多|高|超)?\s*(\d+(?:\.\d+)?)\s*(%|位|名|人|个|例|所|户)?/;
const PERSON_UNITS = new Set(["位", "名", "人"]);

/** "原来任务是多少人": what was done less what it exceeded the task by ("853 位…（比任务多 13 人）"). */
export function reckonTarget(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "明年计划补多少人" is next year's plan; "比目标高多少" is the excess the fact states. Read in the last
  // words only: a follow-up is reckoned with the question before it ("超任务多少 那原来的任务是多少人").
  const last = question.trim().split(/\s+/).at(-1) ?? question;
  if (!TARGET_ASKED.test(last) || /明年|下一年|今年计划|比目标|比任务|超(?:了)?(?:目标|任务)(?:值)?(?:多少|几)/.test(last)) return { lines: [], used: [] };
  for (const fact of facts) {
    const m = OVER_TARGET.exec(fact.text);
    if (!m) continue;
    const [, done, unit, over, overUnit] = m as unknown as [string, string, string, string, string | undefined];
    const same = !overUnit || overUnit === unit || (PERSON_UNITS.has(unit) && PERSON_UNITS.has(overUnit));
    if (!same || Number(over) >= Number(done)) continue;
    const shown = unit === "%" ? "%" : ` ${PERSON_UNITS.has(unit) ? "人" : unit}`;
    const target = Math.round((Number(done) - Number(over)) * 100) / 100;
    return {
      lines: [
        `${unit === "%" ? "目标值" : "任务数"}：${done}${unit === "%" ? "%" : ""} − ${over}${unit === "%" ? "%" : ""} = ${target}${shown}（实际完成的减去超出的）`,
      ],
      used: [fact],
    };
  }
  return { lines: [], used: [] };
}

/** "比去年多了多少", no group named: how much more in all. */
const GROWTH_ASKED = /比(?:去年|上一?年|前一年)[^，,。？?]{0,6}(?:多|增加|涨)了?(?:多少|几)/;
const GREW_BY = /比上一?年多\s*(\d+(?:\.\d+)?)\s*(万)?\s*(人|所|名|户|个)/g;

/** "特别救助的人数比去年多了多少": a fact giving each group's growth, added up, when the question names no group. */
export function reckonGrowth(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  if (!GROWTH_ASKED.test(question) || /[一二三四1-4]级|一二级/.test(question)) return { lines: [], used: [] };
  for (const fact of facts) {
    const grew = [...fact.text.matchAll(GREW_BY)];
    if (grew.length < 2 || grew.some((m) => m[2] !== grew[0]![2] || m[3] !== grew[0]![3])) continue;
    const total = Math.round(grew.reduce((sum, m) => sum + Number(m[1]), 0) * 100) / 100;
    const unit = `${grew[0]![2] ?? ""}${grew[0]![3]}`;
    return { lines: [`加起来比上一年多：${grew.map((m) => m[1]).join(" + ")} = ${total} ${unit}`], used: [fact] };
  }
  return { lines: [], used: [] };
}

/** A number the villager says, with its unit ("85人", "917所", "3537人"). */
const SAID_NUMBER = /(\d+(?:\.\d+)?)\s*(万)?\s*(人|名|位|户|所|个|元|块|亩|吨)((?<=[亩吨])半)?/g;
const SAID_UNITS: Record<string, string> = { 人: "人", 名: "人", 位: "人", 户: "户", 所: "所", 个: "个", 元: "元", 块: "元", 亩: "亩", 吨: "吨" };
/** "917所，其中公办72所，不是公办的有几所", "15857人里头有一本的3537人，光二本的多少": the rest of a whole. */
const REST_ASKED =
  /(?:其中|里头|里面|中间|当中)[^。？?]*?(?:不是|非|剩下|其余|其他|光|除去|除了|以外|之外)[^。？?]*?(?:多少|几)|除(?:了|去)[^。？?]*?(?:其他|其余|剩下|别的|另外)[^。？?]*?(?:多少|几)/;

/**
 * "一二级的比去年多了85人，三级的多了177人，总共多多少": the villager's own numbers, in one unit, added up
 * (or the part taken from the whole), with the formula. The figures are theirs, said back as theirs.
 */
export function reckonSaid(question: string): string[] {
  // "报了5个 其实是4个": one number corrects the other; they are never added.
  if (CORRECTED.test(question) || /其实是|应该是|改成|改为|报多|报少|多报|少报|(?:一共|现在|目前)\s*\d+\s*个了?(?=[，,。\s]|$)/.test(question)) return [];
  const said = [...question.matchAll(SAID_NUMBER)].map((m) => ({
    value: (Number(m[1]) + (m[4] ? 0.5 : 0)) * (m[2] ? 10000 : 1),
    shown: m[4] ? `${Number(m[1]) + 0.5}` : `${m[1]}${m[2] ?? ""}`,
    unit: SAID_UNITS[m[3]!]!,
  }));
  // "安置200人 除了…那135个": 个 counts the same things as the other numbers said.
  const named = [...new Set(said.map((n) => n.unit).filter((u) => u !== "个"))];
  if (named.length === 1 && named[0] !== "元" && named[0] !== "亩" && named[0] !== "吨") for (const n of said) n.unit = named[0]!;
  if (said.length < 2 || said.some((n) => n.unit !== said[0]!.unit)) return [];
  const unit = said[0]!.unit;
  const round = (n: number) => Math.round(n * 100) / 100;
  if (SUM_ASKED.test(question)) {
    const total = round(said.reduce((s, n) => s + n.value, 0));
    return [
      `按您说的数加起来：${said.map((n) => n.shown).join(" + ")} = ${total >= 10000 && said.some((n) => n.shown.endsWith("万")) ? `${round(total / 10000)}万` : total} ${unit}`,
    ];
  }
  if (said.length === 2 && REST_ASKED.test(question) && said[0]!.value > said[1]!.value) {
    const [whole, part] = said as [(typeof said)[0], (typeof said)[0]];
    return [`按您说的数：${whole.shown} − ${part.shown} = ${round(whole.value - part.value)} ${unit}`];
  }
  return [];
}

const SUM_ASKED = /一共|总共|加起来|合计|加一起|加一块|加在一起|加到一起|总计|合起来/;

const GROUP_NAME = String.raw`[一二三四五六七八九十\d]+组`;
const GRADE_SPAN = String.raw`(?:[一二三四1-4][、和]?){0,2}[一二三四1-4]`;
const COUNT_WORD = String.raw`\d+|[一两二三四五六七八九十]+|俩|仨`;
/** "一组那个一级的搬到二组了": people of a grade moved from one group to another. */
const MOVED = new RegExp(
  `(${GROUP_NAME})(?:那个|的那个|有个|有一个|有)?(?:(${COUNT_WORD})个)?(${GRADE_SPAN})级的?(?:贫困残疾人?)?(?:搬|迁|挪|调|转)(?:到|去|进)了?(${GROUP_NAME})`,
  "g",
);

/**
 * A cadre's tally by group and grade, told over several messages ("一组：一级贫困残疾人1个，二级2个", "二组三级的5个",
 * "一组那个一级的搬到二组了"), and a group's own sum asked ("二组现在一年一共多少", "二组比一组一年多领多少"):
 * each group's people at their grade's amount, shown. Undefined parts (a grade the entry sets no amount for,
 * a group never counted) answer nothing.
 */
export function reckonGroupGrades(facts: readonly Fact[], question: string): string[] {
  const said = question.split(/[？?]/);
  const asking = said
    .filter((part) => /多少|几/.test(part) && new RegExp(GROUP_NAME).test(part.split(/\s+/).at(-1) ?? part))
    .map((part) => part.split(/\s+/).at(-1)!);
  if (asking.length === 0) return [];
  const amounts = facts.flatMap((fact) => {
    const f = moneyFigure(fact.text);
    return f && isRule(fact)
      ? [{ yearly: f.period === "year" ? f.amount : f.amount * 12, grades: gradesIn(fact.text.slice(0, fact.text.indexOf(f.text))) }]
      : [];
  });
  if (amounts.length < 2 || amounts.some((a) => a.grades.length === 0)) return [];
  // Told before the question: each group's counts by grade (a later count of a group's grade replaces it).
  const told = question.slice(0, question.length - asking.join("？").length);
  const moves = [...told.matchAll(MOVED)];
  const counts = told.replace(MOVED, "，");
  const groups = new Map<string, Map<number, number>>();
  const labels = [...counts.matchAll(new RegExp(GROUP_NAME, "g"))];
  labels.forEach((label, k) => {
    const part = counts.slice(label.index + label[0].length, labels[k + 1]?.index ?? counts.length);
    const own = groups.get(label[0]) ?? new Map<number, number>();
    // (Anything said of some of them, or a count before its grade, is not read here: nothing on a guess.)
    if (/去世|过世|走了|没了|迁|搬|不是|其中|还有|另外|重复|漏|多了|少了|(?:\d|[一两二三四五六七八九十俩仨])\s*个\s*(?:是)?[一二三四1-4]级/.test(part)) {
      groups.clear();
      return;
    }
    let grade: number | undefined;
    for (const m of part.matchAll(new RegExp(`(${GRADE_SPAN})级|(${COUNT_WORD})\\s*个`, "g"))) {
      if (m[1]) grade = gradesSaid(m[1])[0];
      else if (grade !== undefined) own.set(grade, parseNumber(m[2]!) ?? Number.NaN);
    }
    if (own.size > 0) groups.set(label[0], own);
  });
  if (groups.size < 2 || labels.some((label) => !groups.has(label[0]))) return [];
  for (const m of moves) {
    const [from, to] = [groups.get(m[1]!), groups.get(m[4]!) ?? new Map<number, number>()];
    const grade = gradesSaid(m[3]!)[0]!;
    const n = m[2] ? (parseNumber(m[2]) ?? 1) : 1;
    if (!from || (from.get(grade) ?? 0) < n) return [];
    from.set(grade, from.get(grade)! - n);
    to.set(grade, (to.get(grade) ?? 0) + n);
    groups.set(m[4]!, to);
  }
  const sumOf = (name: string): { total: number; shown: string } | undefined => {
    const own = groups.get(name);
    if (!own) return undefined;
    const parts = [...own].filter(([, n]) => n > 0);
    const priced = parts.map(([grade, n]) => ({ grade, n, yearly: amounts.find((a) => a.grades.includes(grade))?.yearly }));
    if (priced.some((p) => p.yearly === undefined || Number.isNaN(p.n))) return undefined;
    const total = priced.reduce((all, p) => all + p.n * p.yearly!, 0);
    return { total, shown: `${name}：${priced.map((p) => `${p.n} 个${"一二三四"[p.grade - 1]}级 × ${p.yearly}`).join(" + ")} = ${total} 元/年` };
  };
  const out: string[] = [];
  for (const part of asking) {
    const named = [...part.matchAll(new RegExp(GROUP_NAME, "g"))].map((m) => m[0]);
    const sums = named.map(sumOf);
    if (sums.some((x) => x === undefined)) return [];
    for (const x of sums) if (!out.includes(x!.shown)) out.push(x!.shown);
    if (named.length === 2 && /比/.test(part)) {
      const [a, b] = sums as unknown as [{ total: number }, { total: number }];
      out.push(
        `${named[0]}比${named[1]}${a.total >= b.total ? "多" : "少"}：${Math.max(a.total, b.total)} − ${Math.min(a.total, b.total)} = ${Math.abs(a.total - b.total)} 元/年`,
      );
    }
  }
  if (moves.length > 0) out.unshift(`按您说的，${moves.map((m) => `${m[1]}${m[2] ?? "一"}个${m[3]}级的搬到了${m[4]}`).join("，")}。`);
  return out.length > 0 ? [...out, "（每人都符合条件的话）"] : [];
}

/** "二本以上比一本多多少人": two counts the question names, and how far apart they are. */
const LABEL_GAP_ASKED = /([\u4e00-\u9fa5]{2,8}?)(?:的)?比([\u4e00-\u9fa5]{2,8}?)(?:的)?多(?:多少|几)(人|个|户|所|名)?/;

/**
 * "市里一本上线多少人 ⏎ 二本以上比一本多多少人": two figures of the entry's facts, found by the words the question
 * names them with (线 aside: "二本以上" is the fact's "二本线以上"), in one unit; their difference, shown.
 */
export function reckonLabelGap(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  const asked = LABEL_GAP_ASKED.exec(question.split(/\s+/).at(-1) ?? question);
  if (!asked) return { lines: [], used: [] };
  const plain = (t: string) => t.replace(/线/g, "");
  const find = (label: string) => {
    for (const fact of facts) {
      // ("二级" is no label inside "一、二级 3570 人", the count of both together.)
      const m = new RegExp(`(?<![一二三四、和])${plain(label).replace(/^(?:那|这)/, "")}[^\\d，,。；]{0,6}?(\\d+(?:\\.\\d+)?)\\s*(人|户|所|个|名)`).exec(
        plain(fact.text),
      );
      if (m) return { fact, value: Number(m[1]), unit: m[2] === "名" ? "人" : m[2]! };
    }
    return undefined;
  };
  const [a, b] = [find(asked[1]!), find(asked[2]!)];
  if (!a || !b || a.unit !== b.unit || (a.fact.text === b.fact.text && a.value === b.value)) return { lines: [], used: [] };
  const gap = Math.round((a.value - b.value) * 100) / 100;
  return { lines: [`${asked[1]}比${asked[2]}多：${a.value} − ${b.value} = ${gap} ${a.unit}`], used: [...new Set([a.fact, b.fact])] };
}

/** "哪个村户数多", "哪个点压得最多", "谁家最少": which of the places told has the most (or least). */
const MOST_ASKED = /哪(?:个|家|一个)?[^，,。？?\d]{0,8}?(最多|最少|多(?!少)|(?<!多)少)|谁(?:家)?(最多|最少)/;
/** "多几户", "差多少": how far apart two places told are. */
const PLACE_GAP_ASKED = /多(?:几|多少)|少(?:几|多少)|差(?:几|多少)|相差|差距/;
const PLACE_UNITS = "吨|亩|户|个|人|名|位|套|本|册|场|斤|公斤|平方米";

/**
 * "于家英那个点压了4吨 ⏎ 沈家荒3吨 ⏎ 东梁格5吨 ⏎ 哪个点最多 一共多少吨", "三家庄30户 郝家庄45户 哪个村多 多几户":
 * figures the villager told of places, compared as asked (and added, in a unit the tallies of people do not add).
 * The figures are theirs, said back as theirs; nothing of the knowledge base's is put beside them.
 */
export function comparePlaces(question: string, places: readonly string[], each?: MoneyFigure): string[] {
  const most = MOST_ASKED.exec(question);
  const gap = PLACE_GAP_ASKED.test(question);
  const sum = SUM_ASKED.test(question);
  if (!most && !gap && !sum) return [];
  const name = [...places.filter((p) => p.length >= 2), String.raw`[一二三四五六七八九十\d]+(?:组|队)`, String.raw`${NAME_CHAR}{1,2}(?:庄|屯|村)`].join("|");
  const told = new Map<string, { value: number; unit: string }>();
  // ("沈家荒压了3吨半": a half after a measure is added to it.)
  for (const m of question.matchAll(new RegExp(`(${name})[^\\d，,。；？?\\s]{0,10}?(\\d+(?:\\.\\d+)?)\\s*(${PLACE_UNITS})(半)?`, "g"))) {
    const unit = m[3] === "名" || m[3] === "位" ? "人" : m[3]!;
    told.delete(m[1]!);
    told.set(m[1]!, { value: Number(m[2]) + (m[4] && !/^(?:人|户|个)$/.test(unit) ? 0.5 : 0), unit });
  }
  const parts = [...told];
  if (parts.length < 2 || parts.some(([, t]) => t.unit !== parts[0]![1].unit)) return [];
  // ("一组一级的1个，二级的2个": a place counted in several parts is not read off its first number.)
  if ([...question.matchAll(new RegExp(`\\d+(?:\\.\\d+)?\\s*(?:${PLACE_UNITS})`, "g"))].length > parts.length) return [];
  const unit = parts[0]![1].unit;
  const round = (n: number) => Math.round(n * 100) / 100;
  const out: string[] = [];
  if (sum && !/^(?:户|个|人)$/.test(unit))
    out.push(`按您说的数加起来：${parts.map(([n, t]) => `${n} ${t.value}`).join(" + ")} = ${round(parts.reduce((a, [, t]) => a + t.value, 0))} ${unit}`);
  const least = most && /少/.test(most[1] ?? most[2] ?? "") && !/多/.test(most[1] ?? most[2] ?? "");
  const sorted = [...parts].sort((a, b) => (least ? a[1].value - b[1].value : b[1].value - a[1].value));
  const [first, second] = sorted as [(typeof parts)[0], (typeof parts)[0]];
  if (most && first[1].value !== second[1].value) out.push(`按您说的数，${least ? "最少" : "最多"}的是${first[0]}：${first[1].value} ${unit}`);
  if (most && first[1].value === second[1].value) out.push(`按您说的数，${first[0]}和${second[0]}一样多：${first[1].value} ${unit}`);
  if (gap && parts.length === 2) {
    const [big, small] = [...parts].sort((a, b) => b[1].value - a[1].value) as [(typeof parts)[0], (typeof parts)[0]];
    const apart = round(big[1].value - small[1].value);
    out.push(`${big[0]}比${small[0]}多：${big[1].value} − ${small[1].value} = ${apart} ${unit}`);
    // "两个庄一年的老年残疾人补助差多少钱": the people apart, at the amount each.
    const counted = each && (each.per === "户" ? unit === "户" : /^(?:人|个)$/.test(unit));
    if (counted && /钱|元|块|补助|救助|补贴|代缴/.test(question)) {
      const yearly = each.period === "year" ? each.amount : each.amount * 12;
      // ("每个月补助差多少钱": a monthly amount's gap by the month.)
      if (each.period === "month" && /每个?月|一个月|每月/.test(question.split(/\s+/).at(-1) ?? question))
        out.push(`每月差：${each.amount} × ${apart} = ${round(each.amount * apart)} 元（按每${each.per || "人"}每月 ${each.amount} 元）`);
      out.push(
        `一年差：${yearly} × ${apart} = ${round(yearly * apart)} 元（按每${each.per || "人"}每年 ${yearly} 元${each.period === "month" ? `，${each.amount} × 12` : ""}）`,
      );
    }
  }
  return out;
}
const SAVED_ASKED = /省了|省下|节省|节约|少花|少了多少|少多少|差多少|差了多少/;
const ONE_MONEY = /(\d+(?:\.\d+)?)\s*(万)?元/g;

/**
 * "装修加上换地一共花了多少", "原来预算500万，省了多少": the parts the question names are each matched to the
 * entry's fact that states them, and added up (or taken from the budget) with the formula. Each part must
 * be a fact with exactly one amount in the same unit; otherwise nothing is computed.
 */
export function reckonParts(index: KnowledgeIndex, entry: Entry, question: string): { lines: string[]; used: Fact[] } {
  const none = { lines: [], used: [] };
  const asksSum = SUM_ASKED.test(question);
  const asksSaved = SAVED_ASKED.test(question);
  if (!asksSum && !asksSaved) return none;
  const head = question.split(/一共|总共|加起来|合计|加一起|加一块|加在一起|加到一起|总计|合起来|省了|省下|节省|节约|少花|少了多少|少多少|差多少|差了多少/)[0]!;
  const segments = head
    .split(/再加上|再加|加上|加|和|跟|还有|以及|[、，,；;\s]/)
    .map((x) => x.trim())
    .filter((x) => x.length >= 2);
  if (segments.length < (asksSaved ? 1 : 2)) return none;
  // "一级的有5个 三级的有3个 总共多少": people counted, not amounts to add (800 + 400 would mislead).
  if (segments.some((segment) => /(?:\d+|[两二三四五六七八九十百]+)\s*(?:个|位|名|户)/.test(segment))) return none;
  const amountOf = (fact: Fact) => {
    const found = [...fact.text.replace(/（[^）]*）/g, "").matchAll(ONE_MONEY)];
    return found.length === 1 ? { value: Number(found[0]![1]), wan: found[0]![2] === "万" } : undefined;
  };
  const budget = /预算|原计划|原来打算/;
  const RATE = /每(?:人|户|位|名|亩|吨|斤|公斤)(?:每)?(?:年|月|天)?\s*\d/;
  const parts: Array<{ fact: Fact; value: number; wan: boolean }> = [];
  const hasBudget = asksSaved && entry.facts.some((f) => budget.test(f.text));
  for (const segment of segments) {
    const ranked = index.rankFacts(entry, index.analyze(segment)).filter((r) => !budget.test(r.fact.text));
    const best = ranked[0];
    if (!best || best.score < FACT_MATCH_MIN || parts.some((p) => p.fact === best.fact)) continue;
    // "一二级和三级…一共10个人": a rate per person is no outlay; two rates are never added as parts.
    const amount = RATE.test(best.fact.text) ? undefined : amountOf(best.fact);
    if (!amount) continue;
    // "实际投了多少，少花了多少": against a budget, words that single out no one outlay (another amount in the
    // same unit ranks close) mean all of them: the decoration and the land swapped are both what was spent.
    const close = ranked.filter((r) => r.fact !== best.fact && r.score * 3 > best.score && amountOf(r.fact)?.wan === amount.wan);
    if (hasBudget && close.length > 0) {
      for (const fact of entry.facts) {
        const each = budget.test(fact.text) ? undefined : amountOf(fact);
        if (each && each.wan === amount.wan && !parts.some((p) => p.fact === fact)) parts.push({ fact, ...each });
      }
      continue;
    }
    parts.push({ fact: best.fact, ...amount });
  }
  // "地里的加上干活挣的 一共多少": both amounts in one fact ("土地收益 200 多万元、劳务收益 100 多万元").
  if (parts.length === 0 && asksSum) {
    const fact = index.rankFacts(entry, index.analyze(question))[0]?.fact;
    // "法律援助的加上司法救助的 一共多少人": two counts of people in one fact, the same way.
    // Not a change ("比上一年多 3290 人") and not a count that holds another ("二本线以上").
    const plain = fact ? fact.text.replace(/（[^）]*）/g, "") : "";
    const all = fact ? [...plain.matchAll(/(\d+(?:\.\d+)?)\s*(多)?\s*(万)?(元|人)/g)] : [];
    const found = all.some((m) => /(?:多|增加了?|减少了?|少|以上)\s*$/.test(plain.slice(Math.max(0, m.index! - 4), m.index))) ? [] : all;
    if (fact && found.length === 2 && found[0]![3] === found[1]![3] && found[0]![4] === found[1]![4]) {
      const [a, b] = found as [RegExpMatchArray, RegExpMatchArray];
      const more = a[2] || b[2] ? "多" : "";
      const unit = `${a[3] ?? ""}${a[4]}`;
      const sum = Math.round((Number(a[1]) + Number(b[1])) * 100) / 100;
      return {
        lines: [`加起来：${a[1]}${a[2] ?? ""} + ${b[1]}${b[2] ?? ""} = ${sum} ${more}${unit}${more ? "（原文是约数，合起来也是约数）" : ""}`],
        used: [fact],
      };
    }
  }
  if (parts.length === 0 || parts.some((p) => p.wan !== parts[0]!.wan)) return none;
  const planned = asksSaved ? entry.facts.find((f) => budget.test(f.text) && amountOf(f)?.wan === parts[0]!.wan) : undefined;
  // One part is worth computing only against the budget ("装修钱比预算少了多少").
  if (parts.length < 2 && !planned) return none;
  const unit = parts[0]!.wan ? "万元" : "元";
  const sum = Math.round(parts.reduce((total, p) => total + p.value, 0) * 100) / 100;
  const lines = parts.length > 1 ? [`加起来：${parts.map((p) => `${p.value}`).join(" + ")} = ${sum} ${unit}`] : [];
  const used = parts.map((p) => p.fact);
  if (planned) {
    const value = amountOf(planned)!.value;
    if (value > sum) lines.push(`比原来的预算少花：${value} − ${sum} = ${Math.round((value - sum) * 100) / 100} ${unit}`);
    used.push(planned);
  }
  return { lines, used };
}

const PRICE_ASKED = /多少钱|要多少|花多少|值多少|得多少|几个钱|合多少/;

/**
 * "一吨半优质煤按市场价多少钱": the villager's quantity times a price per unit the entry states, with the
 * formula. A quantity of exactly one unit only restates the price.
 */
export function reckonPrice(facts: readonly Fact[], question: string): { lines: string[]; used: Fact[] } {
  // "优质煤一吨1360是吧 ⏎ 三吨呢": a quantity asked after a price is that quantity's price.
  const quantityAgain =
    /(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*(?:吨|公斤|斤)(?:半)?(?:的话)?呢\s*[?？]?$/.test(question.trim()) &&
    /多少钱|价|\d\s*(?:元|块)|(?:一|每)(?:吨|斤|公斤)\s*\d/.test(question);
  // "一吨1360对吧 俺家要买两吨": the price confirmed, and what the quantity to buy comes to.
  const buying = readClaim(question)?.kind === "price" && /买|要烧|得烧/.test(question);
  if (!PRICE_ASKED.test(question) && !quantityAgain && !buying) return { lines: [], used: [] };
  // The last quantity said ("800公斤好煤多少钱 … 300斤呢" read together): a follow-up's own comes after the thread's.
  // "一吨" is the unit of a price, not an amount.
  const quantities = [...question.matchAll(/(\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+)\s*(吨|公斤|斤|亩)(半)?/g)].map((m) => ({
    m,
    amount: (parseNumber(m[1]!) ?? Number.NaN) + (m[3] ? 0.5 : 0),
  }));
  // Nor is either side of a conversion ("1.3公斤顶1公斤煤").
  const inConversion = (m: RegExpExecArray | RegExpMatchArray) =>
    /^(?:的)?(?:秸秆|生物质)?(?:压块|燃料块|块|燃料)?(?:能)?(?:顶|相当于|抵|换|折)/.test(question.slice(m.index! + m[0].length)) ||
    /(?:顶|相当于|抵|换|折)\s*$/.test(question.slice(0, m.index));
  const last = quantities.filter((q) => q.amount > 0 && q.amount !== 1 && !inConversion(q.m)).at(-1);
  if (!last) return { lines: [], used: [] };
  const { m: asked, amount } = last;
  const unit = asked[2]!;
  // "秸秆压成块3.9吨…值多少钱": briquettes are not coal. Priced as coal only through the ratio the villager
  // gives ("1.3公斤顶1公斤煤"); without one, nothing is multiplied on a guess.
  const around = question.slice(Math.max(0, asked.index - 6), asked.index + asked[0].length + 4);
  // "压好的燃料块一吨多少钱 ⏎ 两吨呢": the thread is about briquettes, whatever is said beside the quantity.
  // ("一千三百六十块是吧 那半吨": 块 after a number is money, not briquettes.)
  const briquettes =
    (/秸秆|压块|(?<![\d一二两三四五六七八九十百千万])块|燃料/.test(around) && !/煤/.test(around)) ||
    (/燃料块|压块|压好的块/.test(question) && !/煤/.test(question));
  const ratio = briquettes ? /(\d+(?:\.\d+)?)\s*(?:公斤|斤|千克)[^，,。？?]{0,6}?(?:顶|相当于|抵|换)\s*(?:1|一)\s*(?:公斤|斤|千克)/.exec(question) : null;
  if (briquettes && !ratio) return { lines: [], used: [] };
  for (const fact of facts) {
    const price = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*元\\s*/\\s*${unit}`).exec(fact.text);
    // "800公斤好煤…多少钱" against a price per tonne: the weight is turned into tonnes first, shown.
    const share = unit === "吨" ? undefined : WEIGHT_UNITS[unit];
    const perTon = !price && !ratio && share ? /(\d+(?:\.\d+)?)\s*元\s*\/\s*吨/.exec(fact.text) : null;
    if (perTon) {
      const each = Number(perTon[1]);
      const tons = amount * share!;
      return {
        // The tonnes exact (0.15, not 0.2): the product below is worked out from them.
        lines: [
          `${fmt(amount)} ${unit} = ${fmt(amount)} ÷ ${Math.round(1 / share!)} = ${exactly(tons)} 吨；按 ${each} 元/吨算：${exactly(tons)} × ${each} = ${fmt(tons * each)} 元`,
        ],
        used: [fact],
      };
    }
    if (!price) continue;
    const each = Number(price[1]);
    if (ratio) {
      const r = Number(ratio[1]);
      const coal = amount / r;
      return {
        lines: [
          `按 ${fmt(r)} 份压块顶 1 份煤：${fmt(amount)} ${unit} ÷ ${fmt(r)} = ${fmt(coal)} ${unit}煤；按 ${each} 元/${unit}算：${fmt(coal)} × ${each} = ${fmt(coal * each)} 元`,
        ],
        used: [fact],
      };
    }
    return { lines: [`按 ${each} 元/${unit}算：${fmt(amount)} ${unit} × ${each} = ${fmt(amount * each)} 元`], used: [fact] };
  }
  return { lines: [], used: [] };
}
