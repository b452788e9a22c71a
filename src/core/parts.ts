// A village told part by part, a grade at a time: "一组 一级贫困2个 三级贫困1个 ⏎ 二组 二级贫困1个 另外有个三级的
// 不是贫困户 ⏎ 三组 原来一个一级贫困的 今年春上去世了 ⏎ 哦一组三级贫困的说错了 是2个". Each part's people by grade;
// those gone are taken out, those not poor counted apart, a part named again corrects what was said of it. Pure.
import { type GradeGroup, gradesSaid } from "./tally.ts";
import { parseNumber } from "../text/numbers.ts";

const NUMBER = String.raw`(\d+|[一两二三四五六七八九十]+|俩|仨)`;
const GRADES = String.raw`((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])`;
/** Words that may come just before a part named in passing: "哦一组…说错了", "对了刚才东头组…", "纠正下 二组…". */
const LEAD = String.raw`(?:^|[\s，,。；;！!？?:：]|哦|噢|哎呀|哎|啊|对了|弗对|不对|刚才|更正一下|更正|纠正一下|纠正下|纠正|另外|还有)`;
/** Characters a part's own name is made of (not 个 or 每: "一个组一个组说", "每个组"). */
const NAME = String.raw`[^\s\d，,。；;！!？?:：个每全哪这那各几俺我咱你他她的是有了说算帮哦噢哎啊呀对弗不纠更正刚才另还]`;
/** A part of the village: "一组", "1组", "东头组", "上湾组", "河西组", "李家院子", "王家湾", "张家坝", "前庄". */
const PART = new RegExp(
  `(?<=${LEAD})((?:[一二三四五六七八九十]|\\d{1,2})(?:组|队)|${NAME}{1,3}(?:组|队)|${NAME}{1,2}(?:院子|湾|坝|庄|屯|沟|洼|宅))(?=[\\s的那里有是系改还又:：]|(?:[一二三四1-4][、和跟到至]?){1,3}级|$|说|刚|更|\\d|[一两二三四五六七八九十俩仨]个)`,
  "g",
);
/** "一级贫困2个", "三级的贫困户2个", "二级贫困1人", "一级贫困3" (the count at a clause's end, no unit). */
const GRADE_FIRST = new RegExp(
  `${GRADES}级(?:的)?(?:贫困(?:户|的)?)?(?:残疾人?)?(?:的)?(?:有|是|共|一共)?\\s*${NUMBER}\\s*(?:个|人|名|位|(?=$|[\\s，,。；;！!？?]|不是|但|可|其中|还|一))`,
  "g",
);
/** "2个三级贫困的", "一个一级贫困的", "4个三级贫困的". */
// ("还有个三级贫困的…迁走了", "另外有个三级的不是贫困户": 有个 is one.)
// ("俩三级的不是贫困户": 俩 and 仨 need no 个.)
const COUNT_FIRST = new RegExp(
  `(?:(\\d+|[一两二三四五六七八九十]+)\\s*(?:个|位|名)|(俩|仨)个?|(?<=有)个)(?:是)?(?:贫困的?)?${GRADES}级(?:的)?(?:贫困(?:户|的)?)?`,
  "g",
);
/** "不贫困的二级1", "不是贫困户的三级2个": counted apart, said first. */
const NOT_POOR_FIRST = new RegExp(`(?:不贫困|不是贫困户?)的?${GRADES}级(?:的)?\\s*${NUMBER}`, "g");
// ("户口前年迁回来了", "从外地搬回来的": come back, not gone.)
/** More people than any village's part has: a count misread or typed wrong, never reckoned. */
const MAX_COUNT = 10_000;
const GONE = /去世|过世|走了|死了|没了|搬(?!回|来|进|过来)|迁(?!回|来|进|过来)/;
/** Changes of grade or of the count's makeup: "复评成二级", "又评上", "漏了俩", "新增", "多了2个". */
const UNREAD_CHANGES = /评成|复评|改评|升成|降成|调成|变成|鉴定成|又评上|新评上|漏了|漏报|少报|多报|新增|增加|减少|多了|少了|重复/;
const NOT_POOR = /(?:不是|非|不算|不)贫困/;

interface Said {
  grades: number[];
  count: number;
  notPoor: boolean;
  /** The count first said, when some of it are gone since. */
  from?: number;
}

