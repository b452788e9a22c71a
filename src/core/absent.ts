// A programme the question names that the knowledge base has no entry for ("危房改造补助", "高龄老人津贴"): then no
// entry answers it, however many words it shares with one, and the reply says so instead of giving a neighbour's figure.
// Reading of the question, apart from the search: it asks the index only which words it knows.
import type { Entry } from "../knowledge/schema.ts";
import { SUBSIDY_WORDS, type AnalyzedQuery, type KnowledgeIndex } from "../knowledge/search.ts";

/** "一年到底能领多少", "究竟给多少": a word of how it is asked, never a programme's name. */
const ADVERB = /^(?:到底|究竟|总共|一共|大概|大约|真的|确实|具体|实际|一般|平常|平时|反正|起码|最多|最少|顶多|能够|可以|应该|总归)$/;
/** Words saying per whom or per what an amount is, between a programme's name and 补助. */
const AMOUNT_FILLERS: ReadonlySet<string> = new Set(["一户", "每户", "每人", "一人", "一个人", "每亩", "一亩", "一辆", "每辆", "一台", "每台", "一套", "每套"]);
/** "半年补助多少", "两年补助": a span of time before 补助 is how long, not the name of a programme. */
const PERIOD = /^(?:[一二两三四五六七八九十半几每全上下头]+个?(?:年|月|季度?|天|星期)|季度)$/;
/** Old people named by age or standing, and money asked for them (给, 补, 多少 …). */
const AGED =
  /((?:\d+|[一二三四五六七八九十百]+)岁(?:以上|以上的|往上)?(?:的)?(?:老人|老年人?)|百岁老(?:人|年)|高龄老(?:人|年)|五保(?:老人|老年|户)|孤寡老(?:人|年)|空巢老(?:人|年))[^，,。？?]{0,8}?(?:补贴|补助|津贴|救助|给钱|多少)/;

/** Whom money is for, never what: a relative, a child by birth order, a pronoun. */
const PERSON =
  /^(?:[爷奶姥爹娘爸妈哥姐弟妹叔伯舅姨姑婶嫂孙]{1,2}|外公|外婆|父亲|母亲|儿子|女儿|闺女|孙子|孙女|老伴|媳妇|老婆|丈夫|老公|公公|婆婆|大爷|大娘|老头|老太|老大|老二|老三|老四|老小|俺家|我家|咱家|家里|他们|她们|我们|俺们|咱们|他俩|她俩|俺俩|各自|自己|自个|人家|穷人|穷人家)$/;

/**
 * "危房改造能给补多少钱", "残疾大学生入学有补助不": what money is asked for, named right before it, in words the
 * knowledge base has never seen (each, or a part of each); undefined otherwise.
 */
function paidForUnknown(index: KnowledgeIndex, text: string): string | undefined {
  const paid = /(?:能|可以)?(?:给)?(?:有)?补(?:助|贴)?(?:多少|几|不|吗|没)/.exec(text);
  if (!paid) return undefined;
  const clause =
    text
      .slice(0, paid.index)
      .split(/[，,。；;！!？?\s]/)
      .at(-1) ?? "";
  const named: string[] = [];
  for (const token of index.segmenter.tokens(clause).reverse()) {
    const content =
      token.length >= 2 &&
      /^[\u4e00-\u9fa5]+$/.test(token) &&
      !index.notTopics.has(token) &&
      !ADVERB.test(token) &&
      !AMOUNT_FILLERS.has(token) &&
      !PERIOD.test(token) &&
      // ("一年下来", "有点啥贴补": how or how much, not what for; "三个", "两家", "全村", "那个", "剩下": whom or which;
      // "算的话一年补多少", "要是…": a supposition.)
      !/^有|下来$|起来$|的话$|[个家俩仨们村组县镇乡]$|^[那这哪全本国剩往]|^(?:要是|如果|假如|万一)/.test(token);
    if (!content || PERSON.test(token)) {
      if (named.length > 0) break;
      continue;
    }
    named.unshift(token);
    if (named.length === 2) break;
  }
  const unknown = (word: string) => {
    if (index.knows(word)) return false;
    const parts = index.segmenter.words(word).filter((w) => w !== word && w.length >= 2);
    return parts.length === 0 || parts.some((w) => !index.knows(w));
  };
  return named.length > 0 && named.every(unknown) ? named.join("") : undefined;
}

