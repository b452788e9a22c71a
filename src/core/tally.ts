// A cadre's tally of people by disability grade, told clause by clause, perhaps over several messages: "一级的3个
// 二级的2个", "说错了 三级是5个", "又去世一个三级的", "还有2个三级的不是贫困户", "四级的1个". Pure.
import { parseNumber } from "../text/numbers.ts";

export interface GradeGroup {
  grades: number[];
  count: number;
  /** The count first said, when the tally changed it since ("去年9个 今年多了2个", "去世一个"). */
  from?: number;
  by?: number;
  /** "还有2个三级的不是贫困户": counted apart; a programme for the poor leaves them out. */
  notPoor?: boolean;
  /** "三级的比一二级少3个": counted against another group, as said (its grades, its count, more or fewer). */
  than?: { grades: number[]; count: number; by: number };
}

/** A grade written in Chinese or Arabic numerals. */
export const GRADE_NUMBER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
const GRADES = "((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])";
const COUNT = "(\\d{1,6}|[一两二三四五六七八九十百]{1,6}|俩|仨)";
const GRADES_PLAIN = "(?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4]";
const COUNT_PLAIN = "(?:\\d{1,6}|[一两二三四五六七八九十百]{1,6}|俩|仨)";
/** "3个一级…", "还有2个三级的": a clause whose groups are said count first. */
const COUNT_LEADS = new RegExp(
  `^(?:还有|另外|另有|又有|又|再有|再加上?|加上|再添|新添|其中)?${COUNT_PLAIN}\\s*(?:个|位|名|(?<=[俩仨]))(?:是)?(?:新评上|新评|刚评上|又评上)?(?:贫困)?(?:的)?${GRADES_PLAIN}级`,
);
const COUNT_STARTS = new RegExp(`(?=${COUNT_PLAIN}\\s*(?:个|位|名|(?<=[俩仨]))(?:是)?(?:新评上|新评|刚评上|又评上)?(?:贫困)?(?:的)?${GRADES_PLAIN}级)`);
const COUNT_STARTS_AT = new RegExp(`${COUNT_PLAIN}\\s*(?:个|位|名|(?<=[俩仨]))(?:是)?(?:新评上|新评|刚评上|又评上)?(?:贫困)?(?:的)?${GRADES_PLAIN}级`);
const GRADE_FIRST_AT = new RegExp(
  `${GRADES_PLAIN}级(?:的)?(?:贫困户?)?(?:的)?(?:残疾人?)?(?:的)?(?:贫困户?)?(?:的)?(?:也|还|就)?(?:有|是|还是|共|一共)?\\s*${COUNT_PLAIN}\\s*(?:个|位|名|人|(?<=[俩仨]))`,
);
/** Where a group said grade first begins: a grade not inside another ("一二级" is one). */
// ("一、二级" is one range; "一级3个、二级2个" is two groups, the 、 after a count.)
const GRADE_STARTS = new RegExp(`(?<![一二三四1-4和跟到至])(?<![^个人名位户]、)(?=${GRADES_PLAIN}级)`);
/** One group, grade first; "二级的又评上2个" too. */
// "一二级和三级的…一共12个" counts both together, not 三级 alone; "一级2个和二级3个" are two groups.
const GRADE_FIRST_ONE = new RegExp(
  `(?<!级的?[和跟与及])${GRADES}级(?:的)?(?:里头|里面|里|中)?(?:贫困户?)?(?:的)?(?:残疾人?)?(?:的)?(?:贫困户?)?(?:的)?(?:也|还|就)?(?:又|新)?(?:评上了?|多了|添了|增加了?|报上了?)?(?:应该是|其实是|实际是|实际上是|改成|改为|有|是|还是|共|一共|共计|总共|合计|共有)?\\s*${COUNT}\\s*(?:个|位|名|人|(?<=[俩仨]))(?!多?个?月|年|天)`,
);
/** "一个新评上的一级": what happened to them may come between the count and the grade. */
const COUNT_FIRST_ONE = new RegExp(`${COUNT}\\s*(?:个|位|名|(?<=[俩仨]))(?:是)?(?:新评上|新评|刚评上|又评上)?(?:贫困)?(?:的)?${GRADES}级`);
/** "三级一个都没有", "二级的没有". */
const NONE_OF = new RegExp(`${GRADES}级(?:的)?(?:贫困)?(?:残疾人?)?(?:一个)?(?:都|也)?没有`);
const GONE = /去世|过世|走了|没了|死了|迁走|迁出|搬走|搬到|迁到|搬[^，,。；\s\d]{1,4}去了/;
const CORRECTING = /说错|写错|打错|不对|搞错|记错|弄错|报错|报多|报少|多报|少报|多算|少算|应该是|改成|改为|更正|纠正/;
/** "一共20个", "总共有20人": the whole, which "剩下都是一二级" is read against. */
const WHOLE = new RegExp(`(?:一共|总共|共|全村|村里|[俺我咱]们?(?:村|组))[^，,。；\\d一二三四五六七八九十两俩仨]{0,8}?(?:有)?\\s*${COUNT}\\s*(?:个|位|名|人)`);
/** "剩下都是一二级", "其余的是三级": the grades of those not counted yet. */
const REST_ARE = new RegExp(`^(?:剩下|剩余|其余|其他|别的)(?:的)?(?:都|全)?(?:是)?${GRADES}级`);
/** "其中有1个", "前街那4个里头有2个": some of those counted, said of again (the count captured). */
export const SOME_OF_THEM = /(?:其中|里头|里面|这里头|当中)[^，,。？?]{0,8}?有?\s*(\d+|[一两二三四五六七八九十]+|俩|仨)\s*个/;
/** "其中东头有1个不是贫困户": some of those counted are not poor. */
export const SOME_NOT_POOR = new RegExp(`${SOME_OF_THEM.source}[^，,。？?]{0,3}(?:不是|非|不算|不)(?:贫困|低保)`);
/** "俺弟家就一个残疾人，不算一户多残": one household of those counted, named by its family, no longer counts. */
export const DROPPED_HOME =
  /(?<![全俺我咱自大人这那两三仨几每各])(?:[俺我咱]?[\u4e00-\u9fa5]{1,2})家(?![里人户乡])[^。？?]{0,12}?(?:不算|不是一户多残|就(?:一|1)个(?:残疾|人))/;