/** The groups of people said in one part's words, in order. */
function groupsIn(words: string): Said[] {
  const found: Array<{ at: number; end: number; grades: number[]; count: number; notPoorFirst: boolean }> = [];
  const taken = (at: number) => found.some((f) => at >= f.at && at < f.end);
  for (const m of words.matchAll(NOT_POOR_FIRST))
    found.push({ at: m.index, end: m.index + m[0].length, grades: gradesSaid(m[1]!), count: parseNumber(m[2]!) ?? Number.NaN, notPoorFirst: true });
  for (const m of words.matchAll(COUNT_FIRST))
    if (!taken(m.index))
      found.push({
        at: m.index,
        end: m.index + m[0].length,
        grades: gradesSaid(m[3]!),
        count: parseNumber(m[1] ?? m[2] ?? "一") ?? Number.NaN,
        notPoorFirst: false,
      });
  for (const m of words.matchAll(GRADE_FIRST))
    if (!taken(m.index))
      found.push({ at: m.index, end: m.index + m[0].length, grades: gradesSaid(m[1]!), count: parseNumber(m[2]!) ?? Number.NaN, notPoorFirst: false });
  found.sort((a, b) => a.at - b.at);
  return found.flatMap((f, k): Said[] => {
    // What is said of them: their own words up to the next group's.
    const clause = words.slice(f.at, found[k + 1]?.at ?? words.length);
    // "三级贫困仨 其中一个不是贫困户": some of them not poor, counted apart from the rest.
    const notAll = /(?:其中|里头|里面|有)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个?[^，,。；\s]{0,6}?(?:不是|非|不算)贫困/.exec(clause);
    if (notAll && !f.notPoorFirst) {
      const n = Math.min(f.count, parseNumber(notAll[1]!) ?? 1);
      return [
        { grades: f.grades, count: f.count - n, notPoor: false },
        { grades: f.grades, count: n, notPoor: true },
      ];
    }
    const notPoor = f.notPoorFirst || (NOT_POOR.test(clause) && !/都是贫困|(?<!不)是贫困户|评上/.test(clause));
    if (!GONE.test(clause)) return [{ grades: f.grades, count: f.count, notPoor }];
    // "其中老王头年前走了 还剩俩", "其中一个去年腊月走了", "一级那个上个月搬去外省": some gone; said alone of them
    // ("原来一个一级贫困的 今年春上去世了", "二级贫困1 死了"), all of them.
    const left = /还剩\s*(\d+|[一两二三四五六七八九十]+|俩|仨)/.exec(clause);
    const some =
      /(?:其中|走了|去世了?|过世了?|死了)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个/.exec(clause) ??
      /(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个[^，,。；\s]{0,8}(?:去世|过世|走了|死了|搬|迁)/.exec(clause.slice(f.end - f.at));
    const remaining = left
      ? (parseNumber(left[1]!) ?? 0)
      : some
        ? Math.max(0, f.count - (parseNumber(some[1]!) ?? 1))
        : /其中|那个|那位|有一个|有个/.test(clause)
          ? Math.max(0, f.count - 1)
          : 0;
    return [{ grades: f.grades, count: remaining, notPoor, from: f.count }];
  });
}

/** A part named again with only a count ("东头组说错了 是2个不是3个", "1组改成2个"): the count, and the grade if said. */
function restatedCount(words: string): { count: number; grades?: number[] } | undefined {
  const said = /(?:是|改成|改为|应该是|其实是|实际是|还是)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个/.exec(words);
  if (!said) return undefined;
  const grade = new RegExp(`${GRADES}级`).exec(words.slice(0, said.index));
  return { count: parseNumber(said[1]!) ?? Number.NaN, ...(grade ? { grades: gradesSaid(grade[1]!) } : {}) };
}

/** "一组 一级贫困2个", "东头组说错了 是2个": a message telling (or correcting) one part of the village's people. */
export function tellsPart(text: string): boolean {
  const said = alike(text);
  const first = [...said.matchAll(PART)][0];
  if (!first || first.index > 6) return false;
  const words = said.slice(first.index + first[0].length);
  return groupsIn(words).length > 0 || restatedCount(words) !== undefined;
}

/** "一级二级的贫困户一共4个": two grades paid alike, said as one group ("一二级"). */
const alike = (text: string) => text.replace(/([一二三四1-4])级(?:的)?[、和跟及与]?(?=[一二三四1-4]级)/g, "$1");

/**
 * The people of a village told part by part, by grade (at least two parts with people of a grade said), summed
 * by grade with each part's share in the tally; undefined when the text is not such a tally.
 */
export function readPartsTally(text: string): Array<GradeGroup & { tally?: string }> | undefined {
  // A change this reader does not follow ("复评成二级", "又评上一个", "漏了俩"): the tally readers before it take it.
  if (UNREAD_CHANGES.test(text)) return undefined;
  const said = alike(text);
  const marks = [...said.matchAll(PART)];
  if (marks.length < 2) return undefined;
  const parts = new Map<string, Said[]>();
  let unread = false;
  marks.forEach((m, k) => {
    const name = m[1]!;
    const words = said.slice(m.index + m[0].length, marks[k + 1]?.index ?? said.length);
    const groups = groupsIn(words);
    const before = parts.get(name);
    if (!before) {
      if (groups.length > 0) parts.set(name, groups);
      // ("一组三级贫困残疾6个 二组4个": a part counted with no grade of its own is the grade said before; the
      // readers after this one take such a tally.)
      else if (/(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*(?:个|人|名|位)/.test(words)) unread = true;
      return;
    }
    // Named again: a correction of what was said of it.
    // "二组 还有一个三级的": more of the part, added to what was said of it.
    if (groups.length > 0 && /^\s*(?:那)?(?:还有|又有|另外|再加上?|加上)/.test(words)) {
      const merged = [...before];
      for (const g of groups) {
        const same = merged.findIndex((h) => h.grades.join() === g.grades.join() && h.notPoor === g.notPoor);
        if (same >= 0) merged[same] = { ...merged[same]!, count: merged[same]!.count + g.count };
        else merged.push(g);
      }
      parts.set(name, merged);
    } else if (groups.length >= 2) parts.set(name, groups);
    else if (groups.length === 1) {
      const [one] = groups as [Said];
      // "一组说错了 不是一级 是二级贫困2个": the grade denied is replaced by the one said.
      const denied = new RegExp(`不是\\s*${GRADES}级`).exec(words);
      const instead = denied ? before.findIndex((g) => g.grades.join() === gradesSaid(denied[1]!).join() && !g.notPoor) : -1;
      const same = instead >= 0 ? instead : before.findIndex((g) => g.grades.join() === one.grades.join() && g.notPoor === one.notPoor);
      parts.set(name, same >= 0 ? before.map((g, i) => (i === same ? one : g)) : [...before, one]);
    } else if (GONE.test(words) || NOT_POOR.test(words)) {
      // "二组5个里有1个户口迁到镇上了": some of the part gone since; "二组有一个查了不是贫困户": some of it not
      // poor, counted apart.
      const gone = GONE.test(words);
      // ("有1个户口迁走了", "一级的去年走了一个", "一个搬到外省了": how many, said before or after the word.)
      const some =
        /有\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个/.exec(words) ??
        /(?:走了|去世了?|过世了?|死了|搬走了?|迁走了?)\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个/.exec(words) ??
        /(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个[^，,。；\s\d]{0,8}?(?:走了|去世|过世|死了|搬|迁)/.exec(words);
      const grade = new RegExp(`${GRADES}级`).exec(words);
      const poor = before.filter((g) => !g.notPoor && (!grade || g.grades.join() === gradesSaid(grade[1]!).join()));
      if (!some || poor.length !== 1) return;
      const [group] = poor as [Said];
      const n = Math.min(group.count, parseNumber(some[1]!) ?? 1);
      const rest = before.map((g) => (g === group ? { ...g, count: g.count - n, ...(gone ? { from: g.from ?? g.count } : {}) } : g));
      parts.set(name, gone ? rest : [...rest, { grades: group.grades, count: n, notPoor: true }]);
    } else {
      const restated = restatedCount(words);
      if (!restated) return;
      const poor = before.filter((g) => !g.notPoor);
      const which = restated.grades ? poor.find((g) => g.grades.join() === restated.grades!.join()) : poor.length === 1 ? poor[0] : undefined;
      // ("一组说错了 是2个" of a part with two grades: which one is not guessed; the reader steps aside.)
      if (!which) unread = true;
      else
        parts.set(
          name,
          before.map((g) => (g === which ? { grades: g.grades, count: restated.count, notPoor: false } : g)),
        );
    }
  });
  if (parts.size < 2 || unread) return undefined;
  // A count no village has ("9999…个", one no number reads): nothing is reckoned on it.
  if ([...parts.values()].flat().some((g) => !Number.isInteger(g.count) || g.count < 0 || g.count > MAX_COUNT)) return undefined;
  // Summed by grade (and standing), each part's share shown: "一组 2 + 二组 (3 − 1) = 4 人".
  const sums = new Map<string, { grades: number[]; notPoor: boolean; count: number; shown: string[]; from: number }>();
  for (const [name, groups] of parts)
    for (const g of groups) {
      const key = `${g.grades.join()}|${g.notPoor}`;
      const sum = sums.get(key) ?? { grades: g.grades, notPoor: g.notPoor, count: 0, shown: [], from: 0 };
      sum.count += g.count;
      sum.from += g.from ?? g.count;
      sum.shown.push(g.from !== undefined && g.from !== g.count ? `${name} (${g.from} − ${g.from - g.count})` : `${name} ${g.count}`);
      sums.set(key, sum);
    }
  const out = [...sums.values()].map((s) => ({
    grades: s.grades,
    count: s.count,
    ...(s.notPoor ? { notPoor: true } : {}),
    ...(s.shown.length > 1 ? { tally: `${s.shown.join(" + ")} = ${s.count} 人` } : {}),
    // (One part's people, some gone: shown as "三级现在：3 − 1 = 2 个".)
    ...(s.shown.length === 1 && s.from !== s.count ? { from: s.from, by: s.count - s.from } : {}),
  }));
  return out.some((g) => !g.notPoor && g.count > 0) ? out : undefined;
}
