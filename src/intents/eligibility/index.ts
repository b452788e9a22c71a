// Eligibility questions: a short dialogue that asks only for missing facts, then answers from data/eligibility.
// Generic questions about a programme ("三级贫困残疾人每年救助多少？") get the knowledge base's answer instead.
import { absentProgramme } from "../../core/absent.ts";
import { answerPolicyQuestion, toTurnResult, withdrawClarify } from "../policy/index.ts";
import { DROPPED_HOME, SOME_OF_THEM } from "../../core/tally.ts";
import {
  asksOtherPlace,
  composeAnswer,
  CONTACT_ASKED,
  type FigureQuestion,
  ONE_OF_THEM,
  OWN_GROUP,
  readFigureQuestion,
  REGRADED,
  roughCountAsk,
  setsGradeAmounts,
  withAlternatives,
} from "../policy/answer.ts";
import { CONFIDENCE } from "../../knowledge/hits.ts";
import { reply } from "../../core/message.ts";
import { payloadText } from "../../core/payload.ts";
import { maskPersonalData } from "../../core/privacy.ts";
import { HEARSAY, readClaim, readStatedClaim } from "../../core/claim.ts";
import { ratioSaid } from "../policy/misread.ts";
import { foldText } from "../../text/fold.ts";
import { roughCountIn, settleRoughCount } from "../../text/numbers.ts";
import type { IntentHandler, Services, TurnContext, TurnResult } from "../../core/turn.ts";
import { answerWithLlm } from "../../core/llm-turn.ts";
import type { SearchHit } from "../../knowledge/search.ts";
import type { Dialogue } from "../../core/dialogue.ts";
import {
  continueDialogue,
  detectTopic,
  DialogueStateSchema,
  focusOf,
  evaluateProgramme,
  extractFacts as extractFactsUncached,
  readHousehold,
  isCounted,
  readReckoning,
  readProgrammeGroups,
  renderProgrammeGroups,
  isPersonal,
  startDialogue,
  type DialogueState,
  type EligibilityRules,
  type Step,
} from "../../eligibility/index.ts";
import { asksForAll, DIED, ONLY_ONE, outsideHousehold, saysNothingElse, sumsEverything } from "../../eligibility/dialogue.ts";
import { readPartsTally, tellsPart } from "../../core/parts.ts";

/** The screener's answer, or a question it asks on the way there. */
export type EligibilityAnswerKind = "answer" | "dialogue";
declare module "../../core/answer-kind.ts" {
  interface AnswerKinds extends Record<EligibilityAnswerKind, true> {}
}

/** A dialogue left alone this long is forgotten; the next message starts afresh. */
export const DIALOGUE_IDLE_MS = 30 * 60 * 1000;

/** The rules of the turn's data snapshot; without data/eligibility the assistant answers from the knowledge base. */
function rulesFor(ctx: Pick<TurnContext, "snapshot">): EligibilityRules | undefined {
  return ctx.snapshot.eligibility;
}

/** The answer with the exact count asked for ("两三个"), when the search's reading of the message lost the range. */
async function askingExactly(answer: TurnResult | Promise<TurnResult>, said: string): Promise<TurnResult> {
  const result = await answer;
  const ask = roughCountAsk(said);
  const last = result.replies.at(-1);
  if (!last || last.text.includes(ask)) return result;
  return { ...result, replies: [...result.replies.slice(0, -1), { ...last, text: `${last.text}\n${ask}` }] };
}

function policyFallback(ctx: TurnContext): TurnResult | Promise<TurnResult> {
  // With an LLM configured, the model writes the knowledge base's answer (grounded, offline fallback).
  const llm = ctx.services.llm;
  if (llm) return answerWithLlm(llm, ctx, answerPolicyQuestion).then((result) => ({ ...result, intent: "eligibility" as const }));
  return { ...answerPolicyQuestion(ctx), intent: "eligibility" };
}

/** The knowledge base's answer to `asked` in place of the message as read (as the turn's follow-up, when it is one). */
function policyOn(ctx: TurnContext, asked: string, followsUp: boolean): TurnResult | Promise<TurnResult> {
  const query = ctx.kb.index.analyze(asked);
  return policyFallback({ ...ctx, ...(followsUp ? { followsUp: asked } : {}), query, hits: ctx.kb.index.search(query, 5) });
}

/**
 * A tally by grade ("三级贫困6个，还有2个三级的不是贫困户") that the search is unsure of: rather than asking which
 * entry, the one close behind that sets an amount for each grade counted answers it.
 */
async function tallyAnswer(ctx: TurnContext, groups: FigureQuestion["gradeCounts"]): Promise<TurnResult> {
  // One group changed since it was said ("8个 漏了俩 二级还有俩") is a tally too.
  // ("俺村三级贫困的 前街4个": one group of a grade, counted by parts of the village, is a tally too.)
  if (!groups || (groups.length < 2 && !groups.some((g) => g.from !== undefined || g.tally !== undefined))) return policyFallback(ctx);
  return gradedAnswer(
    ctx,
    [...new Set(groups.flatMap((g) => g.grades))].filter((g) => g !== 4),
  );
}

/** The groups by grade a question counts; "俺村三级贫困的 前街4个 后街3个": one grade's people counted by parts of the village. */
function groupsOf(figure: FigureQuestion | undefined): FigureQuestion["gradeCounts"] {
  if (figure?.gradeCounts) return figure.gradeCounts;
  return figure?.tally && figure.persons && figure.grades && figure.grades.length > 0
    ? [{ grades: figure.grades, count: figure.persons, tally: figure.tally }]
    : undefined;
}

/** The knowledge base's answer, from the entry close behind that sets an amount for each of these grades if the search is unsure. */
async function gradedAnswer(ctx: TurnContext, paid: readonly number[]): Promise<TurnResult> {
  const answer = await policyFallback(ctx);
  const hit = ctx.hits.slice(0, 3).find((h) => setsGradeAmounts(h.entry, paid));
  // Only an unsure search (a menu) or an overview without amounts of its own ("惠残项目一览") gives way: a
  // programme the question names (老年补助, 托养, 一户多残) answers with its own amounts, never the relief's.
  const answered = answer.answerKind === "clarify" ? undefined : ctx.kb.byId.get(answer.answerIds?.[0] ?? "");
  const ownAmounts = answered?.facts.some((f) => /\d[\d.]*\s*万?元/.test(f.text));
  if (
    !hit ||
    (answered && (ownAmounts || setsGradeAmounts(answered, paid))) ||
    (answered && answer.answerKind !== "answer" && answer.answerKind !== "needs_review")
  )
    return answer;
  if (answer.answerKind === "clarify") withdrawClarify(ctx);
  return { ...toTurnResult(composeAnswer(ctx.kb.index, ctx.query, [{ ...hit, coverage: Math.max(hit.coverage, CONFIDENCE.answer) }])), intent: "eligibility" };
}

const ELIGIBILITY_DIALOGUE = "eligibility";

function save(ctx: TurnContext, state: DialogueState | null): void {
  if (!state) {
    ctx.dialogue.end(ELIGIBILITY_DIALOGUE);
    return;
  }
  // A calculator started after a household's screening keeps the screening, to come back to.
  const before = DialogueStateSchema.safeParse(ctx.dialogue.stateOf(ELIGIBILITY_DIALOGUE));
  const { earlier: _, ...finished } = before.success ? before.data : ({} as Partial<DialogueState>);
  const earlier =
    state.topic === "benefits" ? undefined : finished.topic === "benefits" && finished.step === "done" ? (finished as DialogueState) : before.data?.earlier;
  ctx.dialogue.start(ELIGIBILITY_DIALOGUE, earlier ? { ...state, earlier } : state);
}

function toResult(ctx: TurnContext, step: Step): TurnResult {
  save(ctx, step.state);
  const { text, quickReplies, citations } = step.reply;
  return {
    intent: "eligibility",
    confidence: Math.max(ctx.classification.confidence, 0.5),
    replies: [reply(text, { quickReplies, citations })],
    answerKind: step.state?.step === "done" ? "answer" : "dialogue",
    answerIds: citations.map((c) => c.id),
  };
}

/** The text the villager's words are read from: a tapped button's payload, folded to Simplified. */
function readable(ctx: TurnContext): string {
  return ctx.kb.index.spell(payloadText(ctx.message.payload) ?? ctx.followsUp ?? ctx.text);
}

/** Facts from this villager's finished dialogue on the same topic, so they are not asked twice. */
function knownFacts(ctx: TurnContext, topic: DialogueState["topic"]): DialogueState["facts"] {
  const parsed = DialogueStateSchema.safeParse(ctx.dialogue.stateOf(ELIGIBILITY_DIALOGUE));
  return parsed.success && parsed.data.topic === topic && parsed.data.step === "done" ? parsed.data.facts : {};
}