/** "漏了俩": people left out, added by the clause that follows ("二级还有俩"). */
const LEFT_OUT = /漏了|漏掉|漏报|落下了|忘了(?:算|报)/;
/** "是3人", "改成5个": a count alone, after a clause naming the grade it corrects. */
const COUNT_ALONE = new RegExp(`^(?:是|改成|改为|应该是|其实是|其实|实际是|(报了|写了|说了|报的是))?\\s*${COUNT}\\s*(?:个|位|名|人)$`);
/** "其中2个今年评成二级了": some of a group now counted at another grade. */
// "有个三级的评成二级了": 个 alone after 有 or 其中 is one; the grade before the verb says whose group it was.
const REGRADED_SOME = new RegExp(
  // ("那6个里头有1个复评成二级了": the count nearest the verb, not the group's before it.)
  `(?:${COUNT}\\s*(?:个|位|名|人)|(?<=有|其中)个)((?:(?!${COUNT_PLAIN}\\s*(?:个|位|名|人))[^，,。；]){0,8}?)(?:复评成|评成|评为|鉴定成|鉴定为|改成|改为|变成|调成|升成|升为|升到|换成)了?${GRADES}级`,
);
/** "三级的比一二级少3个": a group's count said against another's. */
const RELATIVE = new RegExp(`^${GRADES}级(?:的)?(?:贫困)?(?:残疾人?)?(?:的)?(?:比|较)${GRADES}级(?:的)?(少|多)\\s*${COUNT}\\s*(?:个|位|名|人)?$`);
const ADDING = /^(?:还有|另外|另有|又有|又|再有|再加上?|加上|外加)|又(?:多了|添了|评上|新评|查出|报上)|漏报|新评上?|新增|也报上|也算上/;
const NOT_POOR = /不是贫困|非贫困|不贫困|不算贫困|不是低保|不是建档立卡/;

