// The core's first reading of a message, before any feature sees it: is it a question, a report of a problem,
// small talk or a reset? Features and dialogues act on this instead of guessing each on their own. Pure.
import { CONFIRM_TAG, readClaim } from "./claim.ts";
import type { ConversationWords } from "../knowledge/schema.ts";
import { readGradeTally } from "./tally.ts";

export type Reading =
  /** "重新开始", "取消": ends whatever dialogue is active. */
  | { kind: "reset" }
  /** "谢谢", "你好", "好的", "没有": never an answer to a pending question, never a report. */
  | { kind: "smalltalk"; what: "greeting" | "thanks" | "farewell" | "ack" | "negation" | "preamble" | "news" }
  /** A question, and the villager may have said outright that it is not a report. */
  | { kind: "question"; notAReport: boolean }
  /** A problem to be filed ("路灯坏了半个月了", "低保咋还没发？"). */
  | { kind: "report" /** Only a word for what is wrong: no 反映/投诉, no request to act, no complaint. */; implicit?: boolean }
  /** A problem and a question for information in one ("沼气池坏了，镇上有人管不？"): answer, then offer to file. */
  | { kind: "report_or_question" }
  /** Nothing decisive: the classifier and the knowledge base decide. */
  | { kind: "open"; asks: boolean };