export function handleEligibility(ctx: TurnContext): TurnResult | Promise<TurnResult> {
  const rules = rulesFor(ctx);
  if (!rules) return policyFallback(ctx);
  let text = readable(ctx);
  // "高龄津贴每月多少": a programme the knowledge base has no word for is answered honestly by the policy
  // side (no figure), never screened for the disability programmes' figures.
  if (absentProgramme(ctx.kb.index, ctx.query)) return policyFallback(ctx);
  // "俺是隔壁县的 三级贫困残疾 俺们那个县一年给多少": this county's programmes are not theirs to be screened for.
  if (asksOtherPlace(text)) return policyFallback(ctx);
  // "一组 一级贫困2个 ⏎ 二组 二级贫困1个…": a village's people told part by part, reckoned by the knowledge base.
  // (Not a household of one's own asked after it: "俺爹也是三级 贫困户 他一年能领多少".)
  if (readPartsTally(foldText(text)) && readHousehold(foldText(ctx.text)).people.every(isCounted) && !/[俺我咱他她](?:自己|自个)?家/.test(ctx.text))
    return policyFallback(ctx);
  // "家里不困难，能免费做复明手术吗", "就我爷爷一个是残疾的，一户多残有份不": the programme asked about,
  // against what the villager said of themselves. Refused plainly when what they said rules it out.
  const refused = refusal(ctx, rules, text);
  if (refused) return refused;
  // "家里两三个三级残疾的 一年总共多少": a rough count is asked for exactly (the policy side shows the amounts and
  // asks), never screened as that many people.
  // ("两三个 ⏎ 三个": the exact count said after stands in its place.)
  text = settleRoughCount(text);
  const rough = roughCountIn(text);
  if (rough) return askingExactly(policyFallback(ctx), rough[0]);
  // "贫困残疾人那个救助是哪个单位管的，俺上哪问去": whom to ask, no amount and nobody's grade: the entry's office
  // answers; screening would ask questions the villager did not come with.
  if (
    CONTACT_ASKED.test(text) &&
    !/多少|几个钱|能领|能拿|够不够|行不行|符合/.test(text) &&
    extractFacts(rules, text).facts.disability_grade === undefined &&
    readHousehold(text).people.every((p) => p.grade === undefined && !p.severe)
  )
    return policyFallback(ctx);
  // "村里五户一户多残 还有8个重度残疾人要代缴养老费 一年一共多少": each programme's count at its amount, summed.
  // Told without a question ("…4户一户多残 还有6个贫困老年残疾人"), the tally so far is what is wanted.
  const groups = readProgrammeGroups(rules, text, ctx.now);
  // An answer in full: a follow-up ("三年呢", "还有…") is read with it.
  if (groups) return { ...toResult(ctx, { state: null, reply: renderProgrammeGroups(rules, groups, readReckoning(text)) }), answerKind: "answer" };
  // "俺村有8户一户多残家庭", "村里15个人领老年补助": the village's count times the amount is arithmetic
  // on the programme's figure, not a household to screen.
  // "咱县贫困老年残疾人1479人，每人每月50": a count of people beside a per-person amount is the same arithmetic.
  // "村里60个残疾人 俺爹是其中一个 他二级": one person of the village is asked about, not the village.
  // Only a message counting people or households can be a village's (most are not: no household read for them).
  // ("村里二十户 每户一冬烧两吨优质煤": a calculator's own quantities, a village's too, are reckoned below.)
  const calculator = detectTopic(rules, text);
  // "俺家3亩地 想流转给威啤那边 流转了地种啥": what the land is used for is asked, not what it pays.
  if (calculator === "land" && /种(?:啥|什么|的啥|的是啥|的什么|些啥)|干啥用|做什么用|拿去干啥/.test(text) && !/多少|挣|收入|租金|钱|划算|合算/.test(text))
    return policyFallback(ctx);
  // (Coal or land with a count of households is never a disability programme's tally, even when its own
  // quantities cannot be reckoned yet: "二十户 每户一个月烧半吨煤".)
  // (Not a figure heard of the township's work, "听说三家庄那几个村流转了600亩地", which the knowledge base checks.)
  const reckons =
    (calculator === "land" || calculator === "biomass") &&
    !/听说|听人说|人家说|都说|据说/.test(text) &&
    (hasOwnQuantities(rules, text) || extractFacts(rules, text).invalid.length > 0);
  const counts = /(?:\d+|[两二三四五六七八九十百]+)\s*(?:个|人|户|名|位|家)/.test(text) && !reckons;
  const onePerson =
    counts &&
    (ONE_OF_THEM.test(text) || readHousehold(text).people.some((p) => !isCounted(p) && p.label !== "您" && p.label !== PRONOUN_LABEL && p.grade !== undefined));
  // The village's count is not the household's: screened without it.
  if (onePerson)
    text = text.replace(
      /(?:村里|全村|组里|全组|[俺我咱](?:们)?(?:村|组))[^，,。；\s]{0,6}?(?:\d+|[一两二三四五六七八九十百]+)\s*(?:个|人|名|位)[^，,。；\s]{0,6}/g,
      "，",
    );
  // "村里…10个 三级的8个 又多了2个一级的": a village's people are never screened as one household, even when
  // the arithmetic cannot be done; the policy side shows the amounts and reckons only what is certain.
  if (!onePerson && !reckons && VILLAGE.test(text) && /(?:\d+|[两二三四五六七八九十]+)\s*(?:个|人|户|名|位)/.test(text))
    return tallyAnswer(ctx, groupsOf(readFigureQuestion(text, ctx.kb.index.places)));
  const figure = readFigureQuestion(text, ctx.kb.index.places);
  if (
    !onePerson &&
    !reckons &&
    (/(?:村|组|屯|庄)(?:里|上)?(?:有|一共|总共|共)?\s*(?:\d+|[两二三四五六七八九十百]+)来?\s*(?:个人|户|个|人|家)/.test(text) ||
      /按\s*(?:\d+|[两二三四五六七八九十百]+)\s*(?:个人|个|人|户|家)\s*算/.test(text) ||
      /(?:县|镇|乡|市)[^，,。？?]{0,12}?\d{2,}\s*(?:个人|人|户|名)[^。？?]{0,4}每(?:人|户)/.test(text) ||
      (figure?.households ?? 0) > 1 ||
      // "俺村三级贫困残疾12人": a village's people, counted.
      // "前街4个 后街3个 三级贫困残疾人": counted by parts of a village.
      ((figure?.persons ?? 0) > 1 && (/村|组|屯/.test(text) || figure?.tally?.includes(" + ") === true) && !HOUSEHOLD_WORDS.test(text)) ||
      // "俺们村一二级的贫困残疾人10个 三级的8个": people counted grade by grade are a group's arithmetic, unless
      // they are a household's ("家里一个二级一个三级": the screener reckons each person).
      ((figure?.gradeCounts?.length ?? 0) >= 2 && (/村|组|屯|全县|全镇|全乡/.test(text) || !HOUSEHOLD_WORDS.test(text))) ||
      // "我是村会计，想算算去年全县一二级贫困残疾人救助了多少人": the county's count, whoever asks.
      /全(?:县|市|镇|乡)[^，,。？?]{0,16}(?:多少|几多|几)(?:个)?(?:人|户|名|位)/.test(text))
  )
    return tallyAnswer(ctx, groupsOf(figure));
  // "俺是村文书，一二级的比去年多了85人，三级的多了177人": a cadre speaking of groups, no relative named.
  if (CADRE.test(text) && readHousehold(text).people.every((p) => p.label === "您" || p.label.startsWith("第"))) return policyFallback(ctx);
  // "帮俺算算村里重度残疾人的养老代缴": the village's people (counted in the messages to come), nobody of the
  // villager's own household: the programme's answer, never a screening of the villager.
  // ("俺是镇上的 统计三级贫困残疾人": people tallied are a village's or a township's too.)
  // ("俺是镇上的 统计三级贫困残疾人": people tallied are a village's or a township's too; what is said before the
  // word of tallying is who tallies.)
  const tallied = TALLYING.exec(text);
  const spokenOf = tallied ? text.slice(tallied.index) : text;
  // (A grade said with nobody named, "统计三级贫困残疾人", names the group tallied, not the villager.)
  const nobodyOwn = tallied
    ? !/[俺我咱]/.test(spokenOf) && readHousehold(spokenOf).people.every((p) => p.label === "您" || isCounted(p))
    : readHousehold(text).people.length === 0;
  // (The township's villages may be named 于家英, 郝家庄: no 家 of a household.)
  const unplaced = ctx.kb.index.places.reduce((t, place) => t.split(place).join("，"), spokenOf);
  if ((VILLAGE_PEOPLE.test(text) || (tallied && /残疾/.test(spokenOf))) && !HOUSEHOLD_WORDS.test(unplaced) && nobodyOwn) return policyFallback(ctx);
  // "俺村里一二级的跟三级的都有 一年各给多少": each grade's amount asked of a group, nobody's own grade.
  if (
    /各(?:给|领|发|是|补|能领|能拿)?多少|分别(?:是|给|领)?多少/.test(text) &&
    (text.match(/[一二三四1-4]级/g)?.length ?? 0) >= 2 &&
    readHousehold(text).people.every((p) => isCounted(p) || p.label === "您") &&
    !/[俺我咱](?:是|也是)?[一二三四1-4]级/.test(text)
  )
    return policyFallback(ctx);
  // "凭啥三级的一年才400 一二级就800 这个标准咋定的": the standards of two grades quoted against each other, nobody's
  // own: a question about the programme.
  const quoted = [...text.matchAll(/([一二三四1-4]+)级的?[^，,。？?\d级]{0,6}?(\d{3,4})/g)].map((m) => m[1]);
  if (
    new Set(quoted).size >= 2 &&
    readHousehold(text).people.every((p) => isCounted(p) || p.label === "您") &&
    !/[俺我咱](?:是|也是)?[一二三四1-4]级/.test(text)
  )
    return policyFallback(ctx);
  // "我是村干部…一二级贫困残疾救助一个月合多少": a range of grades names a group; no one's grade is said.
  if (/[一二三四1-4][、到至]?[一二三四1-4]级/.test(text) && extractFacts(rules, text).facts.disability_grade === undefined) return policyFallback(ctx);
  // "俺娘原来三级，今年评成二级了，一年比原来多拿多少": the two grades' amounts compared, not a screening.
  const compared = REGRADED.test(text) ? readFigureQuestion(text, ctx.kb.index.places)?.compare : undefined;
  if (compared) return gradedAnswer(ctx, [...compared.greater, ...compared.lesser]);
  // "俺不是残疾人，养老保险交多少", "俺爹不残疾": the disability programmes are not about this person.
  if (NOT_DISABLED.test(text) && !/[一二三四1-4]\s*级|重度/.test(text)) return policyFallback(ctx);
  // "俺家贫困户", "我家不是贫困户": a household's standing told before anything is asked. The screener keeps it
  // and asks what it needs next, so the people told in the next messages are reckoned with it.
  // "俺爹一级 前年走了", told first: nobody to screen; the one gone is not counted, and the rest are asked for.
  const told = readHousehold(foldText(ctx.text)).people;
  if (
    !ctx.followsUp &&
    told.length === 1 &&
    told[0]!.label !== "您" &&
    DIED.test(ctx.text) &&
    !QUESTION_WORDS.test(ctx.text) &&
    // (Only that: "俺爹去年走了 现在就剩俺一个残疾的" tells of the household left, which the screening takes.)
    !/剩|还有|现在|就|只|其他|别的|一户多残|[俺我咱]一个/.test(ctx.text) &&
    foldText(ctx.text).replace(/\s/g, "").length <= 12
  )
    return {
      intent: "eligibility",
      answerKind: "answer",
      replies: [
        reply(`请节哀。好的，${told[0]!.label}已经不在了，就不算${told[0]!.label}了。家里还有别的残疾人的话，告诉我是谁、几级、是不是贫困户，我帮您算。`),
      ],
    };
  const standing = tellsOnlyStanding(ctx, rules, text);
  // ("…一年救助各多少？另外俺家秸秆多想压成块，去哪压": the topic is the main question's; what follows 另外 is
  // answered beside it.)
  const topic = standing || ageToldAlone(rules, text) ? "benefits" : detectTopic(rules, text.slice(0, besideAt(text)));
  // "俺家是低保贫困户" names 低保 only to say where the household stands: it is screened, not told about 低保.
  // "俺娘今年65": a relative's age told alone begins the household's screening.
  if ((standing || ageToldAlone(rules, text)) && topic === "benefits")
    return toResult(ctx, startDialogue(rules, topic, text, maskPersonalData(ctx.text), ctx.now, knownFacts(ctx, topic), text));
  // Only a villager describing their own situation is asked questions; "三级残疾一年多少钱" is a policy question.
  // Numbers of their own to compute with ("3吨压块", "租金一年0.2万") are worth computing whoever they concern.
  // "全县救助了4281人 俺没记错吧": a count put to confirm is the knowledge base's, never a screening.
  // "一吨1360对吧": the entry's price put to confirm, not the villager's own price to reckon with.
  // ("俺听说…县里发给了1749个人", "听人讲那314万是每个残疾人都能分": a figure heard is put to confirm, whatever it is.)
  const claimed = readClaim(text)?.kind;
  // (Not beside a household described: "听说三级的一年800 俺家俩三级 那就是一千六吧" is theirs to reckon.)
  const heard = HEARSAY.test(text) && readStatedClaim(text) !== undefined && !readHousehold(text).people.some((p) => p.grade !== undefined || p.severe);
  if (claimed === "count" || claimed === "price" || heard) return policyFallback(ctx);
  // "2公斤秸秆压块才顶1公斤煤": a ratio said of the fuel is the entry's to confirm, no quantity to reckon with.
  if (ratioSaid(text)) return policyFallback(ctx);
  const household = readHousehold(text);
  // People of whom something is said (a grade, 重度, 残疾, 老年); "俺爹俺娘俩人" alone is a count for arithmetic.
  const described = household.people.filter((p) => p.grade !== undefined || p.severe || p.certified || p.elderly);
  // "五个三级贫困残疾人一年多少": people only counted, nobody's own ("俺家"), are a group to reckon, not a household.
  // (Not "一家三口", "老两口", "三个孩子": a household said by its size.)
  const onlyCounted = described.length > 0 && described.every(isCounted) && !isPersonal(rules, text) && !/[家户口]|孩子|娃|俩|仨/.test(text);
  const speaksOfPeople = (described.length >= 2 || described.some((p) => p.severe)) && !onlyCounted;
  // "老年残疾人补助每月多少 ⏎ 俺爹俺娘俩人 一年一共呢": people of whom nothing is said, counted for a sum of
  // the programme asked about, are arithmetic on its amount.
  // ("老年残疾人补助一个月多少 ⏎ 说回补助 俺家俩老的一年一共多少": said to be old, for the old people's allowance, is
  // nothing beyond what the programme asks.)
  const onlyOld =
    described.every((p) => p.grade === undefined && !p.severe && !p.certified) && focusOf(rules, text).every((id) => id === "elderly-disabled-allowance");
  if (
    household.people.length >= 2 &&
    (described.length === 0 || onlyOld) &&
    /一共|总共|加起来|合计|俩人|两人|几个人|[俩仨]呢/.test(text) &&
    focusOf(rules, text).length > 0
  )
    return policyFallback(ctx);
  // "俺爹领老年残疾补助金": someone said to receive one programme, nothing asked, no grade: what it pays, not a
  // screening of whether they may (they do).
  if (
    focusOf(rules, text).length === 1 &&
    household.people.length === 1 &&
    household.people[0]!.grade === undefined &&
    !household.people[0]!.severe &&
    // (Not someone described, "俺爷是贫困老年残疾人 领补助金", whom the messages to come may join.)
    !/是|想问|问问|打听|了解/.test(text) &&
    extractFacts(rules, text).facts.disability_grade === undefined &&
    /(?<![能可以想要该去会])(?:在|一直|每月|每个月)?领(?:着|了)?(?!不|没|取|过|吗)/.test(text) &&
    !/[?？吗呢]|多少|能不能|可不可以|够不够|行不行|几/.test(text)
  )
    return policyFallback(ctx);
  // "再说回一户多残 俺家补两年是多少": a household's allowance over years, nobody described: the amount over them.
  const ownWords = foldText(ctx.text);
  if (
    described.length === 0 &&
    household.people.length === 0 &&
    readReckoning(ownWords).years !== undefined &&
    focusOf(rules, ownWords).length > 0 &&
    focusOf(rules, ownWords).every((id) => rules.programmes.programmes.find((p) => p.id === id)?.benefit.per === "household")
  )
    return policyFallback(ctx);
  // "贫困老年残疾人补助金，俺娘两年一共能领多少", "三级的救助俺领了4年了…一共是多少": one programme named, for one
  // person, over years: its amount over them (said to hold only if they qualify), not a screening.
  if (
    readReckoning(ownWords).years !== undefined &&
    // (Or a relief already received, named by its kind: "三级的救助俺领了4年了".)
    (focusOf(rules, text).length === 1 || (focusOf(rules, text).length === 0 && RECEIVING.test(text) && /救助|补助|补贴/.test(text))) &&
    household.people.length <= 1 &&
    // (Someone described, "俺三级贫困…这半年救助能拿多少", is screened: the screener reckons their span; unless
    // they say they receive it already.)
    (described.length === 0 || (described.length === 1 && RECEIVING.test(text))) &&
    !sumsEverything(text, focusOf(rules, text), false) &&
    !/加起来|加上|都算|两样|几样/.test(text)
  )
    return policyFallback(ctx);
  // "俺爹领老年残疾人生活补助 一年能领多少": one already receiving one programme asks its amount; nothing to screen.
  if (
    RECEIVING.test(text) &&
    focusOf(rules, text).length === 1 &&
    household.people.length <= 1 &&
    extractFacts(rules, text).facts.disability_grade === undefined &&
    AMOUNT_ASK.test(text) &&
    !/加起来|加上|都算|两样|几样|还能/.test(text)
  )
    return policyFallback(ctx);
  // "俺爹俺娘都够格，一年一共多少": they qualify; the programme's amount times them is arithmetic.
  // Not when two of the summed programmes are named ("一户多残…又是贫困老年残疾人，假如都能领"): only the
  // screener adds programmes up.
  if (
    QUALIFIES.test(text) &&
    extractFacts(rules, text).facts.disability_grade === undefined &&
    focusOf(rules, text).filter((id) => SUMMED_PROGRAMMES.has(id)).length < 2
  ) {
    // ("每个人条件都符合" says they qualify; it asks nothing about the conditions.)
    return policyOn(ctx, (ctx.followsUp ?? ctx.text).replace(QUALIFYING_CONDITIONS, ""), false);
  }
  // "要是不是贫困户呢" after a question: a hypothetical about the asker is as good as their own facts.
  // ("要是两个人呢" supposes a count, not a fact of anyone: the question before, for two.)
  const hypothetical = SUPPOSING.test(foldText(ctx.text).trim()) && tellsFacts(rules, foldText(ctx.text));
  if (!topic || topic === "outside" || (!isPersonal(rules, text) && !hypothetical && !speaksOfPeople && !hasOwnQuantities(rules, text)))
    return policyFallback(ctx);
  // "土地流转能入股吗", "秸秆压块划算不": no numbers to compute with. The knowledge base answers at once,
  // and the calculator waits for the villager's numbers.
  if ((topic === "land" || topic === "biomass") && !hasOwnQuantities(rules, text) && !hasAnyQuantity(rules, text))
    return answerThenOfferCalculator(ctx, rules, topic, text);
  // "优质煤一千三百六一吨 那半吨多少钱": the price of some coal, no coal burnt: the entry's price times it.
  if (topic === "biomass" && COAL_PRICED.test(text) && !OWN_QUANTITIES.some((id) => extractFacts(rules, text).facts[id] !== undefined))
    return policyFallback(ctx);
  // A programme named outright whose answer needs no sum ("燃油补贴", "托养", "法律援助"): the knowledge
  // base says everything the seed knows about it, including totals, at once.
  // "老年残疾人补助每月50，俺爹俺娘俩人一年共多少": the villager gives the figure and asks for arithmetic on
  // it; the knowledge base's arithmetic shows it against the source, without screening anybody.
  // "我们家一户多残一年1680 折合每个季度多少": the amount the villager gives, turned into another span, whatever
  // else they say of the household.
  const turning = /折合|折成|合每|合一|换成|换算|季度/.test(text) && !/一共|加起来|合计|总共/.test(text);
  if (topic === "benefits" && STATED_AMOUNT.test(text) && (!tellsFacts(rules, text) || turning)) return policyFallback(ctx);
  // "想学门手艺" names the training in the knowledge base's words (技能培训): a service named either way is
  // answered from its entry. The cash programmes are screened only when named in the villager's own words.
  const namedHere = topic === "benefits" ? focusOf(rules, text) : [];
  const said = sumsEverything(text, namedHere, described.length >= 2) ? [] : namedHere;
  // "…领不上老年残疾补助，到底啥条件": the programme's conditions are asked; its entry says who can have it.
  if (said.length === 1 && CONDITIONS_ASKED.test(text) && !gradeOrStanding(rules, text)) return policyFallback(ctx);
  const rewritten = topic === "benefits" ? focusOf(rules, ctx.kb.rewrite(text)).filter((id) => !SUMMED_PROGRAMMES.has(id)) : [];
  const focus = [...new Set([...said, ...rewritten])];
  // "俺爹瘫了好几年 想要个轮椅": the thing wanted names the entry, whatever else the description matches.
  // ("俺爹一级贫困残疾人；俺儿3岁…想装人工耳蜗。俺爹一年救助多少": one's money asked beside another's need: the
  // household's answer, which names the need too.)
  const moneyBeside =
    household.people.filter((p) => p.grade !== undefined || p.severe || p.certified || p.elderly || p.ailing).length >= 2 &&
    (ASKS_CASH.test(text) || /(?:救助|补助|补贴|钱)[^，,。？?]{0,4}多少|多少(?:救助|补助|补贴|钱)/.test(text));
  const gradeSaid = extractFacts(rules, text).facts.disability_grade !== undefined || described.some((p) => p.grade !== undefined);
  // ("俺娘三级残疾贫困户，俺闺女想学月嫂，俺媳妇想贷点款": one member screened, the others' wishes said beside.)
  const othersWish = gradeSaid && household.people.length >= 2 && text.split(/[，,。；;！!？?]/).some((c) => WISH.test(c));
  const wanted = topic === "benefits" && !moneyBeside && !othersWish ? wantedThing(ctx, rules) : undefined;
  if (wanted) return answerNeed(ctx, wanted);
  // "我儿子眼睛看不清（白内障），三级残疾，家里困难，一年能有多少救助": a grade and money by the year asked —
  // the cash programmes are screened, whatever service the description also names.
  const cashForGrade = gradeSaid && ASKS_CASH.test(text) && /救助|补助|补贴|钱/.test(text);
  // ("俺叔是二级残疾，贫困户，还开着机动轮椅车": someone described with a grade, nothing asked, is screened; the
  // screening names the programme their words touch beside what they are paid.)
  const toldOnly = gradeSaid && !QUESTION_WORDS.test(text) && !/想|要|能|找|申请|办|份|[不没](?:有)?\s*$|够不够|行不行|中不中/.test(text);
  if (
    focus.length > 0 &&
    focus.every((id) => !SUMMED_PROGRAMMES.has(id)) &&
    !asksForAll(text, gradeSaid) &&
    !cashForGrade &&
    !toldOnly &&
    !moneyBeside &&
    !othersWish
  ) {
    // Named only in other words: the entry the question leads to answers it, when one clearly does.
    // Named in the villager's own words ("俺是残疾人 找不着活干 县里有培训吗"): its entry, when the search leads
    // to it too, answers however much else the message says.
    const own = ctx.hits[0] && said.some((id) => sameName(rules.programmes.programmes.find((p) => p.id === id)?.name, ctx.hits[0]!.entry.title));
    const need = said.length === 0 ? namedNeed(ctx, rules) : own ? ctx.hits[0] : undefined;
    return need ? answerNeed(ctx, need) : policyFallback(ctx);
  }
  // "老伴截瘫了 想弄个轮椅", "请不起律师", "有训练的地方没": a need the knowledge base names is answered from
  // its entry at once; screening for cash benefits would answer a question the villager did not ask.
  // "一条腿没了…每个月能有点啥贴补不": money is asked for; a free service's entry (假肢) is not the answer.
  // A need whose entry itself is about money ("烧油挺费钱，能贴补点吗" → the fuel subsidy) is still that entry.
  // "俺家娃耳朵听不见 …有没有啥政策能帮帮": an open question, but about a need one entry names far ahead of any other.
  const needFarAhead = () => {
    const [first, second] = ctx.hits;
    // Not when money is what is asked for ("有啥补助"): the screener finds what the person is paid.
    return first !== undefined && (!second || first.score >= second.score * 1.8) && !gradeSaid && !/补助|补贴|救助|钱|领/.test(text);
  };
  const named = topic === "benefits" && focus.length === 0 && !toldOnly && (!OPEN_ASK.test(text) || needFarAhead()) ? namedNeed(ctx, rules) : undefined;
  const need =
    named && (!ASKS_CASH.test(text) || [named.entry.summary, ...named.entry.facts.map((f) => f.text)].some((t) => /\d\s*万?元/.test(t))) ? named : undefined;
  if (need) return answerNeed(ctx, need);
  // Coverage before screening: "家里遭了火灾，临时救助能给多少" shares 救助 with the screener's words but
  // tells nothing it could use and asks about something else; the knowledge base answers (or says it can't).
  if (topic === "benefits" && focus.length === 0 && !speaksOfPeople && !OPEN_ASK.test(text) && !tellsFacts(rules, text)) return policyFallback(ctx);
  // In a follow-up, the people are the ones this message names, not the grades the earlier question named.
  const own = ctx.followsUp ? foldText(payloadText(ctx.message.payload) ?? ctx.text) : text;
  const before = own !== text && text.endsWith(own) ? readHousehold(text.slice(0, text.length - own.length)).people : [];
  // Unless the earlier message named a relative with a grade ("阿嫲二级残疾 ⏎ 阿公三级", "有个重度智力残疾的娃 ⏎
  // 还有俺娘"): both are the household.
  const namedBefore = before.some(
    // ("俺娘七十了 有残疾 领那个老年残疾人补助 ⏎ 俺闺女一级残疾 也贫困": a relative said to be disabled, no grade, too.)
    (p) => p.label !== "您" && !isCounted(p) && (p.grade !== undefined || p.severe || (p.certified === true && p.elderly === true)),
  );
  // Nor when the message counts the villager in with the one it names ("二级贫困残疾 一年多少 ⏎ 还有俺娘三级的 俺俩加一起
  // 多少"): the grade the earlier question gave, nobody named, is then the villager's own.
  const withAsker =
    /[俺我咱](?:们)?俩|[俺我咱]们两个/.test(own) &&
    before.length === 1 &&
    before[0]!.label === "您" &&
    before[0]!.grade !== undefined &&
    // (Only beside a relative named: "我俩都是一级" counts the two anew, each with the grade it says.)
    readHousehold(own).people.every((p) => !isCounted(p) && p.label !== "您");
  // Nor when it opens with 都 ("俺家俩老人 ⏎ 都是三级贫困残疾"): said of the people told before.
  const ofThoseBefore = /^(?:都|全)是/.test(own.trim());
  const householdText =
    own !== text && !namedBefore && !withAsker && !ofThoseBefore && readHousehold(own).people.some((p) => p.grade !== undefined || p.severe) ? own : text;
  const supposed = hypothetical && ctx.followsUp ? (extractFacts(rules, own).facts as DialogueState["facts"]) : {};
  return toResult(ctx, startDialogue(rules, topic, text, maskPersonalData(ctx.text), ctx.now, knownFacts(ctx, topic), householdText, supposed));
}