/** A part's count, no grade of its own: "一组3个", "东头 2个". */
const PART_COUNT = String.raw`[\s，,]*(?:[一二三四五六七八九十\d]{1,2}|[东西南北前后中上下])(?:组|队|村|街|片|庄|屯)(?:有|是)?\s*${COUNT_PLAIN}\s*(?:个|位|名|人)(?![一二三四1-4]级)`;
/** A grade said with no count, then two or more parts' counts: "一二级贫困残疾人 一组3个 二组2个". */
const HEADED_PARTS = new RegExp(`(${GRADES_PLAIN}级(?:的)?(?:贫困户?)?(?:的)?(?:残疾人?)?)((?:${PART_COUNT}){2,})`, "g");
const partsSum = (counts: string) =>
  [...counts.matchAll(new RegExp(PART_COUNT.replace(COUNT_PLAIN, COUNT), "g"))].reduce((sum, m) => sum + (parseNumber(m[1]!) ?? Number.NaN), 0);

/** "其中贫困户6个", "里头是贫困的有6个": how many of the group just counted are poor. */
const POOR_AMONG = new RegExp(`^(?:其中|里头|里面|当中)(?:是)?(?:贫困户?|低保户?|建档立卡户?)(?:的)?(?:有|是|占)?\\s*${COUNT}\\s*(?:个|位|名|人|户)?$`);

/** "一二", "一、二", "2": the grades a group names. */
export const gradesSaid = (said: string) => [...new Set([...said.replace(/[、和跟到至]/g, "")].map((g) => GRADE_NUMBER[g]!))];
const sameGrades = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((g) => b.includes(g));

/**
 * The groups a tally ends with, each grade (or grades paid alike) once, or undefined when the text holds no such
 * tally. A later clause about a grade already counted corrects it when it says so (说错了, 是), adds to it when it
 * says so (还有, 又, 漏报); those gone leave their grade's group. Several village subgroups (一组, 二组) are not read here.
 */