/**
 * "养羊补贴", "护理补贴", "危房改造补助": a subsidy named by a word the knowledge base has never seen.
 * No entry covers it, whatever else the question shares with one; returns the name asked about.
 */
export function absentProgramme(index: KnowledgeIndex, query: AnalyzedQuery): string | undefined {
  // "买机动轮椅车政府补贴多少": money towards buying a thing the knowledge base knows only another subsidy
  // for (its fuel). Covered only by an entry whose name says it is for buying (农机购置补贴).
  const buy = /(?:买|购买|购置)(?:个|辆|台|一辆|一台|一个)?([\u4e00-\u9fa5]{2,8}?)\s*(?:的)?(?:政府|国家|公家|县里|镇上)?(?:有|给|能|发|的)?(?:补助|补贴)/.exec(
    query.text,
  );
  if (buy) {
    const thing = buy[1]!;
    const named = (e: Entry) => [e.title, ...e.aliases];
    // "拖拉机补贴" is an alias of 农机购置补贴: an entry naming the thing anywhere and buying anywhere covers it.
    const about = index.entries.filter((e) => named(e).some((n) => n.includes(thing)));
    if (about.length > 0 && !about.some((e) => named(e).some((n) => /购|买/.test(n)))) return `买${thing}的补助`;
  }
  // "房子漏雨要修，有补助吗": money for doing something to a thing no entry's name speaks of.
  // The thing is the word right before what happened to it (漏雨, 倒了…) or before the verb: "房子漏雨要修",
  // "院墙倒了要盖"; never a pronoun or a place ("我家要修").
  const work =
    /([\u4e00-\u9fa5]{2})(?:漏雨|漏水|漏了|坏了|破了|塌了|裂了|倒了|烂了|旧了)?[，,\s]*(?:要|想|得)?(修|建|盖|换|装)(?:一下|好)?[，,\s]*(?:有没有|有|能有|给不给|能不能给)(?:个|点)?(?:补助|补贴)/.exec(
      query.text,
    );
  if (work && !/^[我俺咱你他她这那]|家$|里$/.test(work[1]!)) {
    const thing = work[1]!;
    const named = (e: Entry) => [e.title, ...e.aliases];
    if (!index.entries.some((e) => named(e).some((n) => n.includes(thing)))) return `${work[2]}${thing}的补助`;
  }
  // "八十岁以上老人补贴", "百岁老人补贴", "五保老人一个月给多少": old people named by age or by a standing the
  // knowledge base has no programme for (its only old people's money is for the disabled poor).
  const aged = AGED.exec(query.text);
  if (aged && !/残/.test(query.text)) return `${aged[1]}的补助`;
  const words = query.words;
  // "助学金", "抚恤金", "慰问金": a kind of money named by a word of its own that no entry has.
  const money = words.find((w) => w.length >= 3 && w.endsWith("金") && !index.knows(w) && !index.knows(w.slice(0, -1)) && !index.notTopics.has(w));
  if (money) return money;
  for (let i = 1; i < words.length; i++) {
    if (!SUBSIDY_WORDS.has(words[i]!)) continue;
    // "危房改造一户能补多少": who or how much the amount is for may stand between the name and the subsidy.
    let j = i - 1;
    // ("孤儿每月补多少": a period each month or year too.)
    while (j > 0 && i - j < 3 && (AMOUNT_FILLERS.has(words[j]!) || /^每个?[月年]$/.test(words[j]!))) j--;
    const named = words[j]!;
    // A period stepped over is the name's own ("孤儿每月"), not the next clause's ("要去掉 一年救助").
    if (words.slice(j + 1, i).some((w) => /^每个?[月年]$/.test(w)) && !query.text.includes(named + words[j + 1]!)) continue;
    if (
      named.length < 2 ||
      SUBSIDY_WORDS.has(named) ||
      AMOUNT_FILLERS.has(named) ||
      PERIOD.test(named) ||
      ADVERB.test(named) ||
      // "他俩各自一年能领", "剩下的一年能领": who or which of them, not a programme; "算的话一年补多少": a supposition.
      /^[我俺咱你您他她它这那]|[俩仨自下来掉]$|的话$|^(?:要是|如果|假如|假设|万一)$/.test(named) ||
      // "每人每月五十的补助": an amount said, not a programme's name.
      /^[零一二两三四五六七八九十百千万]+$/.test(named) ||
      // "俺爷爷一年能领多少", "俺家老三能补多少": a relative is whom it is for.
      PERSON.test(named) ||
      // "想算算救助", "打听一下补助": a verb of reckoning or asking, not a programme.
      /^(?:算算|算一算|算一下|算下|问问|问一下|打听|了解|咨询|查查|查一下|看看)$/.test(named) ||
      // "全村一年补助总数", "全县救助": the whole of a place, summed, not a programme.
      /^(?:全|整个|本)[村组县镇乡市屯家户]|^[村组县镇乡市屯]里?$/.test(named) ||
      index.notTopics.has(named) ||
      index.knows(named)
    ) {
      // "高龄老人津贴": a known word (老人) after one the knowledge base has never seen (高龄) names a programme
      // it does not have, however close the known word's entry is.
      const before = j > 0 ? words[j - 1]! : "";
      if (
        // (A group of people, qualified: 高龄老人, 孤寡老人, 单亲妇女; never "假如特别救助".)
        /^(?:老年|老人|儿童|妇女|学生|农民|家庭|军人|老兵|孤儿|残疾人)$/.test(named) &&
        index.knows(named) &&
        before.length >= 2 &&
        !index.knows(before) &&
        !index.notTopics.has(before) &&
        !AMOUNT_FILLERS.has(before) &&
        !SUBSIDY_WORDS.has(before) &&
        !PERIOD.test(before) &&
        !ADVERB.test(before) &&
        /^[\u4e00-\u9fa5]+$/.test(before) &&
        // (Not who or how many, nor a supposition: "两家一共补助", "他俩特别救助", "假设老年补助".)
        !/[零一二两三四五六七八九十百千万俩仨他她我俺咱你您自各每]|[口家人户个]$|^(?:假如|假设|如果|要是|万一|还有|另外)$/.test(before) &&
        query.text.includes(before + named + words[i]!)
      )
        return `${before}${named}${words[i]}`;
      continue;
    }
    // "贫困户" is new as a whole but made of a word the knowledge base knows (贫困); "危房改造" is not (危房).
    const parts = index.segmenter.words(named).filter((w) => w !== named && w.length >= 2);
    if (parts.length > 0 && parts.every((w) => index.knows(w))) continue;
    // The name must stand right before the subsidy in the text ("高龄津贴", "危房改造一户能补"): in
    // "公家能给俺多少救济" or "身体好好的，一户多残补助" the word before is no name of a programme.
    const at = query.text.indexOf(named);
    const subsidyAt = at < 0 ? -1 : query.text.indexOf(words[i]!, at + named.length);
    // "修房子有补助吗": 有 between a thing to be done and the subsidy asks whether there is one for it
    // ("穷人家有补贴没", "县上有补助没得" name who or where, not a programme).
    const between = query.text.slice(at + named.length, subsidyAt);
    if (subsidyAt < 0 || !/^(?:一户|每户|每人|一人|一个人|每亩|一亩|每个?月|每年|能|可以|有|的|\s)*$/.test(between)) continue;
    if (between.includes("有") && !/^[修建盖买换装治]/.test(named)) continue;
    // "我是村会计 救助名单": a space alone ends a clause; the word before it names no subsidy.
    if (/^\s+$/.test(between)) continue;
    return `${named}${words[i]}`;
  }
  const forWhat = paidForUnknown(index, query.text);
  return forWhat ? `${forWhat}补助` : undefined;
}