/** The lowest coverage at which an entry named by a word of the question's own answers a described need. */
const NEED_COVERAGE = 0.15;

/**
 * One message's facts are read by several checks of the same turn: the last reading is kept (a copy is
 * handed out, since callers add to it).
 */
let lastExtraction: { rules: EligibilityRules; text: string; result: ReturnType<typeof extractFactsUncached> } | undefined;
function extractFacts(rules: EligibilityRules, text: string): ReturnType<typeof extractFactsUncached> {
  if (!lastExtraction || lastExtraction.rules !== rules || lastExtraction.text !== text)
    lastExtraction = { rules, text, result: extractFactsUncached(rules, text) };
  const { facts, invalid } = lastExtraction.result;
  return { ...lastExtraction.result, facts: { ...facts }, invalid: [...invalid] };
}

/** A programme's name and an entry's title, quotes aside ("“一户多残”家庭生活补助"). */
const sameName = (a: string | undefined, b: string) => a !== undefined && a.replace(/[“”"]/g, "") === b.replace(/[“”"]/g, "");

/** The knowledge base entries the screener itself answers: the summed cash programmes and overviews. */
function screenerEntry(rules: EligibilityRules, title: string): boolean {
  const plain = title.replace(/[“”"]/g, "");
  return /一览|工作目标|难处/.test(plain) || rules.programmes.programmes.some((p) => SUMMED_PROGRAMMES.has(p.id) && sameName(p.name, plain));
}

/** The entry the question's need names (a rare word of its own matched, nothing salient missed), if not the screener's. */
function namedNeed(ctx: TurnContext, rules: EligibilityRules): SearchHit | undefined {
  const top = ctx.hits[0];
  if (!top || top.coverage < NEED_COVERAGE || screenerEntry(rules, top.entry.title)) return undefined;
  // "俺家三口人都是重度残疾": words that only describe people name no need of their own.
  if (top.matchedWords.every((w) => DESCRIBING.test(w))) return undefined;
  // A word naming something else ("干活") is tolerated only when the entry leads by far.
  const second = ctx.hits[1];
  const farAhead = !second || top.score >= second.score * 2;
  if (!ctx.kb.index.namesTopic(top, true) || (ctx.kb.index.salientMisses(top).length > 0 && !farAhead)) return undefined;
  return top;
}

/** Words that say who someone is, not what they need. */
const DESCRIBING = /^(?:人|重度|残疾|残疾人|贫困|困难|老年|老人|家里|一家|全家)$/;

/** "想要个轮椅", "想配个助听器", "领个新的": the thing asked for, after a verb of wanting (bare 要 only with a measure word). */
const WANTED = /(?:(?:想要|想弄|想装|想配|想换|想领)(?:一)?(?:个|辆|台|副|条|只)?|(?:要|弄|装|配|换|领|发)(?:一)?(?:个|辆|台|副|条|只))([\u4e00-\u9fa5]{2,4})/g;

/**
 * The entry named by the thing the villager wants ("想要个轮椅" → the wheelchairs given out), among the first
 * hits, when it names a topic of its own and is not the screener's: the person's description (瘫了好几年,
 * 下肢残疾) may match other entries better, but it is what they want that they ask about.
 */
function wantedThing(ctx: TurnContext, rules: EligibilityRules): SearchHit | undefined {
  const things = [...ctx.query.text.matchAll(WANTED)].map((m) => m[1]!);
  if (things.length === 0) return undefined;
  const words = ctx.query.words.filter((w) => w.length >= 2 && things.some((t) => t.startsWith(w)));
  if (words.length === 0) return undefined;
  const candidates = ctx.hits
    .slice(0, 4)
    .filter(
      (h) =>
        words.some((w) => h.matchedWords.includes(w)) &&
        ctx.kb.index.namesTopic(h, true) &&
        !screenerEntry(rules, h.entry.title) &&
        !rules.programmes.programmes.some((p) => SUMMED_PROGRAMMES.has(p.id) && p.name.replace(/[“”"]/g, "") === h.entry.title.replace(/[“”"]/g, "")),
    );
  // An entry whose title names the thing itself comes first: "发放轮椅" gives wheelchairs, "机动轮椅车燃油补贴"
  // is about a longer thing that contains the word.
  const namesItself = (h: SearchHit) => {
    const titleWords = ctx.kb.index.analyze(h.entry.title).words;
    return words.some((w) => titleWords.includes(w) && titleWords.every((t) => !t.includes(w) || t === w));
  };
  return candidates.find(namesItself) ?? candidates[0];
}

function answerNeed(ctx: TurnContext, hit: SearchHit): TurnResult {
  const composed = composeAnswer(ctx.kb.index, ctx.query, [{ ...hit, coverage: Math.max(hit.coverage, CONFIDENCE.answer) }]);
  // Entries close behind that also name something asked ("听不见": training for deaf children, or implants) are offered.
  const others = ctx.hits
    .filter((h) => h !== hit)
    .slice(0, 2)
    .filter((h) => h.score >= hit.score * 0.6 && ctx.kb.index.namesTopic(h, true) && !screenerEntry(rulesFor(ctx)!, h.entry.title));
  const answer = toTurnResult(others.length > 0 ? withAlternatives(composed, [hit, ...others]) : composed);
  const first = answer.replies[0];
  if (!first) return { ...answer, intent: "eligibility" };
  return { ...answer, intent: "eligibility", replies: [{ ...first, text: `${first.text}\n想看看家里还能领哪些补助，回复“还能领什么”。` }] };
}

/** The programmes the question names, when every one is ruled out by the facts the villager gave. */
function refusal(ctx: TurnContext, rules: EligibilityRules, text: string): TurnResult | undefined {
  // "要是不能，我能拿啥" asks for the rest too: the screening answers both ("能领不" asks only about this one).
  if (/(?:还|别的|其他|另外)[^，,。？?]{0,6}(?:补助|补贴|能领|能拿|钱)|能拿啥|能领啥|能领什么|能拿什么|领哪些|有啥补助|有什么补助/.test(text)) return undefined;
  // "那要是评上贫困户了呢": a supposition after the refusal is screened as supposed, not refused again.
  if (ctx.followsUp && SUPPOSING.test(foldText(ctx.text).trim())) return undefined;
  const focus = focusOf(rules, text);
  // The programme must be the one the knowledge base also finds ("普通农民养老保险" is not the disabled
  // people's contribution, though both say 养老保险).
  const top = ctx.hits[0]?.entry.title.replace(/[“”"]/g, "");
  if (focus.length === 0 || !top || !rules.programmes.programmes.some((p) => focus.includes(p.id) && sameName(p.name, top))) return undefined;
  // A household of several described members is summed person by person, not refused as one.
  // (So is one whose poverty is said person by person: "我爸一级 是贫困户 我自己二级 分户单过 不是贫困户".)
  const household = readHousehold(text);
  if (household.people.filter((p) => p.grade !== undefined || p.severe).length >= 2) return undefined;
  // ("俺爷俺奶都是…老年残疾人 俺娘…才四十五岁": whose age rules them out is said person by person.)
  if (household.people.filter((p) => p.elderly !== undefined).length >= 2) return undefined;
  if (household.people.some((p) => p.poor === true) && household.people.length + (household.gone?.length ?? 0) >= 2) return undefined;
  // "我们组贫困老年残疾人3个 还有2个不是贫困户": a village's people counted; those not poor are left out, not everyone.
  if (VILLAGE.test(text) && /(?:\d+|[两二三四五六七八九十]+)\s*(?:个|人|户|名|位)/.test(text)) return undefined;
  // "前街那4个里头有1个不是贫困户": some of a group counted, the rest still reckoned.
  if (SOME_OF_THEM.test(text)) return undefined;
  // "三家都是一户多残 ⏎ 不对，俺弟家就一个残疾人": several households counted, one of them left out.
  // ("重度残疾的 一组有4个 二组有3个 2个轻度": a village's parts tallied; the 轻度 said beside are left out, not all.)
  const read = readFigureQuestion(text, ctx.kb.index.places);
  if ((read?.households ?? 0) > 1 || read?.tally?.includes(" + ")) return undefined;
  const { facts } = extractFacts(rules, text);
  if (ONLY_ONE.test(text)) facts.disabled_in_household = 1;
  // "俺爹是贫困老年残疾人，俺娘…没残疾": 没残疾 said of someone else than the disabled person named.
  // One person named both disabled and not ("我爷爷…没残疾…那个贫困老年残疾人补助") is the programme's name, not theirs.
  const named = readHousehold(text).people;
  const someoneDisabled = named.some((p) => p.grade !== undefined || p.severe || (p.certified === true && named.length >= 2));
  if (someoneDisabled && facts.disability_grade === "none") delete facts.disability_grade;
  if (someoneDisabled && facts.certified === false) facts.certified = true;
  if (NOT_DISABLED.test(text) && facts.disability_grade === undefined && !someoneDisabled) facts.disability_grade = "none";
  const results = focus.flatMap((id) => rules.programmes.programmes.filter((p) => p.id === id)).map((p) => evaluateProgramme(rules, p, facts, ctx.now));
  if (results.length === 0 || results.some((r) => r.status !== "unlikely")) return undefined;
  // "俺爹58了 算不算老年": a threshold the seed does not give (60 岁 is an example) refuses nothing outright.
  const lines = results.flatMap((r) => [
    r.unmet.some((u) => u.reviewNotes.length > 0)
      ? `【${r.programme.name}】按您说的情况可能领不了：${r.unmet.map((u) => u.condition.unmet).join("；")}。不过${[...new Set(r.unmet.flatMap((u) => u.reviewNotes))].join("")}`
      : `【${r.programme.name}】按您说的情况不符合条件，领不了：${r.unmet.map((u) => u.condition.unmet).join("；")}。`,
    // Who it is for, not what it pays: the amount beside "领不了" reads as what this villager would get. (A rule
    // without an amount says what the service is: "人工耳蜗手术、脑瘫训练…".)
    /\d\s*元/.test(r.programme.rule)
      ? `  要领这项得：${r.programme.conditions.map((c) => c.met).join("、")}（来源：${r.programme.source.section}）`
      : `  规定：${r.programme.rule}（来源：${r.programme.source.section}）`,
    `  情况有出入的话，请问：${r.programme.apply}`,
  ]);
  lines.push("想看看还能领别的什么，回复“还能领什么”。");
  return { intent: "eligibility", confidence: 0.8, replies: [reply(lines.join("\n"))], answerKind: "answer", answerIds: results.map((r) => r.programme.id) };
}

/** "要是不是贫困户呢", "那要是评上贫困户了呢": a condition supposed. */
const SUPPOSING = /^(?:那)?(?:要是|如果|假如|万一)/;

/** "我是村会计", "俺是村文书", "我是高三老师": someone asking for others, about groups. */
const CADRE = /(?:我|俺)是[^，,。？?\s]{0,5}(?:文书|会计|干部|支书|书记|主任|老师|村医|网格员|组长|队长)/;

const NOT_DISABLED = /不是残疾人?|不残疾|没(?:有)?残疾(?!证)|没(?:有)?一个(?:是)?残疾|没啥残疾|不算残疾|身体好好的|没病没灾/;

/** "到底啥条件", "要什么条件", "什么人能领": who may have a programme, asked. */
const CONDITIONS_ASKED = /(?:啥|什么|哪些|哪样的?)条件|什么人(?:能|可以)领|啥人(?:能|可以)领|谁(?:能|可以)领/;

/** A grade or the household's standing told: enough to screen the person rather than recite the conditions. */
const gradeOrStanding = (rules: EligibilityRules, text: string) => {
  const { facts } = extractFacts(rules, text);
  return facts.disability_grade !== undefined || facts.poor !== undefined;
};

/** Receiving a programme already: "领了4年了", "领着老年补助", "在领". */
// ("俺爹领老年残疾人补助 半年能领多少": 领 right after who, then the programme: receiving it already.)
const RECEIVING = /领了|领着|在领|已经领|拿了|(?:[爹娘爸妈爷奶]|[俺我咱])(?:一直|现在|每月)?领(?:的是)?(?:那个)?(?:贫困)?(?:老年|一户多残|残疾人)/;
/** "条件都符合", "够条件": the conditions said to be met, not asked about. */
const QUALIFYING_CONDITIONS = /(?:每个人|每人|俩人|两人|都)?(?:的)?条件(?:都|也)?(?:符合|够|满足)了?|(?:都|也)?(?:符合|够|满足)条件/g;
const QUALIFIES = /够格|够条件|符合条件|[都也]符合|都能领|都在领|领着|已经领|都领|领了|开始(?:领|发)|领(?:那个|这个)[^，,。？?]{0,10}(?:补助|救助|补贴)/;
// A number in words needs its unit: "一年一共" is no amount.
const STATED_AMOUNT = /(?:每|一个?)(?:月|年)\s*(?:\d+\s*(?:元|块)?|[一二两三四五六七八九十百千]+\s*(?:元|块))(?![级岁亩])|\d+\s*(?:元|块)/;

/** Money asked for by the month or year ("每个月能有点啥贴补"), not a service or a place. */
const ASKS_CASH = /(?:每个?月|一个月|每年|一年)[^，,。？?]{0,8}(?:贴补|补贴|补助|钱|给多少|领多少|能有)|贴补|生活费/;

/** "我能领什么", "有啥补助", "帮我算算": an open question the screener is for. */
const OPEN_ASK =
  /能领(?:什么|啥|多少|哪些|不)|能领(?:些|点)(?:什么|啥)钱|领点钱|能领点|领到钱|领(?:什么|啥|哪些)|有(?:什么|啥|哪些)(?:补助|补贴|救助|钱|政策)|能拿(?:什么|啥|多少|不)|拿(?:啥|什么)|(?:什么|啥|哪些)补助|算算|给不给钱|国家给|能享受|有没有[^，,。？?]{0,10}(?:补助|补贴|救助)/;

/** A village or group speaking: "村里", "全村", "俺们组", a village's accountant. */
const VILLAGE = new RegExp(`${OWN_GROUP.source}|村会计|村文书|村干部`);

const PRONOUN_LABEL = "他（她）";

/**
 * Words that speak of one household: its members are screened one by one, not counted as a group ("俩一级 一个三级
 * …又是一户多残": people said to be one household by its programme).
 */
const HOUSEHOLD_WORDS = /家|屋|两口子|老两口|夫妻|俩人|两个人|(?:是|算|属于)一户[多两三]残/;

/** Only the household's standing (贫困户 or not), said of the villager's own household, and nothing asked. */
function tellsOnlyStanding(ctx: TurnContext, rules: EligibilityRules, text: string): boolean {
  // The core may read "俺家是低保贫困户" as one's own trouble (report_or_question): no question either way.
  const reading = ctx.reading;
  if ((reading.kind !== "open" && reading.kind !== "report_or_question") || (reading.kind === "open" && reading.asks)) return false;
  // "贫困户，5口人": a household's size beside its standing speaks of the villager's own household.
  if (ctx.followsUp || (!isPersonal(rules, text) && !/[\d一两二三四五六七八九十]口人|一家/.test(text))) return false;
  // "家里困难 孩子耳朵听不见" says more than the standing: a need the knowledge base may answer.
  const topic = detectTopic(rules, text);
  if (topic !== undefined && topic !== "outside") return false;
  const { facts } = extractFacts(rules, text);
  // "俺家以前是贫困户" is no standing of today.
  return typeof facts.poor === "boolean" && [...text].length <= 16 && !/[?？吗呢啥么]|多少|几|哪|怎|咋|以前|原来|过去|早先|早年/.test(text);
}

/**
 * "俺娘今年65", "俺爹六十八了": a relative's age told alone, asking nothing, the first of what a villager tells of
 * the household one message at a time.
 */
function ageToldAlone(rules: EligibilityRules, text: string): boolean {
  if (QUESTION_WORDS.test(text) || foldText(text).replace(/\s/g, "").length > 12) return false;
  const people = readHousehold(text).people;
  const { facts } = extractFacts(rules, text);
  return people.length === 1 && people[0]!.label !== "您" && people[0]!.age !== undefined && Object.keys(facts).every((k) => k === "age");
}

/** "那半吨多少钱", "两吨煤得花多少": a weight of coal priced, nothing to be pressed or saved. */
const COAL_PRICED =
  /(?:\d+(?:\.\d+)?|[一两二三四五六七八九十半]+)\s*(?:吨|斤|公斤)(?:半)?(?:的)?(?:优质|好)?煤?(?:按[^，,。？?]{0,6})?(?:多少钱|多钱|值多少|得花多少|要花多少|花多少)/;

function tellsFacts(rules: EligibilityRules, text: string): boolean {
  const { facts } = extractFacts(rules, text);
  return ["disability_grade", "poor", "age", "disabled_in_household", "disability_type"].some((id) => facts[id] !== undefined && facts[id] !== null);
}

/** Programmes whose amount follows from a person's grade, poverty and household: worth computing. */
const SUMMED_PROGRAMMES = new Set(["disability-living-relief", "elderly-disabled-allowance", "multi-disabled-household", "severe-pension-contribution"]);

const OWN_QUANTITIES = ["land_mu", "rent_total", "coal_tons", "briquette_tons"];

/** Any number the calculators read (a rent, a price), even one that alone computes nothing. */
function hasAnyQuantity(rules: EligibilityRules, text: string): boolean {
  const { facts, invalid } = extractFacts(rules, text);
  return invalid.length > 0 || ["rent_per_mu", "coal_price", ...OWN_QUANTITIES].some((id) => facts[id] !== undefined);
}

const CALCULATOR_OFFER: Record<"land" | "biomass", string> = {
  land: "想算算您家一年能拿多少，告诉我您有几亩地、合同上每亩一年的租金是多少。",
  biomass: "想算算您家能省多少，告诉我一年大概烧多少煤（比如“3吨”）。",
};

/** "能用啥法子参与", "有哪些方式": the ways of taking part asked. */
const WAYS_ONLY = /法子|方式|办法|形式|途径|路子|(?:咋|怎么|怎样|如何)(?:个)?参与/;
/** What a calculator reckons: money, a yield, a saving. */
const MONEY_ASKED = /多少|几多|几个钱|钱|收入|挣|赚|租金|收益|省/;

async function answerThenOfferCalculator(ctx: TurnContext, rules: EligibilityRules, topic: "land" | "biomass", text: string): Promise<TurnResult> {
  let answer = await policyFallback(ctx);
  // Unsure which entry? The topic's own entry (calculators.yaml → entry) says what the seed says.
  const pinned = (topic === "land" ? rules.calculators.land_transfer.entry : rules.calculators.biomass.entry) ?? "";
  const entry = ctx.kb.byId.get(pinned);
  if (answer.answerKind !== "answer" && answer.answerKind !== "needs_review" && entry) {
    answer = {
      ...toTurnResult(composeAnswer(ctx.kb.index, ctx.query, [{ entry, score: 1, coverage: 1, matchedWords: [], unmatchedWords: [] }])),
      intent: "eligibility",
    };
  }
  // "土地流转给威啤 俺能用啥法子参与": the ways asked, no money: answered without asking for their figures.
  if ((answer.answerKind === "answer" || answer.answerKind === "needs_review") && WAYS_ONLY.test(text) && !MONEY_ASKED.test(text)) return answer;
  const step = startDialogue(rules, topic, text, maskPersonalData(ctx.text), ctx.now);
  if (step.state) save(ctx, step.state);
  const first = answer.replies[0];
  if (!first) return answer;
  const offered = answer.answerKind === "answer" || answer.answerKind === "needs_review";
  // "市场上优质煤1630一吨对吧 俺想算算…": the figure checked is corrected first, unless the answer already does.
  const corrected = /^(?:【[^】]*】\n)?不对/.test(first.text) ? [] : (extractFacts(rules, text).corrected ?? []);
  const body = offered ? [...corrected, `${first.text}\n\n${CALCULATOR_OFFER[topic]}`].join("\n") : step.reply.text;
  // The reply is the knowledge base's answer (a policy answer) with the calculator's offer.
  return {
    ...answer,
    ...(offered ? { intent: "policy" as const } : {}),
    replies: [{ ...first, text: body, quickReplies: step.reply.quickReplies }],
    ...(offered ? {} : { answerKind: "dialogue", unanswered: undefined }),
  };
}

/** The villager gave numbers of their own that a calculator turns into an answer. */
/** "健身广场那100亩", "项目占地": an area of something public the knowledge base speaks of, not the villager's land. */
const PUBLIC_AREA = /占地|广场|水库|公园|湿地|幼儿园|全镇|全村/;

function hasOwnQuantities(rules: EligibilityRules, text: string): boolean {
  const { facts } = extractFacts(rules, text);
  const own = OWN_QUANTITIES.filter((id) => facts[id] !== undefined);
  if (own.length === 1 && own[0] === "land_mu" && PUBLIC_AREA.test(text) && !/[俺我咱]|家/.test(text)) return false;
  return (
    OWN_QUANTITIES.some((id) => facts[id] !== undefined) ||
    (facts.coal_price !== undefined && /吨|斤|公斤/.test(text)) ||
    (facts.daily_wage !== undefined && facts.work_days !== undefined)
  );
}

/** "俺闺女想学月嫂", "俺媳妇想贷点款开个小店": a member's wish, which some entry may answer. */
const WISH = /想(?:学|贷|借|办|去|找|开|弄|申请|参加|报名|干)|要(?:学|贷|办|开)|贷(?:点|些)?款|学(?:个|门)?(?:手艺|技术)/;

/**
 * "俺娘三级残疾贫困户，俺闺女想学月嫂，俺媳妇想贷点款开个小店": beside what the household is paid, each member's
 * wish that an entry of another topic answers, one line each (the entry, its fact the wish matches best, whom to
 * ask). Wishes for a disability programme are the screening's own; nothing is said on a weak match.
 */
/** Where a question asked beside the main one begins ("…各多少？另外俺家秸秆…"), or the text's end. */
function besideAt(text: string): number {
  const at = text.search(BESIDE);
  return at > 0 ? at : text.length;
}
const BESIDE = /(?<=[。；;！!？?\s，,])(?:另外|还有个事|还有件事|再问一下|顺便问一下?)/;

function wishesBeside(ctx: TurnContext, rules: EligibilityRules, text: string, shown: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  const seen = new Set<string>(shown);
  const at = besideAt(text);
  // Each wish of the main part, clause by clause; what is asked beside it, whole.
  const beside = at < text.length ? [text.slice(at).replace(/[。；;！!？?\s]+$/, "")] : [];
  for (const clause of [
    ...text
      .slice(0, at)
      .split(/[，,。；;！!？?]/)
      .filter((c) => WISH.test(c)),
    ...beside,
  ]) {
    if (focusOf(rules, clause).length > 0) continue;
    const query = ctx.kb.index.analyze(clause);
    const top = ctx.kb.index.search(query, 3)[0];
    if (!top || seen.has(top.entry.id) || top.coverage < CONFIDENCE.answer || !ctx.kb.index.namesTopic(top, true) || screenerEntry(rules, top.entry.title))
      continue;
    seen.add(top.entry.id);
    // The fact the entry's own answer leads with ("去哪压": where the sites are), else the best matching one.
    const first = /^• (.+)$/m.exec(composeAnswer(ctx.kb.index, query, [top]).text)?.[1];
    const fact = first ?? ctx.kb.index.rankFacts(top.entry, query)[0]?.fact.text ?? top.entry.summary;
    const said = clause
      .trim()
      .replace(/^(?:另外|还有个事|还有件事|再问一下|顺便问一下?)[，,\s]*/, "")
      .replace(/^[俺我咱]/, "您")
      .replace(/,/g, "，");
    lines.push(`· ${said}：【${top.entry.title}】${fact}（找谁办：${top.entry.contact}）`);
  }
  return lines;
}

/**
 * The intent a turn is logged and counted under is what answered it. The screener takes "俺闺女想学月嫂 要掏钱不"
 * or "俺家烧三吨煤 按市场价得花多少" by their household words, but when only entries outside the federation's
 * programmes answer (a township's or city's work, a price reckoned), the villager asked a policy question.
 */
function countedAs(ctx: TurnContext, rules: EligibilityRules | undefined, result: TurnResult): TurnResult {
  if (!rules || result.intent !== "eligibility") return result;
  // (A calculator's answer cites the entry it reckons from: "秸秆燃料块能顶多少煤".)
  const ids = result.answerIds?.length ? result.answerIds : result.replies.flatMap((r) => r.citations?.map((c) => c.id) ?? []);
  const entries = ids.map((id) => ctx.kb.byId.get(id));
  if (entries.length === 0 || entries.some((e) => !e || e.category === rules.programmes.knowledge_category)) return result;
  return { ...result, intent: "policy" };
}

export const eligibilityHandler: IntentHandler = {
  intent: "eligibility",
  async handle(ctx) {
    const rules = rulesFor(ctx);
    const result = countedAs(ctx, rules, await handleEligibility(ctx));
    const last = result.replies.at(-1);
    // Only beside a finished answer: after a question the villager is asked, more would bury it.
    if (!rules || !last || result.answerKind !== "answer" || ctx.message.payload) return result;
    // (An entry the answer already is, "市里帮妇女贷小额担保贷款，帮了多少人", is not said again.)
    const shown = new Set([...(result.answerIds ?? []), ...result.replies.flatMap((r) => r.citations?.map((c) => c.id) ?? [])]);
    const wishes = wishesBeside(ctx, rules, readable(ctx), shown);
    if (wishes.length === 0) return result;
    return { ...result, replies: [...result.replies.slice(0, -1), { ...last, text: `${last.text}\n另外您说到的：\n${wishes.join("\n")}` }] };
  },
  claims(ctx) {
    const rules = rulesFor(ctx);
    if (!rules) return false;
    const text = readable(ctx);
    const topic = detectTopic(rules, text);
    if (topic === "land" || topic === "biomass") return hasOwnQuantities(rules, text);
    // "要是不是贫困户呢" after a benefit question: the screener answers the hypothetical.
    if (ctx.followsUp && topic === "benefits" && SUPPOSING.test(foldText(ctx.text).trim()) && tellsFacts(rules, foldText(ctx.text))) return true;
    // "我们家是建档立卡户", "俺娘是三级": the villager's own standing or grade told, asking nothing.
    // (Not a view of an amount: "三级的一年才400 俺觉得太少了" is the feedback feature's to ask about.)
    if (
      (topic === undefined || topic === "benefits") &&
      isPersonal(rules, text) &&
      tellsFacts(rules, text) &&
      !QUESTION_WORDS.test(text) &&
      !/觉得|认为|太少|太低|不公|凭啥|凭什么|意见|才给|才\d/.test(text) &&
      // ("三家都是一户多残 一共多少" ⏎ "俺弟家就一个残疾人": one of the households counted, not the villager's own.)
      !(ctx.followsUp && DROPPED_HOME.test(foldText(ctx.text)))
    )
      return true;
    if (topic !== "benefits") return false;
    // "村里五户一户多残 还有8个重度残疾人要代缴 一共多少": several programmes' counts to sum.
    const asked = readReckoning(text);
    if ((AMOUNT_ASK.test(text) || asked.total || asked.years || asked.perMonth) && readProgrammeGroups(rules, text, ctx.now)) return true;
    const people = readHousehold(text).people;
    return people.filter((p) => p.grade !== undefined || p.severe).length >= 2 || (people.length >= 2 && /残/.test(text));
  },
};

/** "统计", "摸底": a cadre tallying people, not a villager telling of their own household. */
const TALLYING = /统计|汇总|摸底|摸排|清点/;
/** "村里重度残疾人", "俺们组的贫困残疾人": a village's (group's) disabled people, spoken of together. */
const VILLAGE_PEOPLE = /(?:村里|全村|组里|全组|[俺我咱]们?(?:自然)?(?:村|屯|组))(?:的|里|上)?\s?[^，,。；？?\s]{0,8}?残疾/;

const QUESTION_WORDS = /[?？吗呢]|怎么|咋|哪|什么|啥|多少|谁|为什么|能不能|可不可以|是不是/;
/** "一年下来能有多少", "能领多少钱": the amount of what is being screened. */
const AMOUNT_ASK = /多少|几多|几个钱|啥钱|能领|能拿|给多少|有多少|(?:一共|总共|加起来|合计)好多|好多钱\s*(?:[？?呢嘛哦]|$)/;
/** "回头说俺的", "刚才那个", "俺那个救助": a message pointing back at what was said before. */
const POINTS_BACK =
  /回头|回到|刚才|前面|上面说的|[俺我咱](?:家)?(?:[\u4e00-\u9fa5]{1,2})?那个(?:救助|补助|补贴|钱)|[俺我咱](?:家)?那个|[俺我咱]的(?:那个)?(?:救助|补助|补贴)/;

/**
 * A message about the screening kept behind a calculator: an amount asked of a programme the screening sums,
 * no grade of its own, and either someone of that screening named or a word pointing back. An answer to the
 * calculator's own question never is.
 */
function comesBack(rules: EligibilityRules, current: DialogueState, earlier: NonNullable<DialogueState["earlier"]>, text: string): boolean {
  if (current.pending !== null && extractFacts(rules, text).facts[current.pending] !== undefined) return false;
  const people = readHousehold(text).people;
  if (people.some((p) => p.grade !== undefined || p.severe) || !AMOUNT_ASK.test(text)) return false;
  if (!(detectTopic(rules, text) === "benefits" || focusOf(rules, text).some((id) => SUMMED_PROGRAMMES.has(id)))) return false;
  const screened = new Set([...earlier.people, ...readHousehold(foldText(earlier.question)).people].map((p) => p.label));
  return POINTS_BACK.test(text) || (people.length > 0 && people.every((p) => screened.has(p.label)));
}
/** "两家", "三户": households counted (not "一户多残", which names the programme). */
const HOUSEHOLDS_COUNTED = /(?:[两俩二三四五六七八九十]|\d+)\s*(?:家|户)(?![多两三]残)/;
const SPAN_FOLLOW_UP = /^(?:那)?(?:一年|一个月|每月|每年|一季度|[一两二三四五六七八九十\d]+(?:年|个月))(?:呢|的呢|多少|合多少|一共多少|一共呢)$/;
const OTHER_INTENTS = new Set(["feedback", "opinion", "staff", "policy", "help"]);

/** Continues a dialogue in progress: answers, corrections ("不对，是二级"), reset words; leaves on a new question. */
export const eligibilityDialogue: Dialogue<DialogueState> = {
  owner: ELIGIBILITY_DIALOGUE,
  schema: DialogueStateSchema,
  ttlMs: DIALOGUE_IDLE_MS,
  // "是", "没有", "不知道" answer its yes/no questions.
  hearsSmallTalk: true,
  // A screening answered is kept for the household it read ("俺家一共…"); the thread is the last question asked.
  holdsThread: (state) => state.step !== "done",
  async continue(ctx, current, turn) {
    const result = await continueEligibility(ctx, current, turn);
    return result && countedAs(ctx, rulesFor(ctx), result);
  },
};

/** The dialogue's next step, as `eligibilityDialogue.continue` reads it (undefined: it leaves the message). */
async function continueEligibility(ctx: TurnContext, current: DialogueState, turn: Parameters<Dialogue<DialogueState>["continue"]>[2]) {
  const rules = rulesFor(ctx);
  if (!rules) return undefined;
  // "帮全村算下特别救助" ⏎ "一组 一级贫困2个 三级贫困1个": a village told part by part is no household screened.
  if (tellsPart(foldText(ctx.text))) {
    ctx.dialogue.end(ELIGIBILITY_DIALOGUE);
    return undefined;
  }
  const text = readable(ctx);
  const topic = detectTopic(rules, text);
  // "俺娘那个救助一个月多少" while a calculator waits for its numbers: the screening before it, taken up again.
  const cameBack = current.earlier !== undefined && comesBack(rules, current, current.earlier, text);
  const state: DialogueState = cameBack ? current.earlier! : current;
  // "俺家是一户多残 俺叔家也是" ⏎ "两家一年一共领多少": households counted of the programme paid by the household
  // that the screening was about: its amount times them, as the knowledge base reckons it.
  const households = HOUSEHOLDS_COUNTED.exec(text);
  if (state.step === "done" && state.topic === "benefits" && households && AMOUNT_ASK.test(text) && readHousehold(text).people.length === 0) {
    const perHousehold = [...new Set([...state.focus, ...focusOf(rules, `${state.question} ${text}`)])].filter(
      (id) => rules.programmes.programmes.find((p) => p.id === id)?.benefit.per === "household",
    );
    if (perHousehold.length === 1) {
      return policyOn(ctx, `${state.question} ${text}`, true);
    }
  }
  // "老年残疾人补助 俺爹领一年是多少" ⏎ "俺记岔了 俺爹俺娘两个人都领 那一年多少": people said to receive the one
  // programme asked about, no grade of their own: its amount times them, as for such a question asked at once.
  const receivers = readHousehold(text).people;
  const programmes = [...new Set([...state.focus, ...focusOf(rules, text)])];
  // ("俺爹是贫困老年残疾人…" ⏎ "俺说错了 是俺爹俺娘俩人 一年一共多少": the one screened and another, said instead.)
  const screened = readHousehold(foldText(state.question)).people[0]?.label;
  const saidInstead = /说错|记错|搞错|弄错|记岔|说岔|不对/.test(text) && receivers.some((p) => p.label === screened);
  if (
    state.topic === "benefits" &&
    receivers.length >= 2 &&
    receivers.every((p) => p.grade === undefined && !p.severe) &&
    (QUALIFIES.test(text) || saidInstead) &&
    AMOUNT_ASK.test(text) &&
    programmes.length === 1
  ) {
    // (A screening still asking is answered by this; one answered stays for the household it read.)
    if (state.step !== "done") ctx.dialogue.end(ELIGIBILITY_DIALOGUE);
    return policyOn(ctx, `${state.question} ${text}`, true);
  }
  const { intent, confidence } = ctx.classification;
  const long = text.replace(/\s/g, "").length >= 6;
  // The core's reading first; then what only this dialogue knows (a different calculator's topic).
  // "一年下来能有多少" names nothing of its own: it asks the screening, not a new question.
  const namesOwn = ctx.hits[0] !== undefined && ctx.hits[0].coverage >= CONFIDENCE.clarify && ctx.kb.index.namesTopic(ctx.hits[0], true);
  // "俺爷俺奶都是贫困老年残疾人" ⏎ "又添了一个 俺姥爷搬过来一块住了 也是": someone new, said to be as the others
  // are, joins the household screened (moving in is no trouble to report).
  const newcomer = readHousehold(text).people;
  // "俺俩孩子没残疾": others of the family said not to be disabled, told of the household screened.
  const joins =
    state.step === "done" &&
    state.topic === "benefits" &&
    !QUESTION_WORDS.test(text) &&
    ((newcomer.length === 1 && /也是|也一样|也算|也符合/.test(text) && !state.people.some((p) => p.label === newcomer[0]!.label)) ||
      (state.people.length >= 2 && outsideHousehold(state, newcomer) && saysNothingElse(rules, text)));
  const newQuestion =
    !joins &&
    (turn === "report" ||
      (turn === "new_question" && (namesOwn || !AMOUNT_ASK.test(text))) ||
      (OTHER_INTENTS.has(intent) && confidence >= 0.5 && long) ||
      ((ctx.hits[0]?.coverage ?? 0) >= CONFIDENCE.answer && namesOwn && long && topic !== state.topic) ||
      (topic !== undefined && topic !== state.topic && long) ||
      (QUESTION_WORDS.test(text) && long && namesOwn));
  // "他每年能领多少生活救助" while his screening waits for an answer: the same person, one programme.
  // "家里不是贫困户，能领那个特别救助不" answers the pending question too: the same screening.
  const answersPending = state.pending !== null && extractFacts(rules, text).facts[state.pending] !== undefined;
  // "一家三口都是重度残疾" ⏎ "县里代缴养老一年一共多少": a household being screened, asked about as a whole;
  // "他俩代缴的一共多少" counts as many as it has, naming nobody new.
  const said = readHousehold(text).people;
  const wholeHousehold =
    state.people.length >= 2 && (said.length === 0 || (said.length === state.people.length && said.every(isCounted))) && readReckoning(text).total === true;
  const sameScreening =
    state.topic === "benefits" &&
    (topic === "benefits" || (wholeHousehold && (topic === undefined || focusOf(rules, text).some((id) => SUMMED_PROGRAMMES.has(id))))) &&
    state.step !== "done" &&
    turn !== "report" &&
    (answersPending || wholeHousehold || /[他她]|这位|[我俺](?:爸|爹|妈|娘|爷爷|奶奶)|[我俺]家/.test(text));
  // "俺家一年特别救助一共多少" after a household's answer: the same household, one programme.
  // "特别救助加上一户多残，一年一共多少": programmes named, nobody new, so the household just described.
  // "外公外婆加我舅仨人一年多少", "两口子一年能领多少": the household's own people, asked about together.
  const namedPeople = readHousehold(text).people.filter((p) => !isCounted(p));
  const ownPeople =
    // ("爷爷的老年补助一年 加俺爹的救助一年 总共": a sum asked without 多少.)
    (AMOUNT_ASK.test(text) || readReckoning(text).total === true) &&
    (/两口子|老两口|[我俺咱](?:们)?(?:俩|仨)/.test(text) ||
      (namedPeople.length >= 2 && namedPeople.every((p) => state.people.some((q) => q.label === p.label))));
  // (Or while it still asks whether the household is poor: "县里代缴养老保险一年给交多少" asks on regardless.)
  const sameHousehold =
    (state.step === "done" || (state.pending === "poor" && !/每人|一人|每个人|一个人|每位/.test(text))) &&
    state.people.length >= 2 &&
    (topic === "benefits" ||
      ownPeople ||
      (/剩下的|剩下那|其余的/.test(text) && AMOUNT_ASK.test(text)) ||
      // "俺家一共代缴多少": one of its programmes named in a word that is no topic of its own ("代缴养老保险" is
      // the general pension's words too).
      ((topic === undefined || topic === "outside") && focusOf(rules, text).some((id) => SUMMED_PROGRAMMES.has(id)))) &&
    turn !== "report" &&
    // "他俩一年特别救助加起来多少": a count of them names nobody new.
    // "那剩下的特别救助一年多少", "他们仨呢": those of the household still counted.
    (cameBack ||
      ownPeople ||
      /[我俺咱](?:们)?家|全家|一家|剩下的|剩下那|其余的|他们|他俩|她俩|这几个/.test(text) ||
      (readHousehold(text).people.every(isCounted) && readReckoning(text).total === true) ||
      // "光说特别救助 俩人一年多少": as many counted as the household has.
      (readHousehold(text).people.length === state.people.length && readHousehold(text).people.every(isCounted) && AMOUNT_ASK.test(text)) ||
      // "特别救助一年多少" right after the household's answer: one of its programmes, no grade of its own.
      (readHousehold(text).people.length === 0 &&
        AMOUNT_ASK.test(text) &&
        extractFacts(rules, text).facts.disability_grade === undefined &&
        focusOf(rules, text).some((id) => SUMMED_PROGRAMMES.has(id))));
  // "老年补助一个月一共多少" ⏎ "一年呢": the same household's same programmes, over another span.
  // "屋头爷爷是三级贫困残疾人" ⏎ "假设两样都能领，他一年一共多少": what one person's screening found, added up.
  const sumsScreening =
    state.step === "done" &&
    state.topic === "benefits" &&
    state.people.length === 0 &&
    turn !== "report" &&
    /两样|几样|这几样|这些|都算上|全算上|加起来|都能领/.test(text) &&
    readReckoning(text).total === true &&
    readHousehold(text).people.every((p) => p.grade === undefined && !p.severe && /^(?:您|他|她)/.test(p.label));
  // "俺家老头子是贫困老年残疾人" ⏎ "那一年呢": one person's screening, over another span.
  const spanOnly =
    state.step === "done" &&
    (state.people.length >= 2 ? state.focus.length > 0 : true) &&
    [text, foldText(ctx.text)].some((t) => SPAN_FOLLOW_UP.test(t.replace(/[\s？?。!！]/g, "")));
  // "俺爹是贫困老年残疾人" ⏎ "那一年老年补助多少": one person screened, asked about one of their programmes.
  // "俺娘自己一个月合多少" after the household came down to her: she is the one screened.
  const sameOne =
    state.step === "done" &&
    state.people.length === 0 &&
    (topic === "benefits" || topic === undefined) &&
    turn !== "report" &&
    readHousehold(text).people.every((p) => p.grade === undefined && !p.severe) &&
    AMOUNT_ASK.test(text) &&
    // "那沼气池补贴多少钱": a topic of its own is a new question, not the screening again.
    (cameBack ||
      POINTS_BACK.test(text) ||
      !namesOwn ||
      focusOf(rules, text).some((id) => SUMMED_PROGRAMMES.has(id)) ||
      // "俺家领了三年了 三年总共领了多少": the same answer over years, whatever entry 三年 matches.
      (readReckoning(text).years !== undefined && focusOf(rules, text).length === 0 && /[俺我咱]家|领了|拿了/.test(text)));
  // "屋头爷爷是三级贫困残疾人" ⏎ "他也够得上贫困老年残疾人补助": more said of the one screened, asking nothing.
  const statesMore =
    state.step === "done" &&
    state.topic === "benefits" &&
    state.people.length === 0 &&
    turn !== "report" &&
    /^[他她]/.test(text.trim()) &&
    !QUESTION_WORDS.test(text) &&
    (tellsFacts(rules, text) || extractFacts(rules, text).facts.elderly !== undefined);
  const named = sameScreening || sameHousehold || sameOne ? focusOf(rules, text).filter((id) => SUMMED_PROGRAMMES.has(id)) : [];
  // "特别救助一年多少" ⏎ "要是一户多残的也能领 两样加起来": the programme asked before and the one named now.
  const adding = named.length > 0 && state.focus.length > 0 && /两样|几样|加起来|加上|也能领|都算上|一起算/.test(text);
  // ("他能领哪些补助，生活救助一年多少": everything is asked, the one programme's amount among it.)
  const focus = spanOnly ? state.focus : asksForAll(text, true) ? [] : adding ? [...new Set([...state.focus, ...named])] : named;
  // "俺家一冬烧3吨煤 按1360一吨得花多少" ⏎ "要改烧秸秆压块，按1.2公斤顶1公斤煤，得多少压块": the same
  // calculation asked again of its topic, with the numbers already given.
  // "要是不是贫困户呢": a supposition about the one screened, never a question of its own.
  // ("要是不是贫困户呢" while the screening asks whether the household is poor: the answer, supposed.)
  const supposing = SUPPOSING.test(text) && tellsFacts(rules, text) && (state.step === "done" || answersPending);
  const sameCalculation = state.topic !== "benefits" && state.step === "done" && topic === state.topic && /多少|几/.test(text) && turn !== "report";
  const step = continueDialogue(rules, sumsScreening ? { ...state, reckon: { ...state.reckon, total: true } } : state, text, ctx.now, {
    newQuestion: newQuestion && focus.length === 0 && !sameHousehold && !sameOne && !sameCalculation && !supposing && !statesMore,
    more: statesMore,
    personal: isPersonal(rules, text) && turn !== "report",
    focus,
    again:
      (cameBack ||
        (ownPeople && sameHousehold) ||
        (POINTS_BACK.test(text) && sameOne) ||
        // ("他能领哪些补助，生活救助一年多少": all the one screened may get, asked again.)
        (sameOne && state.focus.length === 0 && asksForAll(text, true)) ||
        (sameCalculation && !hasOwnQuantities(rules, text) && !/租金|\d+\s*元/.test(text)) ||
        sumsScreening) &&
      focus.length === 0,
  });
  if (step === "leave") {
    // Only an unfinished dialogue is dropped (the screening it interrupted is kept); finished results stay
    // correctable until they expire.
    // A household already answered, only asked a refinement ("您家是贫困户吗？"), is kept as answered: its
    // people are still those a later "俺家一共…" means.
    if (state.step === "asking" && state.people.length >= 2 && state.pending === "poor" && state === current)
      ctx.dialogue.start(ELIGIBILITY_DIALOGUE, { ...state, step: "done", pending: null });
    else if (state.step !== "done") {
      if (state === current && current.earlier) ctx.dialogue.start(ELIGIBILITY_DIALOGUE, current.earlier);
      else ctx.dialogue.end(ELIGIBILITY_DIALOGUE);
    }
    return undefined;
  }
  if (step.handoff) await recordHandoff(ctx, state, rules);
  return toResult(ctx, step);
}

/** Written before the reply says the question was passed on (on disk before acknowledged). */
const CALCULATOR_LABELS: Record<string, string> = { land_mu: "亩数", rent_per_mu: "每亩租金", coal_tons: "一年烧煤吨数", coal_price: "煤价" };

async function recordHandoff(ctx: TurnContext, state: DialogueState, rules: EligibilityRules): Promise<void> {
  const label = (id: string) => rules.factById.get(id)?.label ?? CALCULATOR_LABELS[id] ?? id;
  const summary = Object.entries(state.facts)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${label(k)}=${String(v)}`)
    .join("，");
  const { store } = ctx.services;
  // Durable: the reply tells the villager the question was passed on.
  await store.sql.transaction(
    () =>
      store.unanswered.record({
        messageId: null,
        channel: ctx.message.channel,
        userId: ctx.message.userId,
        text: maskPersonalData(
          `【资格测算转人工】${state.question}${summary ? `（已知：${summary}）` : ""}${state.pending ? `；卡在：${label(state.pending)}` : ""}`,
        ),
        reason: "handoff",
        bestEntryId: null,
        confidence: 0,
        createdAt: ctx.now.toISOString(),
      }),
    { durable: true },
  );
}