export function readGradeTally(told: string): GradeGroup[] | undefined {
  // "一二级贫困残疾人 一组3个 二组2个 ⏎ 三级贫困残疾人一共4个": a grade's people told by part, with no grade of the
  // parts' own, are that grade's, summed.
  const text = told.includes("级") ? told.replace(HEADED_PARTS, (_, heading: string, counts: string) => `${heading}${partsSum(counts)}个`) : told;
  // (One part named, "一组一二级3人 三级2人", is where the whole tally is from: read like a village's.)
  const parts = new Set(text.match(/[一二三四五六七八九十\d]+组/g) ?? []);
  if (parts.size > 1) return undefined;
  const groups: GradeGroup[] = [];
  /** The group said or changed last: "其中一个…" speaks of it. */
  let last: GradeGroup | undefined;
  const change = (group: GradeGroup, by: number) =>
    Object.assign(group, { from: group.from ?? group.count, by: (group.by ?? 0) + by, count: group.count + by });
  let correcting = false;
  let pendingAdd = false;
  let leftOutCount: number | undefined;
  let whole: number | undefined;
  let restGrades: number[] | undefined;
  /** "三级的记错了" with no count: the grade the next clause's count ("是3人") is for. */
  let correctedGrades: number[] | undefined;
  // "三级 九个", "一二级贫困残疾 十二个": a grade and its count parted by a space are one clause.
  // "一级二级加起来二十个": two grades said one after the other are counted together, as 一二级.
  const paired = text.replace(/([一二三])级(?:和|跟|、)?([二三四])级(?:的)?(?:加起来|加一块|一共|合起来|总共)?/g, (m, a: string, b: string) =>
    "一二三四".indexOf(b) === "一二三四".indexOf(a) + 1 ? `${a}${b}级` : m,
  );
  const joined = paired.replace(/([一二三四1-4]级(?:的)?(?:贫困户?)?(?:残疾人?)?)\s+((?:\d{1,6}|[一两二三四五六七八九十百]{1,6})\s*(?:个|位|名|人))/g, "$1$2");
  // "还有一个二级的 但不是贫困户": not poor, said after a pause, of the ones just counted.
  // ("还有三级的俩 但是他们家不贫困": 但是, 他们家 and 不贫困 too.)
  const kept = joined.replace(
    /[，,\s]+(?=(?:但是?|可是?|不过|就是)?(?:他|她|他们|她们|他俩|她俩)?(?:家|家里)?(?:不是|非|不算|不)(?:贫困|低保)(?!户?的?(?:都)?(?:没|不)(?:算|统计|报|计)))/g,
    "",
  );
  // ("三级里头有两个搬县城去了 户口也迁走了": the same people's leaving said twice, not one more leaving.)
  let previousGone = false;
  for (const clause of kept.split(/[，,。；;！!？?\s]+/).filter(Boolean)) {
    // "三级9个 ⏎ 打错了 是6个": with one group only, a count alone after a correction is that group's.
    const onlyGroup = !correctedGrades && (correcting || /^(?:其实是|应该是|其实|实际是)/.test(clause)) && groups.length === 1 ? groups[0]!.grades : undefined;
    const alone = correctedGrades || onlyGroup ? COUNT_ALONE.exec(clause) : null;
    if (alone && (correctedGrades || onlyGroup)) {
      const grades = (correctedGrades ?? onlyGroup)!;
      correcting = false;
      const said = parseNumber(alone[2]!);
      const group = groups.find((g) => sameGrades(g.grades, grades) && !g.notPoor);
      // "三级的报多了 报了5个 其实是4个": the grade first counted in its correction, the count said last.
      if (group) Object.assign(group, { count: said ?? group.count, from: undefined, by: undefined });
      else if (said !== undefined) groups.push({ grades, count: said });
      // "报了5个" is the figure being corrected; the next clause says the right one.
      if (!alone[1]) correctedGrades = undefined;
      continue;
    }
    correctedGrades = undefined;
    // "一二级残疾人有10个 其中贫困户6个": only some of the group are poor; the rest are counted apart, not poor.
    const poorOf = POOR_AMONG.exec(clause);
    const poorCount = poorOf ? parseNumber(poorOf[1]!) : undefined;
    if (poorOf && last && !last.notPoor && poorCount !== undefined && poorCount < last.count) {
      groups.push({ grades: last.grades, count: last.count - poorCount, notPoor: true });
      last.count = poorCount;
      continue;
    }
    // "七个 打错了是九个": the count after the correction is the group's said last.
    const corrected =
      CORRECTING.test(clause) && !/级/.test(clause)
        ? COUNT_ALONE.exec(clause.replace(/^.*?(?:说错了?|写错了?|打错了?|不对|搞错了?|记错了?|弄错了?|报错了?)/, ""))
        : null;
    if (corrected && last && !corrected[1]) {
      const said = parseNumber(corrected[2]!);
      if (said !== undefined) Object.assign(last, { count: said, from: undefined, by: undefined });
      continue;
    }
    // "说错了" alone corrects what the next clause says; "漏了俩" adds what it says.
    if (CORRECTING.test(clause) && !/级/.test(clause)) {
      correcting = true;
      continue;
    }
    // One group counted, then "又添了两个" or "一共12个了": more of it, or its count as it stands now.
    const onlyOne = groups.length === 1 ? groups[0]! : undefined;
    const more =
      onlyOne && !/级/.test(clause) ? new RegExp(`^(?:又|还|再)(?:添|加|多|查出来?|评上|核实出来?)了?\\s*${COUNT}\\s*(?:个|位|名|人)`).exec(clause) : null;
    if (more && onlyOne) {
      change(onlyOne, parseNumber(more[1]!) ?? 0);
      last = onlyOne;
      continue;
    }
    // "漏了俩 是10个": after those left out, the count said is the whole.
    const now =
      onlyOne && !/级/.test(clause)
        ? new RegExp(`^(?:(?:现在|一共|总共|目前)(?:是|有)?${pendingAdd ? "|是|有" : ""})\\s*${COUNT}\\s*(?:个|位|名|人)(?:了)?$`).exec(clause)
        : null;
    if (now && onlyOne) {
      const n = parseNumber(now[1]!);
      if (n !== undefined) Object.assign(onlyOne, { count: n, from: onlyOne.from ?? onlyOne.count, by: n - (onlyOne.from ?? onlyOne.count) });
      continue;
    }
    const rest = REST_ARE.exec(clause);
    if (rest) {
      restGrades = gradesSaid(rest[1]!);
      continue;
    }
    const wholeSaid = !/级/.test(clause) ? WHOLE.exec(clause) : null;
    if (wholeSaid) whole = parseNumber(wholeSaid[1]!);
    const leftOut = pendingAdd;
    pendingAdd = false;
    if (LEFT_OUT.test(clause) && !/级/.test(clause)) {
      pendingAdd = true;
      // "漏了俩 ⏎ 三级的": how many were left out, of the grade the next clause names.
      const n = new RegExp(`${COUNT}\\s*(?:个|位|名|人)?$`).exec(clause.replace(LEFT_OUT, ""));
      leftOutCount = n ? parseNumber(n[1]!) : undefined;
      continue;
    }
    const leftOutOf = leftOut && leftOutCount !== undefined ? new RegExp(`^${GRADES}级(?:的)?$`).exec(clause) : null;
    if (leftOutOf) {
      const grades = gradesSaid(leftOutOf[1]!);
      const group = groups.find((g) => sameGrades(g.grades, grades) && !g.notPoor);
      if (group) change(group, leftOutCount!);
      else groups.push({ grades, count: leftOutCount! });
      leftOutCount = undefined;
      continue;
    }
    leftOutCount = undefined;
    // "三级的不是4个 是5个": the count after 是 corrects the one before.
    const corrects = correcting || CORRECTING.test(clause) || /不是\s*[\d一两二三四五六七八九十]+\s*(?:个|人|名|位)/.test(clause);
    correcting = false;
    // "三级的记错了", "一二级那边写错了": the count follows in the next clause.
    const withoutDenied = clause.replace(/不是\s*[\d一两二三四五六七八九十]+\s*(?:个|人|名|位)/, "");
    const gradeOnly =
      corrects && !/\d|[一两二三四五六七八九十俩仨]\s*(?:个|位|名|人)/.test(withoutDenied.replace(/[一二三四1-4]级/g, ""))
        ? new RegExp(`${GRADES}级`).exec(withoutDenied)
        : null;
    if (gradeOnly) {
      correctedGrades = gradesSaid(gradeOnly[1]!);
      continue;
    }
    // "走了的不算", "外出的照样算": how to count those already spoken of, no one more leaving.
    if (/^(?:走了|去世|过世|死了|没了|搬走|迁走|外出|出去)(?:了)?的/.test(clause)) continue;
    // What the clause says before a verb of leaving is counted first ("一级的3个其中一个去世了").
    // ("一二级贫困残疾人8个 其中3个是一级": some of a group paid alike, told apart; no group of their own.)
    const subset = /^(?:其中|里头|里面|当中)(?:有)?\s*(?:\d+|[一两二三四五六七八九十]+|俩|仨)\s*个?(?:是|都是)?([一二三四])级(?:的)?$/.exec(clause);
    if (subset && groups.some((g) => g.grades.length > 1 && g.grades.includes(GRADE_NUMBER[subset[1]!]!))) continue;
    // "一二级的8个 三级的比一二级少3个": a group counted against another already told, reckoned from it (shown so).
    const relative = RELATIVE.exec(clause);
    if (relative) {
      const grades = gradesSaid(relative[1]!);
      const base = groups.find((g) => sameGrades(g.grades, gradesSaid(relative[2]!)) && !g.notPoor);
      const n = parseNumber(relative[4]!);
      if (!base || n === undefined || sameGrades(grades, base.grades) || groups.some((g) => sameGrades(g.grades, grades))) return undefined;
      const by = relative[3] === "少" ? -n : n;
      if (base.count + by <= 0) return undefined;
      last = { grades, count: base.count + by, than: { grades: base.grades, count: base.count, by } };
      groups.push(last);
      continue;
    }
    const goneAt = clause.search(GONE);
    const repeatsGone = goneAt >= 0 && previousGone && !/\d|[一两二三四五六七八九十俩仨]\s*(?:个|位|名|人)|[一二三四1-4]级/.test(clause);
    previousGone = goneAt >= 0;
    if (repeatsGone) continue;
    const head = goneAt >= 0 ? clause.slice(0, goneAt) : clause;
    const regraded = REGRADED_SOME.exec(clause);
    const counting = regraded ? clause.slice(0, regraded.index) : head.replace(/不是\s*[\d一两二三四五六七八九十]+\s*个/, "");
    // Said without pauses ("3个一级2个三级", "一级的3个二级的没有三级的2个"): each group read on its own.
    // Count first when the clause's first group starts with its count ("我们村3个一级2个三级").
    const firstCount = counting.search(COUNT_STARTS_AT);
    const firstGrade = counting.search(GRADE_FIRST_AT);
    const countFirst = COUNT_LEADS.test(counting) || (firstCount >= 0 && (firstGrade < 0 || firstCount < firstGrade));
    const said: Array<{ grades: number[]; count: number }> = [];
    for (const piece of counting.split(countFirst ? COUNT_STARTS : GRADE_STARTS).filter(Boolean)) {
      const none = NONE_OF.exec(piece);
      const first = countFirst ? null : GRADE_FIRST_ONE.exec(piece);
      const counted = countFirst ? COUNT_FIRST_ONE.exec(piece) : null;
      if (none) said.push({ grades: gradesSaid(none[1]!), count: 0 });
      else if (first) said.push({ grades: gradesSaid(first[1]!), count: parseNumber(first[2]!) ?? -1 });
      else if (counted) said.push({ grades: gradesSaid(counted[2]!), count: parseNumber(counted[1]!) ?? -1 });
    }
    if (said.some((x) => x.count < 0)) return undefined;
    // "有一个二级的和一个三级的去世了": the people counted before the verb are the ones who left.
    // "其中一个一级的今年走了": 其中 before the count says those counted are the ones who left.
    const partBefore = /其中|里头|里面/.test(head.slice(0, Math.max(0, firstCount)));
    // "二级的有俩去世了": the grade first, then how many of it left (not a group of its own).
    const gradeFirstGone =
      !countFirst &&
      /有\s*(?:\d|[一两俩仨三四五六七八九十])/.test(head) &&
      said.every((x) => groups.some((g) => x.grades.every((grade) => g.grades.includes(grade))));
    if (goneAt >= 0 && (gradeFirstGone || (countFirst && (!/其中|里头|里面/.test(head) || partBefore))) && said.length > 0) {
      for (const { grades, count } of said) {
        const group = groups.find((g) => grades.every((x) => g.grades.includes(x)) && !g.notPoor);
        if (!group || group.count < count) return undefined;
        change(group, -count);
      }
      continue;
    }
    // "又有俩三级的脱贫了": those counted as poor who no longer are.
    const liftedOut = /脱贫/.test(clause);
    const notPoor = NOT_POOR.test(clause) || liftedOut;
    // "二级还有俩", "二级的也还有2个": more of a grade, said after it.
    const adds = leftOut || ADDING.test(clause) || new RegExp(`^${GRADES_PLAIN}级(?:的)?(?:也|又)?还有`).test(clause);
    // "其中1个三级的不是贫困户", "其中2个不是贫困户": some of a group counted apart, not a group more.
    const partOf = /其中|里头|里面|这里头|级里/.test(clause) || liftedOut;
    for (const { grades, count } of said) {
      const same = groups.find((g) => sameGrades(g.grades, grades) && !g.notPoor);
      if (notPoor && partOf && same && same.count >= count) {
        change(same, -count);
        groups.push({ grades, count, notPoor: true });
        last = same;
        continue;
      }
      const before = groups.find((g) => sameGrades(g.grades, grades) && !g.notPoor === !notPoor);
      if (before && adds && !corrects) change(before, count);
      // "一个三级的外出打工找不到人": one person of a grade spoken of, not the grade's count said again.
      else if (before && count <= 1 && !corrects && /一个|一位|一名/.test(clause) && clause.length > 8) continue;
      else if (before) Object.assign(before, { count, from: undefined, by: undefined });
      else groups.push({ grades, count, ...(notPoor ? { notPoor } : {}) });
      last = groups.find((g) => sameGrades(g.grades, grades) && !g.notPoor === !notPoor);
    }
    // "其中2个不是贫困户" with no grade: of the group said last.
    const someNotPoor = notPoor && partOf && said.length === 0 ? /(?:其中|里头|里面)(?:有)?(一|两|俩|三|四|五|[1-9])个/.exec(clause) : null;
    if (someNotPoor && last) {
      const n = parseNumber(someNotPoor[1]!) ?? 0;
      if (n <= 0 || n > last.count) return undefined;
      change(last, -n);
      groups.push({ grades: last.grades, count: n, notPoor: true });
    }
    // "其中2个今年评成二级了": moved from the group said last (or the only one) to the grade said.
    if (regraded) {
      const n = regraded[1] ? (parseNumber(regraded[1]) ?? 0) : 1;
      const to = gradesSaid(regraded[3]!);
      const candidates = groups.filter((g) => !sameGrades(g.grades, to) && !g.notPoor && g.count >= n);
      const fromSaid = /((?:[一二三四1-4][、和跟到至]?){0,3}[一二三四1-4])级/.exec(regraded[2]!);
      // ("有个一级的评成三级了" of 一二级's group: the group paying that grade alike.)
      const from = fromSaid ? gradesSaid(fromSaid[1]!) : [];
      const named = fromSaid
        ? (candidates.find((g) => sameGrades(g.grades, from)) ?? candidates.find((g) => from.every((x) => g.grades.includes(x))))
        : undefined;
      // ("上庄那6个里头有1个…": the group of that count, said of again.)
      const ofCount = new RegExp(`(?:那|这)?${COUNT}\\s*个(?:里头|里面|里|中|当中)`).exec(clause.slice(0, regraded.index));
      const counted = ofCount ? candidates.filter((g) => g.count === parseNumber(ofCount[1]!)) : [];
      const source = fromSaid
        ? named
        : counted.length === 1
          ? counted[0]
          : last && candidates.includes(last)
            ? last
            : candidates.length === 1
              ? candidates[0]
              : undefined;
      if (!source || n <= 0) return undefined;
      change(source, -n);
      // Into 一二级's group when 二级 is said: grades paid alike are counted together.
      const target =
        groups.find((g) => sameGrades(g.grades, to) && !g.notPoor) ?? groups.find((g) => g !== source && to.every((x) => g.grades.includes(x)) && !g.notPoor);
      if (target) change(target, n);
      else groups.push({ grades: to, count: n });
      continue;
    }
    if (goneAt >= 0) {
      // "走了一个三级的": the grade after the verb; "三级的走了一个": before it; "其中一个去世了": the group said last.
      const tail = clause.slice(goneAt);
      const after = [...tail.matchAll(/(一|两|俩|三|四|五|[1-9])?个([一二三四1-4])级|(两|俩|仨|[2-9])([一二三四1-4])级/g)].map(
        (m) => [m[0], m[1] ?? m[3], m[2] ?? m[4]] as const,
      );
      const gradeBefore = /([一二三四1-4])级(?:的)?[^，,。；\d]{0,6}$/.exec(head);
      // "有俩一级的搬走了", "走了俩": a count said without 个 (俩, 两, 仨, a digit: never read as a grade).
      const counted =
        /(一|两|俩|三|四|五|[1-9])个/.exec(tail) ??
        /(两|俩|仨|[2-9])(?:位|名|人)?$/.exec(tail) ??
        /(?:其中|有)(一|两|俩|三|四|五|[1-9])个/.exec(head) ??
        /(?:其中|有)?(两|俩|仨|[2-9])(?=[一二三四1-4]级|(?:人)?$)/.exec(head);
      const leaving: Array<{ group: GradeGroup | undefined; n: number }> =
        after.length > 0
          ? after.map((m) => ({ group: groups.find((g) => g.grades.includes(GRADE_NUMBER[m[2]!]!) && !g.notPoor), n: m[1] ? (parseNumber(m[1]) ?? 1) : 1 }))
          : [
              {
                group: gradeBefore && said.length === 0 ? groups.find((g) => g.grades.includes(GRADE_NUMBER[gradeBefore[1]!]!) && !g.notPoor) : last,
                n: counted ? (parseNumber(counted[1]!) ?? 1) : 1,
              },
            ];
      for (const { group, n } of leaving) {
        if (!group || group.count < n) return undefined;
        change(group, -n);
      }
    }
  }
  // "一共20个 其中三级8个 剩下都是一二级": the rest of the whole, at the grades said of them.
  const counted = groups.reduce((sum, g) => sum + g.count, 0);
  if (restGrades && whole !== undefined && whole > counted && groups.length > 0 && !groups.some((g) => sameGrades(g.grades, restGrades!)))
    groups.push({ grades: restGrades, count: whole - counted, from: whole, by: -counted });
  // ("三级的比一二级少3个 ⏎ 一二级的说错了 是10个": what it was counted against changed since; nothing is reckoned on
  // a guess of which count was meant.)
  if (groups.some((g) => g.than && groups.find((b) => sameGrades(b.grades, g.than!.grades))?.count !== g.than.count)) return undefined;
  return groups.length > 0 ? groups.map((g) => Object.fromEntries(Object.entries(g).filter(([, v]) => v !== undefined)) as GradeGroup) : undefined;
}