const PUNCTUATION = /[\s。.!！?？,，、~～…；;：:"“”'‘’()（）]+/g;
const PARTICLES = /^(?:那|哦|噢|嗯|啊|呀|嘞|咧)?|(?:的|啊|呀|吧|哈|嘛|了|呢|哦|啦|喽|嘞|咧)+$/g;

const has = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** A message made only of small-talk words ("好的谢谢", "嗯嗯，知道了"). */
function onlyOf(core: string, sorted: readonly string[]): boolean {
  if (!core) return false;
  let rest = core;
  for (let guard = 0; rest && guard < 8; guard++) {
    // "中，俺知道了", "多谢你啊": a pronoun before or after the word of small talk.
    // ("那俺先去地里了": 那 before them too.)
    // ("给你拜个早年 2024龙年大吉": the one wished, and the year, before the wish.)
    rest = rest
      .replace(/^(?:那就|那)?(?:(?:给|跟|向)?(?:俺|我|咱|你|您|恁))?(?=.)/, "")
      .replace(/^(?:啊|呀|哈)+(?=.)/, "")
      .replace(/^(?:19|20)\d\d年?(?=.)/, "");
    const word = sorted.find((w) => rest.startsWith(w));
    if (!word) return false;
    // ("回头再问你": the one spoken to, after the word.)
    rest = rest
      .slice(word.length)
      .replace(PARTICLES, "")
      .replace(/^(?:你|您|恁)$/, "");
  }
  return rest.length === 0;
}

/** "一般咋处理", "一般都怎么办": how things are done in general. */
// "冒领残疾补助会咋处理", "低保被取消了 啥原因会取消": how such things go in general, no case of one's own.
/** "报一下一户多残的户数", "统计一下老年补助的人数", "要报重度残疾代缴的名单": a village's numbers, given to reckon. */
const NUMBERS_GIVEN = /(?:报|统计|统|汇总|登记|上报)(?:一下|个|下)?[^，,。？?]{0,14}(?:户数|人数|个数|名单|数目|多少户|多少人|几户|几个人)/;

/** A trouble that has lasted: "锁了一年了", "坏了好几个月了", "一直没人修". */
const DRAGGED_ON = /(?:[一两二三四五六七八九十几半好]+个?(?:年|月|礼拜|星期)|好久|好些天|一直|老是|天天|常年)/;

/** Joy said of something that happened: "可高兴了", "乐坏了", "大喜事". */
const GOOD_NEWS = /[可真太好]高兴|高兴(?:坏|得|死)了?|乐坏了|乐得合不拢|[可真太好]开心|喜事|大喜/;

const GENERAL_PROCESS = /一般(?:都|是)?(?:咋|怎么|如何)(?:处理|办|弄|解决|管)|会(?:咋|怎么|如何)处理|(?:啥|什么)原因会|为啥会被/;
/** "俺不服", "不服气": a decision the villager disputes (not "不服老", "不服输"). */
const DISPUTE = /(?:俺|我|咱)(?:们)?(?:就是|真)?不服(?!老|输)|不服气/;

/** "想安条假腿", "想配个助听器": something the villager wants for themselves (not "不想交"). */
/**
 * "俺觉得400太少了", "三级一年才400 太少了": an opinion of an amount or a rule, said to us with no consultation
 * asked about. The rule is answered, and filing the opinion is offered (nothing is filed on it alone).
 */
const OPINION =
  /(?:俺|我|咱)(?:们)?(?:觉得|认为|感觉|看)[^，,。？?]{0,12}(?:太少|太低|不够|偏低|少了|低了|太抠|不合理|不公平|不太?好|不行|不妥|吃亏|不划算|(?:应该|该)(?:多|涨|提|加))|才[^，,。？?]{0,8}(?:\d|[一二三四五六七八九十百千两])[^，,。？?]{0,6}(?:太少|太低|不够)/;
/** "查看反映列表", "看看群众反映的问题清单": the reports asked to be shown. */
const REPORTS_VIEWED =
  /(?:看看|看一下|看下|看一看|查看|查查|查一下|调出|列出|导出|瞅瞅|瞧瞧)[^，,。？?]{0,10}(?:反映|投诉|回执|留言)[^，,。？?]{0,6}(?:列表|清单|记录|名单|明细|汇总|统计)/;
const WISH = /(?<![不没])想(?:要|安|装|配|买|换|弄|整|办|领|申请|治|看看病|做手术|上学|进厂|找个)/;
const WISHES = new RegExp(WISH.source, "g");

/** "找谁给看看": asking whom to go to, which a request's words do not make a report. */
const ASKS_WHOM = /找谁|找哪|去哪|上哪|谁能|谁会/;

/** `text` is folded (Simplified, lower case). */
/** A clause asking for an amount of money or a programme's figure, not "几时来修" or "有几户是关系户". */
const AMOUNT_ASKED = /(?:补助|补贴|救助|标准|钱|元|块)[^，,。；]{0,10}多少|多少(?:钱|元|块)|每(?:户|人)[^，,。；]{0,4}(?:一年|每年|一个月|每月)?多少/;

/** "服务站到底配了几个技术员": how many people something has (not "有几户是关系户", which accuses). */
const COUNT_ASKED = /(?:几|多少)(?:个|名|位)(?!是)[^，,。；]{0,6}(?:技术员|技术人员|师傅|工作人员|人员|专职|干部|老师|医生)/;

/** "一类标准一年该放几场", "对管理员有要求没", "到底咋算的": what the rule says, asked after the trouble. */
const RULE_ASKED =
  /(?:标准|规定)[^，,。；]{0,10}(?:几|多少|啥|什么|要求|吗|没)|该[^，,。；]{0,3}几|应该[^，,。；]{0,4}(?:多少|几)|有(?:啥|什么)?要求(?:没|吗|不)|(?:到底|究竟)?(?:咋|怎么|怎样|如何)(?:个)?算(?:的|法)?$/;

/** "人家三级的都有", "别人家都领了": what others get, beside what one does not. */
const COMPARED_WITH_OTHERS = /(?:人家|别人|别家|邻居|隔壁|他家|他们家|旁人)[^，,。？?]{0,8}(?:都有|都领|都能领|都给|有份|都拿|领了|拿了|能领)/;

/** How a programme goes in general: "一般啥时候发", "是一年一发还是一月一发", "多久发一次". */
const HOW_IT_GOES =
  /一般|通常|平常|按月|按年|按季|一年一发|一月一发|多久(?:发|给|打|一次)|(?:啥|什么)时候(?:发|给|到|打)|几月份?(?:发|给|到)|是[^，,。]{0,8}还是/;
/** A trouble feared for later: "就怕以后坏了", "万一到时候没人管", "担心将来没人修". */
const FEARED = /(?:就怕|生怕|担心|害怕|怕|万一)[^，,。！!？?]{0,6}(?:以后|将来|到时候|日后|哪天|往后)/;
/** Something wrong already, said beside a fear: how long it has lasted, or that it still is. */
const ALREADY_WRONG = /(?:好几|半|[一两三四五六七八九十\d]+)个?(?:天|星期|礼拜|月|年)了|一直|老是|还没|至今|到现在|已经/;

/** A trouble left alone for a while: "一个礼拜没人修", "半个月了都没人管", "一直没人来处理". */
const NEGLECTED =
  /(?:[一两二三四五六七八九十几半多好]+个?多?(?:天|礼拜|星期|周|月|年)了?|一直|老是|至今|到现在|好久)(?:都|也|还)?(?:没人|没有人)(?:修|管|来|理|处理)/;

/**
 * What only announces a question or a story: "我想问个事", "你听俺说", "俺家情况复杂", "请问". Nothing of the
 * question itself is in it yet.
 */
const PREAMBLE_PARTS =
  /(?:[我俺咱]们?)?(?:想|要|能)?(?:跟你|和你|给你|向你|跟您|向您)?(?:问|打听|请教|咨询|说)(?:个|一个|一下|下|问|件)?(?:事儿?|情)?|(?:你|您)?听[我俺]说(?:说)?|[我俺咱]?家(?:的|里)?情况(?:有点|有些|比较|挺|很|特别)?(?:复杂|特殊|麻烦|难办)|(?:[我俺咱]们?)?(?:家|家里|家的)?(?:的)?情况(?:是这样的?|说一下|说说|说下|讲一下|讲讲|介绍一下)|有(?:个|件|点)事儿?|你好|您好|在吗|行吗|可以吗|好吗|中不中|行不行|麻烦你|麻烦您|请问|那个|是这样|这样的|[我俺]是(?:这个?|咱|俺)?(?:[\u4e00-\u9fa5]{1,3}?村|村|组|镇|乡)?(?:里|上)?的?(?:会计|文书|干部|支书|书记|主任|组长|村长|网格员|专干|委员|妇女主任|残联专干)|(?:给|帮)(?:组里|村里|大伙|大家)?算(?:个|下|一下)?账/g;

/** The words a message of small talk is made of, longest first (so "谢谢你" is taken before "谢谢"). */
function smallTalkWords(words: ConversationWords): { smalltalk: readonly string[]; negation: readonly string[] } {
  // Read for every message and fixed for a snapshot's words: sorted once, not per message.
  let lists = SORTED.get(words);
  if (!lists) {
    const longestFirst = (list: string[]) => list.sort((a, b) => b.length - a.length);
    lists = {
      smalltalk: longestFirst([...words.thanks, ...words.farewells, ...words.acknowledgements, ...words.greetings]),
      negation: longestFirst([...words.negations, ...words.thanks, ...words.acknowledgements]),
    };
    SORTED.set(words, lists);
  }
  return lists;
}
const SORTED = new WeakMap<ConversationWords, { smalltalk: readonly string[]; negation: readonly string[] }>();

export function readMessage(text: string, words: ConversationWords): Reading {
  const core = text.replace(PUNCTUATION, "").replace(PARTICLES, "");
  if (core.length <= 6 && words.resets.includes(core)) return { kind: "reset" };
  // (Up to 20: "好嘞那俺先去地里了回头再问", "过年好给你拜个早年2024龙年大吉" are small talk throughout, and only
  // words of small talk pass.)
  if (core.length <= 20) {
    const { smalltalk, negation } = smallTalkWords(words);
    if (onlyOf(core, smalltalk)) {
      const what = has(core, words.farewells) ? "farewell" : has(core, words.thanks) ? "thanks" : has(core, words.greetings) ? "greeting" : "ack";
      return { kind: "smalltalk", what };
    }
    if (onlyOf(core, negation)) return { kind: "smalltalk", what: "negation" };
  }
  if (core.length >= 2 && core.length <= 16 && core.replace(PREAMBLE_PARTS, "").length === 0) return { kind: "smalltalk", what: "preamble" };
  // "发不发", "管不管", "给不给": the villager's yes-no question.
  const asks =
    has(text, words.info_questions) ||
    has(text, words.complaint_questions) ||
    has(text, words.why_words) ||
    /[?？]/.test(text) ||
    /([\u4e00-\u9fa5])不\1/.test(text) ||
    // ("该多装几个", "多放几场": a suggestion to do more, not asking how many.)
    /(?<![好这那])(?<!多[\u4e00-\u9fa5])几(?:个|件|次|回|趟|遍|人|户|场|年|天|期|吨|套|本|类|岁|名|位|所|亩|百|千|万|座|条|道|辆|台|处|家|块)/.test(text) ||
    // "压秸秆的要收钱不 俺屋后草垛子老大一堆": a yes-no question closing its clause, more said after it.
    /(?:要|收|给|能|有|是|会|管|行)[^，,。\s]{0,3}(?:不|吗|没有)(?=[\s，,。！!])/.test(text) ||
    // "搞了啥活动", "还能咋参与", "啷个大法": wh-words; "有人管没有", "签了合同没得", "看了几户嘛": a question's close.
    /啥|什么|哪|谁|咋|啷个/.test(text) ||
    // "镇上给补好多钱": 好多 for 多少 in the south-west, closing the message ("花了好多钱" tells).
    /(?:给|补|要|收|卖|是|有|能|领|拿)好多(?:钱|块)?(?:嘛|哦|呢)?\s*[?？]?\s*$/.test(text.trim()) ||
    // "到底投了500万还是50万": a question offering two answers (not "还是没修好").
    /(?:是|到底|究竟)[^，,。；]{0,12}还是|\d[^，,。；]{0,4}还是[^，,。；]{0,4}\d/.test(text) ||
    // ("一滴水都没有", "啥也没有": 都/也 before it makes 没有 a statement.)
    /(?<![都也])(?:没有|没|不|吗|呢|没得|嘛)\s*[？?]?\s*$/.test(text.trim()) ||
    // "那三级的就是一年400对吧", "那一年就是600吧": a figure put to us to confirm ("得修了是吧" is no question).
    readClaim(text) !== undefined;
  // "俺孙子今年考上县一中了 可高兴了": good news shared, asking nothing and nothing wrong in it.
  // ("…真高兴 就是学费交不起": a worry after it is what the message is about.)
  if (
    !asks &&
    GOOD_NEWS.test(text) &&
    // ("不太高兴", "红白喜事", "村干部可高兴了 亲戚都评上了 俺们评不上": no joy of the villager's own.)
    !/就是|可是|但是|不过|只是|愁|难|不起|没钱|不太?高兴|不开心|红白|白事|没评上|评不上|亲戚|凭啥|凭什么|干部/.test(text) &&
    !has(text, words.problem_words) &&
    !has(text, words.report_words)
  )
    return { kind: "smalltalk", what: "news" };
  // "残疾人上访投诉的事 县残联一般咋处理": how such things are handled in general, no report of one.
  if (has(text, words.not_a_report) || GENERAL_PROCESS.test(text)) return { kind: "question", notAReport: true };
  // "俺是村支书 报一下一户多残的户数", "统计一下…的人数": a cadre giving the village's numbers to reckon, no trouble.
  if (NUMBERS_GIVEN.test(text) && !has(text, words.problem_words)) return { kind: "question", notAReport: true };
  if (OPINION.test(text) && !has(text, words.report_words)) return { kind: "report_or_question" };
  // "想看看群众反映的问题列表": staff asking to see the reports, not a report of their own.
  if (REPORTS_VIEWED.test(text) && !/[我俺咱]反映/.test(text)) return { kind: "question", notAReport: true };
  // "俺爹那轮椅坏了，买新的又舍不得": a need of one's own, unless they also say 反映 or ask someone to act,
  // or the trouble is a named village's ("岭西村图书室成天锁着门…娃们想借书都借不成").
  const villages = /[\u4e00-\u9fa5]{1,3}村(?![里民委])/.test(text) && has(text, words.problem_words);
  // "让人欺负了想告状，请不起律师": 告状 inside the wish 想告 is the need itself, not a report to us.
  // Only a message with a wish is rewritten: every message is read, and most have none.
  const unwished = () => words.wishes.reduce((t, w) => t.split(w).join("，"), text.replace(WISHES, "，"));
  if (
    (has(text, words.wishes) || WISH.test(text)) &&
    !villages &&
    !has(unwished(), words.report_words) &&
    !has(text, words.requests) &&
    !has(text, words.complaint_questions)
  )
    return { kind: "question", notAReport: false };
  // "前些年为啥…", "当初为什么要整治": asking about the past is not reporting a problem of today.
  if (has(text, words.why_words) && has(text, words.past_markers)) return { kind: "question", notAReport: false };
  // "那条河以前又臭又淤，后来整治了没，咋整的": what came of a past problem is a question.
  if (
    has(text, words.past_markers) &&
    /后来|最后|咋整的|怎么整的|[咋怎么]+(?:弄|办|处理|搞)的|整治了没|解决了没|咋解决|怎么解决|管过|修好了没|建好了没|整过|修过|弄过|[干做搞]了(?:些|点)?(?:啥|什么)/.test(
      text,
    )
  )
    return { kind: "question", notAReport: false };
  // "想上沼气，就怕以后坏了没人管": a trouble feared for later is a question about how it would be handled, unless
  // something is wrong already ("担心以后也没人管，路灯坏了半个月了").
  if (FEARED.test(text) && !ALREADY_WRONG.test(text)) return { kind: "question", notAReport: false };
  // "给不给钱", "管不管": the villager's yes-no question, not "不给"/"不管" as a complaint.
  // "俺想不通", "搞不懂": bewilderment at a decision, not something broken (不通 is a road's problem).
  const problem = has(text.replace(/([\u4e00-\u9fa5])不\1/g, "，").replace(/[想搞弄看]不(?:通|懂|明白)|不理解/g, "，"), words.problem_words);
  // "村里重度残疾人 一组7个 二组5个 三组3个": a cadre's tally, nothing wrong in it.
  if (
    !problem &&
    !has(text, words.report_words) &&
    (text.match(/[一二三四五六七八九十\d]+组(?:有|是)?\s*(?:\d+|[一两二三四五六七八九十]+)\s*(?:户|个|人|名|位)/g)?.length ?? 0) >= 2
  )
    return { kind: "question", notAReport: false };
  // "我要反映个事" files; "投诉信访这块，妇联接了多少件" asks about complaints: answered, with the offer.
  if (has(text, words.report_words) || DISPUTE.test(text)) return asksForFacts(text) ? { kind: "report_or_question" } : { kind: "report" };
  // "熏得人头疼 管管吧", "补助还没收到 麻烦查查": asking someone to act on something here is a report.
  // "不是说免费吗，请你们查一查": the request to act decides, not the rhetorical question beside it.
  if (!problem)
    return has(text, words.requests) && !asksForFacts(text)
      ? ASKS_WHOM.test(text)
        ? { kind: "report_or_question" }
        : { kind: "report" }
      : { kind: "open", asks };
  // "凭啥俺家没领到一户多残补助 这个补助到底每户一年多少": a trouble, then a question for a figure that asks
  // nothing about the trouble itself: answered, with the offer to file.
  const clauses = text.split(/[，,。；;！!？?\s]+/).filter(Boolean);
  if (
    clauses.length >= 2 &&
    (AMOUNT_ASKED.test(clauses.at(-1)!) || RULE_ASKED.test(clauses.at(-1)!) || HOW_IT_GOES.test(clauses.at(-1)!) || COUNT_ASKED.test(clauses.at(-1)!)) &&
    !has(clauses.at(-1)!, words.problem_words) &&
    !has(clauses.at(-1)!, words.complaint_questions)
  )
    return { kind: "report_or_question" };
  // "俺爹四级残疾 凭啥不给救助 人家三级的都有": comparing with others who get it, by grade or standing, asks who
  // qualifies: answered, with the offer to file.
  if (COMPARED_WITH_OTHERS.test(text) && /[一二三四1-4]级|贫困户|低保|重度|老年/.test(text)) return { kind: "report_or_question" };
  // "凭啥俺三级才给四百一级给八百": the rule's own amounts by grade complained of — the rule is the answer.
  if (
    /[一二三四1-4]级[^，,。？?]{0,4}(?:才|只|就)?(?:给|领|拿|发)[^，,。？?]{0,2}(?:\d+|[一二三四五六七八九十百千两]+)/.test(text) &&
    !has(text, words.report_words)
  )
    return { kind: "report_or_question" };
  // "上头到底关不关心俺们这种留守娃": whether those like them are cared for, asked of a kind of people, is a question
  // about what exists for them: answered, with the offer to file.
  if (/(?:关不关心|管不管|有没有人管)[^，,。？?]{0,8}(?:这种|这类|这些|这样的)|(?:这种|这类|这样的)[^，,。？?]{0,10}(?:关不关心|管不管)/.test(text))
    return { kind: "report_or_question" };
  if (has(text, words.complaint_questions)) return { kind: "report" };
  // "又让建沼气 上回建了坏了没人管 这回咋保证": a trouble of before, and how it is to go this time, is a question.
  if (/上回|上次|以前|前些年|原来|那时候/.test(text) && /(?:这回|这次|以后|往后|今后)[^，,。？?]{0,6}(?:咋|怎么|怎样|能不能|会不会|有没有|谁)/.test(text))
    return { kind: "report_or_question" };
  // "沼气池坏了找服务站修 对吧": whom to go to, said and put to confirm, is asked like 找谁修.
  // Not a trouble said with whom the villager wants to act ("路坏了 得找镇上修 对吧", "去村委会登记 对吧"): a report.
  const whom = /(?:找|去|到|上)([^，,。？?\s]{1,8}?)(?:来)?(?:修|办|问|看|报名|领|登记)/.exec(text);
  if (CONFIRM_TAG.test(text) && whom && !/^(?:镇上|镇里|镇政府|村里|村委会?|乡里|乡政府|县里|上面|政府|人|谁)/.test(whom[1]!))
    return { kind: "report_or_question" };
  // "池子不出气了，找谁给看看": asking whom to go to is a question, even worded as a request.
  if (has(text, words.requests)) return ASKS_WHOM.test(text) ? { kind: "report_or_question" } : { kind: "report" };
  // "机器坏了 一个礼拜没人修 咋弄": left undone for a while, "what now" asks for someone to act: a report.
  // ("沼气池坏了好几回了一直没人修 镇上有没有管维修的地方": whom to go to, asked, is still a question.)
  // ("俺爹八十了 一个礼拜没人来看 他是一级残疾 能领多少", "一直没人管 能申请托养不": what one may get, asked.)
  if (
    NEGLECTED.test(text) &&
    !ASKS_WHOM.test(text) &&
    !/有没有|谁|哪|咋样|怎么样|多少|几|能领|能申请|能办|补助|补贴|救助|托养|低保|五保|[吗么啥]|不\s*[？?]?$/.test(text)
  )
    return { kind: "report" };
  // "图书室锁了一年了 管理员根本不来 书都发霉了 这谁管": a trouble dragged on, closed by asking who is in charge of
  // it, asks someone to act.
  if (DRAGGED_ON.test(text) && /(?:这|那|到底|究竟)(?:个)?(?:事)?(?:该|归)?谁(?:来)?管(?:啊|呀|呢|嘛|哇)?\s*[?？]?$/.test(text.trim()))
    return { kind: "report" };
  if (has(text, words.info_questions)) return { kind: "report_or_question" };
  // "河道又脏又臭 镇上到底修没修过": whether something was ever done, asked (修没修过, 整治过没有), like one ending in 没.
  // (Of what the township does — 修, 整, 管, 办 — not "一个人没人管", nor whether someone came, "来没来过".)
  if (/([修整管办弄建治查发给])没\1过?|(?:修|整治|治理|建|办|弄)过(?:没有|没)\s*[？?]?$/.test(clauses.at(-1)!)) return { kind: "report_or_question" };
  // "烧秸秆污染大 压成块的烧起来干净不", "现在镇上有地方能修了没": a yes-no question beside the trouble,
  // like one ending in 吗.
  if (/(?<![都也])(?:不|没|没有)\s*[？?]?$/.test(text.trim())) return { kind: "report_or_question" };
  return { kind: "report", implicit: true };
}

/**
 * The message names staff work (reports, statistics, receipts, invite codes); `text` is folded. In a
 * villager's report ("图书室锁着门 给反映反映") the words of reporting (反映, 投诉) are not staff work.
 */
export function mentionsStaffWork(said: string, words: ConversationWords, reading?: Reading): boolean {
  // "几条村", "多少条路": counting villages or roads, not reports.
  // "四先工作法都有哪几条": which points of a method, not how many reports.
  let text = said.replace(/(?:几|多少)条(?=[村路河街沟渠坝桥])|哪几条/g, "");
  // "村里统计一下特别救助": a cadre tallying a programme's money, not the reports' statistics.
  // "统计下：一级贫困的3个": people counted grade by grade are the same; "统计一下放电影：三家庄10场" too.
  if (
    (/救助|补助|补贴|残疾|多残|两残|低保|代缴|养老/.test(text) || readGradeTally(text) || /\d\s*(?:场|套|户|口人|平方米|平米|本|册)/.test(text)) &&
    !/反映|投诉|意见|问题|留言|反馈|fk/i.test(text)
  )
    text = text.replace(/统计|汇总/g, "");
  // A report, or a question that says it is none ("不是反映问题，就问问…"): its "反映" is no staff query.
  if (reading?.kind === "report" || (reading?.kind === "question" && reading.notAReport))
    return words.staff_words.some((w) => !words.report_words.some((r) => r.includes(w) || w.includes(r)) && text.includes(w));
  return has(text, words.staff_words);
}

/** A question after facts ("多少", "几", "什么时候"), not a request for action. */
function asksForFacts(text: string): boolean {
  return (
    /多少|(?<![好这那多少放办搞开修建])(?<!多[\u4e00-\u9fa5])几[个件次人户场年天条]|什么时候|啥时候|哪年|哪些|哪个|哪几|最多|最少|是什么|是啥/.test(text) &&
    !/怎么样了|咋样了|进展|处理了没/.test(text)
  );
}
