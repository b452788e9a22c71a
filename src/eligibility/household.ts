// Who a question is about: the household as a list of people, each with their own facts, and the sums a
// household gets programme by programme, with the formula shown. Pure.
import { quickReply } from "../core/payload.ts";
import type { EligibilityRules } from "./load.ts";
import { evaluateProgramme, type Facts } from "./evaluate.ts";
import { money, monthOf, citationOf, ruleFor, type Rendered } from "./render.ts";
import { blankOthers, inRange } from "./extract.ts";
import { type Claim, overMonths, spanOf } from "../core/claim.ts";
import { parseNumber, readDuration, spanText } from "./numbers.ts";
import type { Programme } from "./schema.ts";

export interface Person {
  /** How the reply names them: 您, 您父亲, 您母亲 … */
  label: string;
  grade?: number | undefined;
  /** Said to be 重度 without a grade: counts as grade 1–2, which every programme treats alike. */
  severe?: boolean;
  age?: number | undefined;
  /** Said to be 老年 / 七十多 / a recipient of the elderly allowance. */
  elderly?: boolean;
  /** Said to be disabled (残疾人) without a grade: programmes that pay the same for every grade apply. */
  certified?: boolean;
  /** "她自己单过，不是贫困户": poverty said of this person, which outweighs the household's. */
  poor?: boolean;
  /** "俺闺女5岁脑瘫": a child's ailment said, no certificate or grade: one of the household to answer for, counted in no sum. */
  ailing?: boolean;
  /** "俺爹…救助领了一年半了 ⏎ 俺娘…领了两年了": how long this one has received, when each says their own. */
  years?: number;
}

export interface Household {
  people: Person[];
  /** "俺家俩残疾人": how many disabled people the household has, when grades are not all given. */
  disabledCount?: number | undefined;
  /** "今年开春我爸走了", "俺叔户口迁走了": named, but no longer in the household (not counted). */
  gone?: string[];
}

/** 他/她: someone named earlier in the conversation; the dialogue resolves who. */
export const PRONOUN = "他（她）";

// Longer words first, so 爸爸 is read before 爸 and 老伴 before 老.
const RELATIONS: Array<[RegExp, string]> = [
  // "娃他爹", "孩子他妈": a spouse named through the child (before 娃, 他 and 爹).
  [/(?:娃|孩子|孩|小孩)他(?:爹|爸)/y, "您丈夫"],
  [/(?:娃|孩子|孩|小孩)他(?:娘|妈)/y, "您妻子"],
  // "爷的老年补助…": 爷 alone at the start of a clause, before what is said of him, is 爷爷 named again.
  // Cantonese too: 阿爷, 阿嫲, 阿婆, 老豆, 细佬 (a younger brother), 个仔 (a son).
  [/爷爷|姥爷|外公|阿爷|阿公|(?<=[俺我咱])爷|(?<=^|[\s，,。；、])爷(?=的|是|也|俩|[一二三四]级)/y, "您爷爷"],
  [/奶奶|姥姥|外婆|阿嬷|阿嬤|阿嫲|阿婆|(?<=[俺我咱])奶|(?<=^|[\s，,。；、])奶(?=的|是|也|俩|[一二三四]级)/y, "您奶奶"],
  // "俺大一级": 大 (or 达) is a father in northern speech, said right after 俺/我 and before what is said of him.
  [/爸爸|老爹|父亲|老豆|老窦|爹|爸|(?<=[俺我咱])[大达](?=[是也一二三四1-4])/y, "您父亲"],
  [/妈妈|老娘|母亲|娘(?!家)|妈/y, "您母亲"],
  // "老汉一级 老太婆三级": the old woman of the house (before 老婆, which 老婆子 holds).
  [/老太婆|老婆子|老太太/y, "您家老太太"],
  // "婆姨", "婆娘", "屋里人", "堂客": a wife in northern and southern speech (before 婆婆 and 姨).
  [/老伴|媳妇|老婆|爱人|对象|婆姨|婆娘|屋里人|堂客|内人/y, "您爱人"],
  // "两口子…男的一级 女的三级": husband and wife told apart.
  [/丈夫|老公(?!公)|男人|男的|当家的/y, "您丈夫"],
  // "老汉残疾又穷": the old man of the house (a husband or a father, by region).
  // ("老爷子一级 ⏎ 老太太二级": the old man of the house, by his northern name.)
  [/老汉|老头子|老头儿|老头|老爷子/y, "您家老汉"],
  [/妻子|女人|女的/y, "您妻子"],
  // "大儿子三级，小儿子三级": two sons, each their own person.
  // ("大仔", "细仔": the elder and the younger son in Cantonese; "新抱": a daughter-in-law.)
  [/大儿子|大仔/y, "您大儿子"],
  [/二儿子/y, "您二儿子"],
  [/小儿子|细仔|孻仔/y, "您小儿子"],
  [/新抱/y, "您儿媳"],
  // "老大三级 老二二级 老小一级": children by their order, sons or daughters.
  // ("老三老四都是三级": a list of them, sharing what is said after the last.)
  [/老大(?=[是也一二三四老都]|$)/y, "您家老大"],
  [/老二(?=[是也一二三四老都]|$)/y, "您家老二"],
  [/老三(?=[是也一二三四1-4老都]|$)/y, "您家老三"],
  [/老四(?=[是也一二三四1-4老都]|$)/y, "您家老四"],
  [/老五(?=[是也一二三四1-4老都]|$)/y, "您家老五"],
  // "大的一级 二的三级 小的也是三级": the second by its order too.
  [/(?<![一二三四\d级])二的(?=[是也一二三四1-4])/y, "您家老二"],
  [/老小(?=[是也一二三四]|$)|老幺/y, "您家老小"],
  // "大娃二级 二娃好好的": children by their order, told apart.
  [/大娃|大孩子|大小子/y, "您家大娃"],
  [/二娃|二孩子|二小子/y, "您家二娃"],
  [/三娃|碎娃|小娃(?=[是也一二三四1-4]|好好)/y, "您家小娃"],
  // "俩残疾娃 大的一级 小的三级": the elder and the younger, said before their grades.
  [/大的(?=[是也一二三四1-4]|小的|和|跟|都)/y, "您家老大"],
  [/小的(?=[是也一二三四1-4]|都)/y, "您家老小"],
  [/大闺女|大女儿|大姑娘/y, "您大女儿"],
  [/小闺女|小女儿/y, "您小女儿"],
  [/二闺女|二女儿|二丫头|二姑娘/y, "您二女儿"],
  [/三闺女|三女儿|三丫头|三姑娘/y, "您三女儿"],
  [/儿子|小子|(?<=[俺我])儿(?![童科女])|(?<=[我俺个])仔/y, "您儿子"],
  [/闺女|女儿|姑娘/y, "您女儿"],
  // "俺孙子三级 俺孙女三级": two grandchildren, each their own person.
  [/外孙女/y, "您外孙女"],
  [/外孙/y, "您外孙"],
  [/孙子/y, "您孙子"],
  [/孙女/y, "您孙女"],
  [/嫂子|大嫂|嫂/y, "您嫂子"],
  [/弟媳|弟妹/y, "您弟媳"],
  [/儿媳|儿媳妇/y, "您儿媳"],
  [/女婿/y, "您女婿"],
  // "俺侄子三级 俺侄女二级": nephews and nieces, each their own person; "俺侄三级": 侄 alone is a nephew.
  [/外甥女/y, "您外甥女"],
  [/外甥/y, "您外甥"],
  [/侄女/y, "您侄女"],
  [/侄子|侄儿|(?<=[俺我咱])侄/y, "您侄子"],
  [/公公|老公公/y, "您公公"],
  [/婆婆|婆婆婆/y, "您婆婆"],
  [/岳父|老丈人|丈人/y, "您岳父"],
  [/岳母|丈母娘/y, "您岳母"],
  // "娃他爷也是残疾", "孩子他奶", "不对 他爷是一级": the child's grandparents (the villager's parents or in-laws).
  [/(?:娃|孩子)?[他她](?:爷爷|爷)/y, "孩子的爷爷"],
  [/(?:娃|孩子)?[他她](?:奶奶|奶)/y, "孩子的奶奶"],
  // "娃三级": 娃 alone at the start of a clause, before what is said of the child.
  // "娃儿一级", "娃子是三级": the child in south-western and northern speech, at the start of a clause.
  [/(?<=[俺我咱]家?|[和跟])(?:娃儿|娃子|娃|孩子|小孩)|(?<=^|[\s，,。；、])(?:娃儿|娃子|娃娃|娃|孩子|小孩)(?=的|是|也|都|[一二三四1-4]级|重度)/y, "您孩子"],
  // "俺大舅一级 俺二舅二级": uncles and aunts counted by their order, each their own person (not 大姑娘, a girl).
  // (大 and 小 stay the uncle or aunt named alone, "俺小姨" ⏎ "俺姨是二级", as most villagers have one of each.)
  ...["舅", "姑", "姨", "叔", "伯"].flatMap((kin) =>
    ["二", "三", "四", "五"].map((order): [RegExp, string] => [new RegExp(`${order}${kin}(?![娘子])`, "y"), `您${order}${kin}`]),
  ),
  [/叔叔|大叔|叔/y, "您叔叔"],
  [/伯伯|大伯|伯/y, "您伯伯"],
  [/姑姑|大姑|姑(?!娘)/y, "您姑姑"],
  [/舅舅|舅/y, "您舅舅"],
  [/姨妈|阿姨|姨/y, "您姨"],
  [/婶婶|婶子|婶/y, "您婶婶"],
  // "俺姐三级 俺姐夫一级": in-laws through a sister or brother, each their own person (before 姐, 妹, 哥, 嫂).
  [/姐夫/y, "您姐夫"],
  [/妹夫/y, "您妹夫"],
  [/小叔子/y, "您小叔子"],
  [/小姑子/y, "您小姑子"],
  [/大舅子|小舅子/y, "您舅子"],
  [/哥哥|大哥|二哥|哥/y, "您哥哥"],
  [/弟弟|兄弟(?!俩|两)|细佬|弟/y, "您弟弟"],
  [/姐姐|大姐|姐/y, "您姐姐"],
  [/妹妹|妹/y, "您妹妹"],
  [/[他她](?![们俩])/y, PRONOUN],
];

const GRADE = /([一二三四1234壹贰叁肆])\s*级/y;
const GRADE_VALUE: Record<string, number> = { 一: 1, 壹: 1, "1": 1, 二: 2, 贰: 2, "2": 2, 三: 3, 叁: 3, "3": 3, 四: 4, 肆: 4, "4": 4 };
/** "老两口", "兄弟俩", "娘俩", "三口人": several people who share what is said next ("都是二级"). */
const GROUP =
  /(老两口|两口子|(?:娘儿|爷儿|娘|爷|父子|母子|母女|父女|爷孙|奶孙|祖孙|哥|姐|兄妹|姐弟|婆媳|夫妻|妯娌)(俩|仨)|他们俩|他俩|她俩|俩人|俩老人|俩老的|两个老的|老俩口|两个老人|两位老人|二老|兄弟俩|姐妹俩|兄弟两个|姐妹两个|(?:[俺我咱](?:们)?家|家里)(俩|仨)人?(?=呢|[\s，,。？?！!]|$|贫困|老年|残疾人|[都全]是?(?:贫困|老年|残疾人|[一二三四1-4]级|重度))|(?:[俺我咱](?:们)?)?(?:一家|家里|全家)?(?<![\d.])(两|二|三|四|五|六|2|3|4|5|6)(?:口人|个人|人|口(?!子)|个残疾人的?(?=\s*(?:都|全))|个(?:残疾|老人|重度残疾)的?(?=\s*(?:都|全)))|(?:[俺我咱](?:们)?家|家里)(?:有)?([两三四2-4])个(?=贫困老年|老年|贫困残疾)|(?:[俺我咱](?:们)?家|家里)有?(?:([两三四2-4])个|(俩|仨))人?(?=呢?[？?！!。]?$|[\s，,]*(?:一共|加起来|总共|合计)?(?:一年)?(?:多少|几多)))/y;
// "俺没残疾", "我不是残疾人": the villager spoken of, as one not disabled.
// ("还有我 三级": a space may come before the grade.)
const SELF =
  /(?:我|俺|本人|自己)(?:自个儿?|自己)?(?=是|也是|都是|也|都|和|跟|自己|\s?(?:一级|二级|三级|四级|[1-4]级)|残疾|重度|没(?:有)?残疾|不(?:是|算)?残疾)/y;
/** Words that link a grade to whom it is said of, or say it changed ("那", "是", "评成", "今年"): no one named. */
const LINKING =
  /那|是|也|都|回到|说回|回头说|再说|换成|要是|如果|假如|评成|评为|改成|改为|变成|现在|今年|去年|重新|原来|本来|其实|应该|又|了|的|就|算|还有|有/g;

/** "三个一级一个三级": several people of one grade at once. */
const COUNTED_GRADE =
  /(?<![\d.])([一二两三四五六七八九\d]个|俩|仨|(?<=[加添再又有])个)(?:人|娃|孩子|小孩|儿子|闺女|女儿|孙子|孙女)?(?:是|都|都是)?([一二三四1234])级/y;
/** "一级残疾两个 三级一个": people of a grade counted after it. */
// ("一级贫困残疾人俩", "三级贫困的一个": 贫困 may be said between.)
// ("一二级残疾的仨": grades one and two, paid alike, read as the second — only "…的仨", never a village's
// "一二级残疾人有4个".)
const GRADE_COUNTED =
  /(?:[一1][、和到至]?(?=[二2]级[^，,。；\s\d]{0,4}的\s*(?:一个|两个|俩|仨|三个|四个|[1-4]个)))?([一二三四1234])级(?:的)?(?:贫困户?的?)?(?:残疾人?的?|的)?(?:贫困户?的?)?(?:是|有)?\s*(一个|两个|俩|仨|三个|四个|(?<![\d.])[1-4]个)(?![月年天])/y;
/** "俺两个妹子都三级", "俩闺女三级": several people of one relation, counted before it. */
// ("俺三叔", "俺四舅" are one person each: 三 and 四 count only with 个.)
const COUNTED_KIN = /(?<![\d.])(俩|仨|两个?|[三四2-4]个)(?=[^\d个])/y;
/**
 * "俩重度", "两个重度的", "重度残疾人有仨", "重度残疾人俩": several people said to be 重度 at once. "还有两个一二级的", "一个一、二级的": a grade
 * of one or two, which every programme treats alike, is 重度 too.
 */
const COUNTED_SEVERE =
  /(?<![\d.])([一两二三四1-4](?:个|口)|俩|仨)(?:人)?(?:是|都是)?重度|(?<![\d.])([一两二三四1-4](?:个|口)|俩|仨)(?:人)?(?:是|都是)?[一1][、，,到至或和]?[二2]级|重度(?:残疾)?(?:人|的)?(?:有|是|共)\s*(俩|仨|[两二三四五1-5](?:个|口))(?![月年天岁])|重度残疾人(俩|仨|[两二三四五1-5]个)(?![月年天岁])/y;
/** "有个重度智力残疾的娃", "有一个三级的闺女": a grade or 重度 said before the relation it is of. */
const DESCRIBED_BEFORE =
  /(?<=有|[和跟、]|还有)((?:一)?个)((?:重度|[一二三四1-4]级)[^，,。；\s的]{0,6})的(娃|孩子|儿子|小子|闺女|女儿|孙子|孙女|老人|哥哥?|姐姐?|弟弟?|妹妹?)(?!(?![和跟与])[\u4e00-\u9fa5])/g;
/** "俺家一级贫困残疾人 是俺闺女": one of the household described, then who they are. */
const WHO_SAID_AFTER =
  /((?:[俺我咱](?:们)?家|家里)(?:有(?:个|一个)?)?)((?:[一二三四1-4]级|重度)[^，,。；\s]{0,8}?)([，,\s]+)(是|就是)([俺我咱])(闺女|女儿|儿子|娃|孩子|爹|娘|爸|妈|爷爷|奶奶|老伴|媳妇|哥|姐|弟|妹)(?=[，,。；\s]|$)/g;
/** "算上俺舅三个", "包括俺娘俩": the people named next are counted among the number that follows. */
const INCLUDING = /算上|算进去|连上|连同|包括|(?<!再)加上|带上/;
/** "俩", "三个", "两口": how many people. */
const headcount = (word: string, otherwise: number): number => parseNumber(word.replace(/[个口]$/, "")) ?? otherwise;

/**
 * Someone who died or moved out: "走了" said of a person (with a pause or a span after), "去年没了" (not "钱没了"),
 * 去世, 户口迁走, 搬城里落户, 另立户口, 嫁出去 …
 */
/** Someone counted, not named one by one ("三个一级" → 第1人, 第2人, 第3人; "两个妹子" → 您妹妹（1）, 您妹妹（2）). */
export const isCounted = (p: Person) => /^第\d+人$|（\d+）$/.test(p.label);

/** The relation word at a place of the message ("妹子" → 您妹妹), with the words that name it. */
function relationAt(text: string, at: number): { label: string; surface: string } | undefined {
  // "两个娃": the child words need no 俺 before them here.
  const child = /娃儿|娃子|娃|孩子|小孩/y;
  child.lastIndex = at;
  const c = child.exec(text);
  if (c) return { label: "您孩子", surface: c[0] };
  for (const [pattern, label] of RELATIONS) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (m) return { label, surface: m[0] };
  }
  return undefined;
}

/** "本来三个…有一个户口迁走了", "其中一个去世了": how many of the people counted are gone. */
export const GONE_FROM_COUNT =
  /(?:有|其中)(?:有)?(?:(一|两|俩|二|[12])(?![一二三四1-4]?级)(?:个|位|名)?[^，,。？?\d]{0,12}?|(\d{1,2}|[两俩二三四五六七八九十仨]{1,3})(?![一二三四1-4]?级)(?:个|位|名)?[^，,。？?\d\s一两俩二三四五六七八九十仨]{0,8}?)(?:迁(?!来|回|进|过来)|搬(?!来|回|进|过来|了新|新)|去世|过世|没了|走了|死了|不在了|分出去|立户|嫁(?:出去|走|人|到))/;

/** GONE_FROM_COUNT read: what was said and how many are gone (a few said apart, "有一个 去年走了", or more said close). */
export function goneFromCount(text: string): [said: string, count: string] | null {
  const m = GONE_FROM_COUNT.exec(text);
  return m ? [m[0], (m[1] ?? m[2])!] : null;
}

/** "娶媳妇", "找了个对象": a verb of marrying, naming nobody in the household. */
const MARRYING = /(?:娶|讨|找|说)了?个?(?:媳妇|老婆|对象)/y;

export const GONE =
  /去世|过世|过咗身|过了身|过身了|不在了|走了(?=[，,。；\s]|$|[一二两三四五六七八九十几半俩仨\d]+个?(?:月|年|天))(?![\s，,。；]*(?:去|回|到|上|出门|出去|打工|看病|赶集|串门))|走咗|(?:年|月|天|前|刚|人|早|已经|阵子|阵儿|时候|[爹爸娘妈爷奶哥姐弟妹叔婶舅姨伯])没了(?=[，,。；\s]|$)|户口[^，,。；\s没未不]{0,4}(?<![没未不])迁(?!回|进|来)|户口(?:早就?|也|都)?(?:不在|没在)(?![^，,。；\s]{0,3}外地)|[跟和同][，,]*(?:家)?(?:是)?(?:一个|一家|同一个)户口|不算(?:俺|我|咱)(?:们)?家|不在(?:俺|我|咱)(?:们)?家?的?户口(?:本)?[上里]|(?<![没未不])迁(?:走|到|出|去|外地|城里|户口)|搬走了|搬到外地|搬到(?:城里|县城|镇上|市里)|搬到[^，,。；\s]{0,6}去了|搬出去|搬城里|(?<!过来|回来|进来|搬来|迁来|迁回|迁进|[俺我咱]家)落户(?!到[俺我咱]家|过来|进来)|另立|分户|单立户|嫁出去|嫁人了/;

/** "都是贫困一级", "全是重度": 都 or 全 earlier in the same clause, a few words before: said of everyone named before. */
const allBefore = (text: string, at: number) => /(?:都|全)(?:是|系|算|为)?(?:贫困|低保|困难)?(?:的)?$/.test(text.slice(Math.max(0, at - 8), at));

/**
 * Reads the people a message speaks of, left to right: a relation word opens a person, a grade or age
 * that follows belongs to them. "一级" after "一、" is a range in a policy question, not a person.
 */
export function readHousehold(said: string): Household {
  // Read by many steps of one turn (routing, screening, the dialogue): the latest readings are kept, and each
  // caller gets its own copy (markElderly and the dialogue change the people they are given).
  let read = householdsRead.get(said);
  if (!read) {
    read = readHouseholdUncached(said);
    if (householdsRead.size >= HOUSEHOLDS_KEPT) householdsRead.delete(householdsRead.keys().next().value!);
    householdsRead.set(said, read);
  }
  return { ...read, people: read.people.map((p) => ({ ...p })), ...(read.gone ? { gone: [...read.gone] } : {}) };
}

const householdsRead = new Map<string, Household>();
const HOUSEHOLDS_KEPT = 64;

function readHouseholdUncached(said: string): Household {
  // "俺三级才给四百 人家一二级给八百", "隔壁家给800": what others get says nothing of this household. Blanked
  // to the clause's end, keeping every other position (a 困难残疾人家 is a household, not 人家).
  // "户口迁到闺女家去了": a relative's home is where someone went, not a member of this household.
  // "搬到城里闺女家去了" too: a place or two may come between.
  const blanked = blankOthers(said)
    .replace(
      /([到去回在住])([^，,。\s]{0,3}?)((?:俺|我)?(?:闺女|女儿|姑娘|儿子|娘|妈|哥|姐|弟|妹|叔|舅)家)/g,
      (_, verb: string, place: string, home: string) => verb + place + "，".repeat(home.length),
    )
    // "俺娘跟俺弟一个户口本": the relative whose registration it is, no member of this household.
    .replace(
      /([跟和同])((?:俺|我)?(?:弟弟?|哥哥?|姐姐?|妹妹?|叔叔?|大伯|舅舅?|闺女|女儿|儿子|大儿子|小儿子))(?=(?:家)?(?:是)?(?:一个|一家|同一个)户口)/g,
      // (Not when that relative is one of the household named before: "俺弟二级…俺娘跟俺弟一个户口本".)
      (whole: string, joint: string, kin: string, at: number, all: string) =>
        all.slice(0, at).includes(kin.replace(/^[俺我]/, "")) ? whole : joint + "，".repeat(kin.length),
    );
  // "俺家老二是个闺女 三级残疾", "二闺女也是个闺女 没残疾": whether a child named is a girl or a boy says who
  // they are, not one more person.
  // (老二 is then the second daughter, 二闺女; the words said of them follow the name, as when said so.)
  const described = blanked.replace(
    /(老[大二三四五小幺]|[大二三四小](?:闺女|儿子|娃|小子|丫头)|闺女|儿子)(?:也|就|倒)?是(?:个|一个)(闺女|女儿|姑娘|丫头|女孩|女娃|小子|儿子|男孩|男娃)/g,
    (whole: string, who: string, kind: string) => {
      const name = who.startsWith("老") ? `${who[1] === "幺" ? "小" : who[1]}${/小子|儿子|男/.test(kind) ? "儿子" : "闺女"}` : who;
      return "，".repeat(whole.length - name.length) + name;
    },
  );
  // "俺家有个重度智力残疾的娃": what someone is, said before who they are, read as said after (same length).
  // ("俺家一级贫困残疾人 是俺闺女": who it is, said after a pause, too.)
  const text = described
    .replace(DESCRIBED_BEFORE, (_, one: string, how: string, who: string) => `${"，".repeat(one.length)}${who}${how}，`)
    .replace(
      WHO_SAID_AFTER,
      (_, home: string, how: string, pause: string, is: string, mine: string, who: string) =>
        `${home}${mine}${who}${how}${"，".repeat(pause.length + is.length)}`,
    );
  const people: Person[] = [];
  let current: Person | undefined;
  let group: Person[] = [];
  const starts = new Map<Person, number>();
  /** Every place a person is named, first or again: what follows, up to the next name, is about them. */
  const mentions: Array<{ person: Person; at: number }> = [];
  let cursor = 0;
  // "俺爹一级…爷爷的老年补助加俺爹的特别救助": a relation named again is the same person; "大哥…二哥",
  // "爷爷…姥爷" are two people, each named by their own word.
  const open = (relation: string, surface = ""): Person => {
    // "大娃", "俺大" (a father) are labelled by their relation.
    const label = surface.length >= 2 && !/娃|孩子|小子|的$/.test(surface) && /^(?:大|二|三|小)|姥|外/.test(surface) ? `您${surface}` : relation;
    const existing = label === PRONOUN ? undefined : people.find((p) => p.label === label);
    const person = existing ?? { label };
    if (!existing) {
      people.push(person);
      starts.set(person, cursor);
    }
    mentions.push({ person, at: cursor });
    group = [];
    return person;
  };
  // "三个一级", "俩重度": n people at once. Members of a group read before ("俺家四个残疾人") are filled
  // first; the rest are new people.
  const addMembers = (n: number, free: (p: Person) => boolean, set: (p: Person) => void) => {
    for (let k = 0; k < n; k++) {
      const member = group.find(free);
      if (member) {
        set(member);
        // "一家五口 二级的俩": a stand-in for the household's size, told of, is one of its members.
        placeholders.delete(member);
      } else {
        const person: Person = { label: `第${people.length + 1}人` };
        set(person);
        people.push(person);
      }
    }
  };
  /** The people named between 算上 (包括, 连上 …) and `at`, in the same clause, not yet told of. */
  const includedBefore = (at: number): Person[] => {
    const clause =
      text
        .slice(0, at)
        .split(/[，,。；;！!？?]/)
        .at(-1) ?? "";
    const said = INCLUDING.exec(clause);
    if (!said) return [];
    const from = at - clause.length + said.index + said[0].length;
    return people.filter((p) => !isCounted(p) && p.grade === undefined && !p.severe && (starts.get(p) ?? -1) >= from);
  };
  let disabledCount: number | undefined;
  /** "两个重度残疾" said before anyone is named: where, for people who may be named next with their grades. */
  const severeCounted = new Map<Person, number>();
  const takenOver = new Set<Person>();
  /** "再加个三级的 俺小叔": where a counted person's words end, for the one named right after. */
  const gradeCounted = new Map<Person, number>();
  // "俺家四口人，爹娘都是一级…": the household's size, stood in for until its members are named.
  const placeholders = new Set<Person>();
  /** People counted with their relation ("两个妹子"): a grade said right after is each one's. */
  let kinGroup: Person[] = [];
  /** "家里俩残疾人": people counted, and where the count ends, for those named right after it. */
  const counts: Array<{ members: Person[]; end: number }> = [];
  /**
   * "家里俩贫困老年残疾人 爷爷跟奶奶", "俺家仨残疾人：俺爹、俺娘、俺哥": the people counted, named right after the
   * count, are those people, not more of them. Each named one takes a counted one's place and what was said of it.
   */
  const nameCounted = (members: Person[], end: number) => {
    // ("老两口都是二级 孙子一级": what is said of the counted themselves makes them people of their own.)
    if (!members.every((p) => people.includes(p) && isCounted(p))) return;
    const named = people
      .filter((p) => !isCounted(p) && (starts.get(p) ?? -1) >= end)
      .sort((a, b) => starts.get(a)! - starts.get(b)!)
      .slice(0, members.length);
    if (named.length < members.length) return;
    // ("俺家仨残疾人：俺爹、俺娘、俺姐，都一级的": a grade said of them all after the names is the named ones' too.)
    const blank = members.every((p) => p.grade === undefined && !p.severe);
    const alike = members.every((m, k) => m.grade === named[k]!.grade && Boolean(m.severe) === Boolean(named[k]!.severe));
    if (!blank && !alike) return;
    // Between the count and the first name, only what the counted are ("贫困老年残疾人") and a pause or 是.
    const what = text.slice(end, starts.get(named[0]!));
    if (!/^[^，,。；;！!？?\d]{0,10}?(?:[\s，,：:、]+|是|就是|分别是)[俺我咱]?$/.test(what) || /级|重度|没|不/.test(what)) return;
    // One name right after another ("爷爷跟奶奶", "俺爹一级 俺娘二级"), within one sentence.
    for (let k = 1; k < named.length; k++) {
      const between = text.slice(starts.get(named[k - 1]!), starts.get(named[k]!));
      if (between.length > 8 || /[。；;！!？?]|还有|另外|再加/.test(between)) return;
    }
    const elderly = members.some((p) => p.elderly) || /老年|老人/.test(what);
    for (const p of named) {
      if (elderly) p.elderly ??= true;
      if (/残疾/.test(what) && p.grade === undefined && !p.severe) p.certified ??= true;
    }
    for (const member of members) people.splice(people.indexOf(member), 1);
  };
  for (let i = 0; i < text.length; ) {
    cursor = i;
    let matched = false;
    GROUP.lastIndex = i;
    const g = GROUP.exec(text);
    // "俺爹俺娘俩人": after someone is named, 娘 is a person named and 俩人 counts them both.
    if (g && !(g[2] && people.length > 0)) {
      // "娘俩", "爷仨": a pair or three named together (the one who speaks among them), counted as such.
      const said = g[2] ?? g[3] ?? g[4] ?? g[5] ?? g[6] ?? g[7];
      const n = said ? (parseNumber(said) ?? 2) : 2;
      // "俺爹…俺娘…三个人加起来": a count after named people restates them; it adds nobody.
      if (people.length === 0) {
        // "俩老人", "二老": old people, so 老年 is said of each.
        const old = /老人|二老|老两口|老的|老俩口/.test(g[0]);
        // "俺家两口子", "俺们两口子": the one who speaks and their spouse, told apart by a correction later ("俺老伴是二级").
        const couple = /两口子/.test(g[0]) && /(?:[俺我咱](?:们|家)?|家里)\s*$/.test(text.slice(Math.max(0, i - 3), i));
        const labels = couple ? ["您", "您爱人"] : [];
        group = Array.from({ length: n }, (_, k) => ({ label: labels[k] ?? `第${k + 1}人`, ...(old ? { elderly: true } : {}) }));
        people.push(...group);
        counts.push({ members: group, end: i + g[0].length });
        // "老两口都是二级 孙子一级": a pair named as such are people of the household, not its size stood in for.
        if (!/老两口|两口子|他们俩|他俩|她俩|二老|俩老人|俩老的|两个老的|老俩口|两个老人|两位老人|兄弟|姐妹|[俩仨]$/.test(g[0]))
          for (const p of group) placeholders.add(p);
        current = undefined;
      } else if (n >= 2 && (g[3] ?? g[6] ?? g[7]) && people.length === 1 && people[0]!.label === "您" && !/[我俺咱]|自己/.test(text.slice(0, i))) {
        // "二级贫困残疾人一年救助多少 ⏎ 俺家俩呢": the household's count said after a kind of person, nobody named, is
        // that many such people (the one read so far was the kind asked about, not the villager).
        const like = people.pop()!;
        group = Array.from({ length: n }, (_, k) => ({ ...like, label: `第${k + 1}人` }));
        people.push(...group);
        counts.push({ members: group, end: i + g[0].length });
        current = undefined;
      }
      i += g[0].length;
      continue;
    }
    // "俺弟娶媳妇搬城里了": marrying, not a wife of the household.
    MARRYING.lastIndex = i;
    const marrying = MARRYING.exec(text);
    if (marrying) {
      i += marrying[0].length;
      continue;
    }
    // "俺两个妹子都三级": two sisters, each their own person, sharing what is said of them next.
    COUNTED_KIN.lastIndex = i;
    const many = people.length === 0 || current ? COUNTED_KIN.exec(text) : null;
    const kin = many ? relationAt(text, i + many[0].length) : undefined;
    if (many && kin && kin.label !== PRONOUN) {
      const n = headcount(many[1]!, 2);
      const members = Array.from({ length: n }, (_, k) => open(`${kin.label}（${k + 1}）`));
      group = members;
      kinGroup = members;
      current = undefined;
      i += many[0].length + kin.surface.length;
      continue;
    }
    for (const [pattern, label] of RELATIONS) {
      pattern.lastIndex = i;
      const m = pattern.exec(text);
      if (m) {
        // "俺弟家也是一户多残", "俺表哥家": that relative's own household, not a person of this one.
        if (label !== PRONOUN && text[i + m[0].length] === "家" && !/^家(?:里|人|的)/.test(text.slice(i + m[0].length))) {
          i += m[0].length + 1;
          matched = true;
          break;
        }
        // "俺闺女三级残疾，她自己单过": 她 is the person just named, not someone new.
        if (label === PRONOUN && current && current.label !== "您" && current.label !== PRONOUN) {
          i += m[0].length;
          matched = true;
          break;
        }
        current = open(label, m[0]);
        i += m[0].length;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    SELF.lastIndex = i;
    const self = SELF.exec(text);
    if (self) {
      current = open("您");
      i += self[0].length;
      continue;
    }
    COUNTED_GRADE.lastIndex = i;
    const counted = COUNTED_GRADE.exec(text);
    // "俺家算上俺舅三个重度残疾的": the people named after 算上 are among those counted right after them.
    COUNTED_SEVERE.lastIndex = i;
    const included = counted || COUNTED_SEVERE.test(text) ? includedBefore(i) : [];
    if (included.length > 0) {
      group = included;
      // (Already one of the counted: no stand-in of the count is theirs to take over.)
      for (const p of included) takenOver.add(p);
    }
    // "就俺爹一个是一级残疾": 一个 right after the one named is that person alone, not someone counted besides.
    if (
      counted &&
      /^一个/.test(counted[0]) &&
      current &&
      !isCounted(current) &&
      current.grade === undefined &&
      starts.get(current) !== undefined &&
      /^[\u4e00-\u9fa5]{1,3}$/.test(text.slice(starts.get(current)!, i))
    ) {
      current.grade = GRADE_VALUE[counted[2]!]!;
      i += counted[0].length;
      continue;
    }
    if (counted) {
      const value = GRADE_VALUE[counted[2]!]!;
      // "俩重度 还有一个三级的": someone besides the group.
      if (/还有|另外|另|再有|外加$/.test(text.slice(Math.max(0, i - 3), i))) group = [];
      addMembers(
        headcount(counted[1]!, 1),
        // "一个重度 一个三级": a grade of three is not one of the severe people's.
        (p) => p.grade === undefined && !(p.severe && value > 2),
        (p) => {
          p.grade = value;
          if (isCounted(p)) gradeCounted.set(p, i + counted[0].length);
        },
      );
      i += counted[0].length;
      continue;
    }
    GRADE_COUNTED.lastIndex = i;
    const gradeFirst = !inRange(text, i) && people.every(isCounted) ? GRADE_COUNTED.exec(text) : null;
    if (gradeFirst) {
      const value = GRADE_VALUE[gradeFirst[1]!]!;
      addMembers(
        headcount(gradeFirst[2]!, 1),
        (p) => p.grade === undefined && !(p.severe && value > 2),
        (p) => (p.grade = value),
      );
      // (Stand-ins for the household's size left are filled by the next count: "二级的俩 三级的俩".)
      if (!group.some((p) => placeholders.has(p))) group = [];
      i += gradeFirst[0].length;
      continue;
    }
    COUNTED_SEVERE.lastIndex = i;
    const severeGroup = COUNTED_SEVERE.exec(text);
    if (severeGroup) {
      const severe: Person[] = [];
      const besides = /还有|另外|另|再有|外加|又$/.test(text.slice(Math.max(0, i - 3), i));
      addMembers(
        headcount((severeGroup[1] ?? severeGroup[2] ?? severeGroup[3] ?? severeGroup[4])!, 2),
        (p) => p.grade === undefined && !p.severe,
        (p) => {
          p.severe = true;
          severe.push(p);
        },
      );
      // "俩重度残疾的 一个一级一个二级": the grades that follow are these people's, not two more people's.
      // "一个一二级的 一个三级": a grade said already; who follows is someone else.
      group = severeGroup[2] === undefined ? severe : [];
      if (severeGroup[2] === undefined && !besides) for (const p of severe) if (isCounted(p)) severeCounted.set(p, i);
      i += severeGroup[0].length;
      continue;
    }
    GRADE.lastIndex = i;
    const grade = GRADE.exec(text);
    // "一、二级贫困残疾人", "一二级" is a range in a policy question, not a person's grade; "老二二级" is 老二's.
    // "俺爹是四级 不是二级": the grade denied is nobody's.
    if (grade && /(?:不是|不算|并非|而不是)$/.test(text.slice(Math.max(0, i - 3), i))) {
      i += grade[0].length;
      continue;
    }
    // "我和我哥一级 爸妈都是三级": 都 speaks of those named in its own clause, when it names any, and of those
    // before only when their clause said no grade ("俺娘 俺奶都是三级" is a list).
    const sameClause = (ones: Person[], at: number): Person[] => {
      const clauseOf = (from: number) => {
        const start = Math.max(0, ...[...text.slice(0, from).matchAll(/[，,。；\s]/g)].map((m) => m.index + 1));
        const end = text.slice(from).search(/[，,。；\s]/);
        return { start, text: text.slice(start, end < 0 ? text.length : from + end) };
      };
      const clauseStart = clauseOf(at).start;
      const own = ones.filter((p) => (starts.get(p) ?? -1) >= clauseStart);
      if (own.length === 0) return ones;
      return ones.filter((p) => own.includes(p) || !/[一二三四1-4]级|重度/.test(clauseOf(starts.get(p) ?? 0).text));
    };
    // "俺爷俺奶一级", "俺爸俺妈俺三级": people named one right after another, nothing said between them, share
    // the grade said after the last.
    const namedTogether = (at: number): Person[] | undefined => {
      const run: Person[] = [];
      for (let k = mentions.length - 1; k >= 0; k--) {
        const { person, at: from } = mentions[k]!;
        // Between one name and the next (or the grade), only the name and a joining word: "俺爹眼瞎俺娘一级" says
        // something of him, which is no grade.
        const upTo = k === mentions.length - 1 ? at : mentions[k + 1]!.at;
        const start = from + (/[俺我咱]/.test(text[from] ?? "") && relationAt(text, from + 1) ? 1 : 0);
        const surface = relationAt(text, start)?.surface.length ?? (/[我俺咱]/.test(text[start] ?? "") ? 1 : 0);
        if (surface === 0 || !/^(?:[和跟与、]|还有)?[俺我咱]?$/.test(text.slice(start + surface, upTo))) break;
        // ("他媳妇二级": 他 names whose wife she is, no one of the run; "老汉我二级": 老汉 is the one who speaks.)
        if (person.grade !== undefined || person.severe || person.label === PRONOUN || run.includes(person)) break;
        const next = run[0] && mentions[k + 1];
        if (next?.person.label === "您" && !/[俺我咱]/.test(text.slice(Math.max(0, from - 1), from + 1))) break;
        run.unshift(person);
      }
      return run.length >= 2 ? run : undefined;
    };
    // ("郝家庄12个三级的": a village's count of a grade, no one of a household.)
    const manyCounted = /(?:\d{2,}|[十百]|[一二三四五六七八九]十[一二三四五六七八九]?)\s*(?:个|位|名|人)(?:是|都是)?的?$/.test(
      text.slice(Math.max(0, i - 8), i),
    );
    if (grade && !manyCounted && (!inRange(text, i) || /老[二三四]$/.test(text.slice(Math.max(0, i - 2), i)))) {
      const value = GRADE_VALUE[grade[1]!]!;
      const all = allBefore(text, i) || (group.length > 0 && group === kinGroup);
      // "一个一级一个三级": each "一个" opens the next member of the group.
      const target =
        group.length > 0
          ? all
            ? group
            : [group.find((p) => p.grade === undefined) ?? group[group.length - 1]!]
          : all && people.length > 1
            ? sameClause(
                people.filter((p) => p.grade === undefined),
                i,
              )
            : (namedTogether(i) ?? [current ?? open("您")]);
      // "我一级 某某三级": a grade in a clause of its own after the one named already has one is someone else's,
      // whom no word of ours names; counted, never written over the first one's.
      const own = target.length === 1 ? target[0]! : undefined;
      const since = own ? Math.max(...mentions.filter((m) => m.person === own).map((m) => m.at)) : -1;
      // (Only when the clause names someone by words of its own: "那四级呢", "今年重新评成二级了" speak of the same one.)
      const clause = text.slice(since, i).split(/[\s，,。；]/);
      const naming = clause.length > 1 && /[\u4e00-\u9fa5]{2}$/.test(clause.at(-1)!.replace(LINKING, ""));
      if (own && own.grade !== undefined && own.grade !== value && naming) {
        const person: Person = { label: `第${people.length + 1}人`, grade: value };
        people.push(person);
        starts.set(person, i);
        mentions.push({ person, at: i });
        current = person;
        i += grade[0].length;
        continue;
      }
      for (const p of target) if (p.grade === undefined || target.length === 1) p.grade = value;
      if (!group.length) current = target[0];
      i += grade[0].length;
      continue;
    }
    // "不是重度", "不算重度": said to be not severe. "俺媳妇是轻度的": disabled, not severely (a grade of three or four).
    const mild = text.startsWith("轻度", i);
    if (mild || (text.startsWith("重度", i) && /(?:不是|不算|没到|不够)$/.test(text.slice(Math.max(0, i - 2), i)))) {
      const all = allBefore(text, i);
      for (const p of group.length ? group : all ? people : current ? [current] : [])
        if (p.grade === undefined) {
          p.severe = false;
          if (mild) p.certified ??= true;
        }
      i += 2;
      continue;
    }
    if (text.startsWith("重度", i)) {
      const all = allBefore(text, i);
      for (const p of group.length ? group : all ? people : current ? [current] : []) p.severe = true;
      i += 2;
      continue;
    }
    i++;
  }
  for (const { members, end } of counts) nameCounted(members, end);
  // "我家两个重度残疾 我爸一级我妈二级": the severe people counted are those then named with a grade of one or
  // two (unless they come with 还有, 另外 …); each named one takes a counted one's place.
  for (const [standIn, at] of severeCounted) {
    if (standIn.grade !== undefined) continue;
    // "俺爹一级 俺娘二级 家里俩重度": the count may come after the people it counts, too.
    const severeNamed = (p: Person) => !isCounted(p) && (p.grade === 1 || p.grade === 2 || p.severe === true) && !takenOver.has(p);
    const named =
      people.find((p) => severeNamed(p) && (starts.get(p) ?? 0) > at && !/还有|另外|又有|再加|再有/.test(text.slice(at, starts.get(p) ?? 0))) ??
      people.find((p) => severeNamed(p) && (starts.get(p) ?? 0) < at && !/还有|另外|又有|再加|再有/.test(text.slice(starts.get(p) ?? 0, at)));
    if (!named) continue;
    takenOver.add(named);
    named.severe ??= true;
    people.splice(people.indexOf(standIn), 1);
  }
  // "再加个三级的 俺小叔": one person counted with a grade, then named: the same person.
  for (const [standIn, end] of gradeCounted) {
    const named = people.find(
      (p) =>
        !isCounted(p) &&
        p.grade === undefined &&
        !p.severe &&
        (starts.get(p) ?? -1) >= end &&
        /^(?:的)?[\s，,、]*(?:是|就是)?[俺我咱]?[大小二三老]?$/.test(text.slice(end, starts.get(p))),
    );
    if (!named || people.filter(isCounted).length !== 1) continue;
    named.grade = standIn.grade;
    people.splice(people.indexOf(standIn), 1);
  }
  // Once members are named, the stand-ins for the household's size go: the named are the household.
  if (placeholders.size > 0 && people.some((p) => !placeholders.has(p))) {
    const named = people.filter((p) => !placeholders.has(p));
    people.length = 0;
    people.push(...named);
  }
  const count = /(两|二|俩|三|仨|四|2|3|4)\s*(?:个|口)?(?:人)?(?:是|都是)?(?:残疾人|残疾|个有残疾证|人有残疾证)/.exec(text) ?? /(俩|仨)(?:残疾)/.exec(text);
  if (count) disabledCount = parseNumber(count[1]!);
  // What is said between one person and the next is about that person: "我爹领老年残疾人补助".
  const healthy = new Set<Person>();
  const gone = new Set<Person>();
  mentions.forEach(({ person: p, at }, k) => {
    // ("俺两个妹子": people named together share what follows them.)
    const segment = text.slice(at, mentions.slice(k + 1).find((m) => m.at > at)?.at ?? text.length);
    // "今年开春我爸走了", "户口迁到城里了": no longer in the household; nothing is counted for them.
    if (GONE.test(segment.split(/[。；;！!？?]/)[0]!)) gone.add(p);
    const before = new Set(mentions.slice(0, k).map((m) => m.person));
    // "俺和媳妇没事", "俺娘好好的": named, but not disabled.
    // "我爸眼睛不好但没评残疾": not certified, whatever ails him.
    // ("我弟弟小时候腿摔过，但是没评残疾，没有残疾证": said later in what is said of them, no grade beside.)
    if (
      /^[^，,。；]{0,6}(?:没事|好好的|没毛病|身体好|健健康康|没残疾|没有残疾|不残疾|不是残疾|不算残疾|没评(?:上)?残疾|没(?:办|有)残疾证)/.test(segment) ||
      // ("俺奶刚才说错了 她没残疾证 就是腿脚不好": said of her after a correction.)
      (/没(?:有|办|评)?(?:上)?残疾(?:人)?证|没评(?:上)?残疾|不算残疾|不是残疾/.test(segment) && !/[一二三四1-4]级|重度/.test(segment))
    ) {
      healthy.add(p);
      return;
    }
    // "俺爷是贫困老年残疾人，俺奶也是", "俺娘也算上": what was said of the person before holds for this one too.
    // ("俺爹68 也是": an age of their own said first.)
    const previous = k > 0 ? mentions[k - 1]!.person : undefined;
    if (previous && previous !== p && /^[^，,。；\s]{0,6}\s?也(?:是|算上|算|加上|带上|一样)(?:[，,。；\s]|$)/.test(segment)) {
      p.certified ??= previous.certified;
      p.elderly ??= previous.elderly;
      p.poor ??= previous.poor;
      if (p.grade === undefined && previous.grade !== undefined) p.grade = previous.grade;
      // ("俺娘68 也是 就是没办证": alike but for the card, which she has not.)
      if (/没(?:有|办|领)?(?:残疾)?证|证还没/.test(segment.split(/[。；;！!？?]/)[0]!)) p.certified = false;
    }
    // Up to the end of the sentence, and not a programme listed by name: in "俺哥三级。老年补助、特别救助全算上"
    // 老年 is the allowance asked about, not said of 俺哥 ("俺爹领老年残疾人补助" still says he is old).
    const own = segment.split(/[。！？!?]/)[0]!.replace(/(?<!(?:领|拿|享受|吃)(?:着|了|的)?(?:贫困)?)老年(?:残疾人)?(?:生活)?补助(?=[、，,和加跟与]|$)/g, "");
    // "爷爷72岁一级", "俺娘七十五 二级", "俺爹65 一级", "俺爷八十多": an age said right after who it is (a bare
    // number only from 40 to 110, and only before a pause or a grade).
    // ("俺爹三级…救助领了一年半了": the span said of this one, up to the sentence's end.)
    const received = /领|拿/.test(own) ? readDuration(own) : undefined;
    if (received !== undefined) p.years ??= received;
    const aged = AGE_AFTER_NAME.exec(own);
    const age = aged ? parseNumber(aged[1]!) : undefined;
    if (age !== undefined && Number.isInteger(age) && (aged![2] ? age <= 120 : age >= 40 && age <= 110)) p.age ??= age;
    // "俺儿3岁，耳朵听不见": a child's ailment in what is said of them, up to the sentence's end (a child's
    // rehabilitation is a programme of its own; a grown-up's ailment is screened as before).
    if (AILMENT.test(segment.split(/[。；;！!？?]/)[0]!) && (p.age !== undefined ? p.age < 18 : YOUNG.test(p.label))) p.ailing = true;
    // "俺爸也残疾但他才四十多 不算老年": said not to be old, whatever was said of those before.
    if (/不算老年|不是老年|没到老年|不到老年|够不上老年|不够老年|才[二三四五]十|还年轻/.test(own)) p.elderly = false;
    else if (/老年|[六七八九]十|上了年纪|岁数大/.test(own)) {
      p.elderly = true;
      // "俺爷俺奶都七十多了": 都 takes in those named just before in the same clause (not "俺爹一级 俺爷俺奶都…").
      if (/^.{0,3}都/.test(segment)) for (const m of mentions.slice(0, k)) if (!/[，,。；！？!?\s]/.test(text.slice(m.at, at))) m.person.elderly = true;
    }
    // "俺闺女…单过，不是贫困户" while "俺…都算贫困户": poverty is said person by person.
    // ("我是二级残疾 非贫困 我娘一级贫困": 非贫困, and 贫困 closing what is said of someone, too.)
    if (/不是贫困|不算贫困|不贫困|非贫困|不穷|不是低保/.test(segment)) p.poor = false;
    else if (/贫困户|低保户|困难户|建档立卡|都是贫困的?(?=[，,。；\s]|$)|[一二三四1-4]级(?:的)?贫困(?=\s*$)/.test(segment)) {
      p.poor = true;
      // "俺哥二级 俺嫂子也是二级 他们是贫困户": 他们 (or 都) takes in those named before.
      // ("俺娘二级 俺兄弟三级 俺家是贫困户": the household's standing is everyone's named so far.)
      if (
        /(?:都|他们|她们|他俩|她俩|两口子|[俺我咱](?:们)?家|[俺我咱]们|[俺我咱]哋|阿拉|家里|全家|一家)(?:都)?(?:算|是|系)?[^，,。；]{0,3}(?:贫困户|低保户|困难户)|都是贫困的?(?=[，,。；\s]|$)/.test(
          segment,
        )
      )
        for (const q of before) q.poor ??= true;
    }
    // ("俺叔二级 他自己一户 不是贫困户 俺家是贫困户": the household's standing, said after one who is not, is the others'.)
    if (p.poor === false && /(?:[俺我咱](?:们)?家|家里)(?:都)?(?:算|是)[^，,。；]{0,3}(?:贫困户|低保户|困难户)/.test(segment))
      for (const q of before) q.poor ??= true;
    if (/残/.test(segment.replace(/一户多残|一户两残|一户三残|多残|(?:没有?|不是?|不算)残疾?人?/g, ""))) p.certified = true;
    // "老两口都是残疾人", "爹一级、娘三级都是贫困残疾人": those named so far, not those named after.
    if (/^[^，,。；]{0,8}都(?:是|有)?[^，,。；]{0,8}残/.test(segment)) for (const q of [...before, p]) if (!healthy.has(q)) q.certified = true;
  });
  // Two people joined by 跟/和 share what is said right after the second: "俺跟俺哥好好的" (well), "俺和俺妹是二级"
  // (the grade; not "俺和俺妹 妹是二级", where it is said of her again).
  for (let k = mentions.length - 2; k >= 0; k--) {
    const { person, at } = mentions[k]!;
    const next = mentions[k + 1]!;
    if (!/^[^，,。；\s]{0,3}(?:跟|和|与|同)[俺我咱]?$/.test(text.slice(at, next.at))) continue;
    if (healthy.has(next.person)) healthy.add(person);
    else if (
      person !== next.person &&
      person.grade === undefined &&
      !person.severe &&
      !healthy.has(person) &&
      next.person.grade !== undefined &&
      /^[^，,。；\s]{0,6}[一二三四1-4]级/.test(text.slice(next.at, mentions[k + 2]?.at ?? text.length))
    )
      person.grade = next.person.grade;
  }
  for (const p of healthy) p.certified = false;
  const left: string[] = [];
  if (gone.size > 0 && gone.size < people.length) {
    // "俺家仨残疾 俺爹一级 俺哥二级 俺三级 俺哥迁外地了": a count that is exactly those named with a
    // disability counted the one gone too.
    const disabled = (q: Person) => q.grade !== undefined || q.severe === true || q.certified === true;
    if (disabledCount !== undefined && disabledCount === people.filter(disabled).length)
      disabledCount -= people.filter((q) => gone.has(q) && disabled(q)).length;
    const staying = people.filter((p) => !gone.has(p));
    // "俺哥没残疾 户口迁走了": someone said not to be disabled leaves nobody counted; they are only not counted.
    left.push(...people.filter((p) => gone.has(p) && !healthy.has(p)).map((p) => p.label));
    people.length = 0;
    people.push(...staying);
  }
  // "四个二级…其中一个搬到城里了": people counted, not named; that many of them leave.
  const goneCount = left.length === 0 ? goneFromCount(text) : null;
  const counted = people.filter(isCounted);
  const leaving = goneCount ? (parseNumber(goneCount[1]!) ?? 0) : 0;
  if (leaving > 0 && counted.length > leaving && counted.length === people.length) {
    people.splice(people.length - leaving, leaving);
    left.push(`其中 ${leaving} 人`);
    if (disabledCount !== undefined) disabledCount = Math.max(people.length, disabledCount - leaving);
  }
  // "原先俩残疾 俺哥搬城里落户了": a count said of the past loses those gone; "就剩俺娘一个残疾" says the count now.
  const remaining = /(?:就|只)?剩(?:下)?[^，,。；\s]{0,4}?(一|两|俩|二|三|仨|[1-4])个(?:残疾|人)?/.exec(text);
  if (remaining) disabledCount = parseNumber(remaining[1]!);
  else if (left.length > 0 && disabledCount !== undefined && count && /(?:原先|原来|以前|本来)[^，,。；\s]{0,4}$/.test(text.slice(0, count.index)))
    disabledCount = Math.max(0, disabledCount - left.length);
  // "老两口都是残疾人", "俺家老两口是贫困老年残疾人": a household named only by its size.
  // "家里俩老人领贫困老年残疾人补助金": those who receive a benefit for disabled people are disabled.
  if (
    mentions.length === 0 &&
    /(?:都|(?:老两口|两口子|二老|[他她]俩|俩人|俩老人|[俩仨])是)(?:是|有)?[^，,。；没不]{0,8}残|(?:领|拿|享受|吃)(?:着|了|的)?[^，,。；\s]{0,8}残疾人/.test(
      text,
    )
  )
    for (const p of people) p.certified = true;
  // "俺家老汉一级 俺三级…俺俩还都六十五以上了": 俺俩 (or 他俩, 老两口) says it of both people named.
  const bothOld = people.length === 2 ? BOTH_OLD.exec(text) : null;
  if (bothOld) {
    const age = bothOld[1] ? parseNumber(bothOld[1]) : undefined;
    for (const p of people) {
      p.elderly = true;
      if (age !== undefined && Number.isInteger(age) && age >= 40 && age <= 120) p.age ??= age;
    }
  }
  return { people, disabledCount, ...(left.length > 0 ? { gone: left } : {}) };
}

/**
 * A sum the villager says for the household over a period, against each programme's sum and the total: "对"
 * naming the one it is, or "不对" with the programme's sum (and the total of several) as reckoned.
 */
function claimVerdict(chosen: readonly HouseholdLine[], total: number | undefined, claim: Claim, ifPoor?: readonly HouseholdLine[]): string | undefined {
  // "一户多残是每个人1680吧": a household's amount said to be each one's, whether or not the household is poor.
  if (claim.per === "人" && (claim.kind === "period" || claim.kind === "each")) {
    const months = claim.kind === "period" ? (claim.months ?? 12) : 12;
    const byHousehold = (ifPoor ?? chosen).find(
      (l) =>
        l.programme.benefit.per === "household" &&
        l.programme.benefit.kind === "cash" &&
        Math.abs(overMonths(l.period === "month" ? l.total * 12 : l.total, months) - claim.value) < 0.01,
    );
    if (byHousehold)
      return `不对：${byHousehold.programme.name}是按户发的，每户${spanOf(months)} ${money(claim.value)} 元，一户一份，不是每人 ${money(claim.value)} 元。`;
  }
  const own = verdictOn(chosen, total, claim);
  // "三级残疾 俩人 一年800 对吗", poverty untold: a figure that holds if the household is poor is not called wrong
  // against another programme; it is checked on that condition, and said so.
  if (!ifPoor || own?.startsWith("对")) return own;
  const counted = ifPoor.filter((l) => l.parts.length > 0 && l.programme.benefit.kind === "cash");
  const sumIfPoor = counted.length > 1 ? counted.reduce((s, l) => s + (l.period === "month" ? l.total * 12 : l.total), 0) : undefined;
  const held = verdictOn(counted, sumIfPoor, claim);
  return held ? `是贫困户的话，${held.replace(/。$/, "")}（您家是贫困户吗？）` : own;
}

/** The verdict on the lines as reckoned. */
function verdictOn(chosen: readonly HouseholdLine[], total: number | undefined, claim: Claim): string | undefined {
  if (claim.kind !== "period") return undefined;
  const months = claim.months ?? 12;
  const span = spanOf(months);
  const inSpan = (yearly: number) => overMonths(yearly, months);
  const sums = chosen
    .filter((l) => l.parts.length > 0 && l.programme.benefit.kind === "cash")
    .map((l) => ({ name: l.programme.name, yearly: l.period === "month" ? l.total * 12 : l.total }));
  if (sums.length === 0) return undefined;
  const all = total !== undefined ? [...sums, { name: "几项合计", yearly: total }] : sums;
  const same = all.find((x) => Math.abs(inSpan(x.yearly) - claim.value) < 0.01);
  if (same) return `对：按您说的情况，${same.name}${span}一共 ${money(inSpan(same.yearly))} 元。`;
  // "俺家俩人都三级 一年400对吧": each one's amount, said right; the household's sum beside it.
  const each = chosen.find(
    (l) =>
      l.parts.length > 1 &&
      l.programme.benefit.kind === "cash" &&
      l.parts.every((p) => p.amount === l.parts[0]!.amount) &&
      Math.abs(inSpan(l.period === "month" ? l.parts[0]!.amount * 12 : l.parts[0]!.amount) - claim.value) < 0.01,
  );
  if (each) {
    const yearly = each.period === "month" ? each.total * 12 : each.total;
    return `对：${each.programme.name}每人${span} ${money(claim.value)} 元；${each.parts.length} 个人${span}一共 ${money(inSpan(yearly))} 元。`;
  }
  const first = sums[0]!;
  const plus = total !== undefined ? `，几项合计 ${money(inSpan(total))} 元` : "";
  return `不对：按您说的情况，${first.name}${span}一共 ${money(inSpan(first.yearly))} 元${plus}，不是 ${money(claim.value)} 元。`;
}

/** Ailments a programme is for, said of someone: 脑瘫, 耳朵听不见, 眼睛看不见, 白内障, 瘫了, 智力不行 … */
const AILMENT = /脑瘫|聋|听不见|听不清|哑|瞎|看不见|看不清|白内障|瘫|截肢|没了腿|智力|痴呆|精神病|傻/;

/**
 * The age after a relation word: the word itself (up to four characters), a space perhaps ("俺爷 八十一"), then
 * the number, then 岁 or a pause.
 */
const AGE_AFTER_NAME =
  /^[^\d零一二两三四五六七八九十\s，,。；]{1,4}?\s?(?:今年|都|已经|才)?(\d{1,3}|[一二两三四五六七八九十](?=岁)|[二三四五六七八九]十[一二三四五六七八九]?|一百(?:零[一二三四五六七八九])?)(?:(周岁|岁|多岁|了|多了|多(?!块|元|钱))|(?=[\s，,。；]|[一二三四1-4]级|$))(?![\s，,]*(?:块|元|钱|年代|年|个|斤|亩|万|千|百|号|月|天|吨|户|人|多块|多元))/;

/** "俺俩还都六十五以上了", "老两口都七十多了": both people are old (and the age, when said in full). */
const BOTH_OLD =
  /(?:[俺我咱他她]俩|俩人|两人|两口子|老两口|二老)(?:还|也|今年)?都(?:已经|有|是)?(?:(\d{2,3}|[六七八九]十[一二三四五六七八九]?)(?:岁|周岁|多|了|以上)|老年|上了年纪|岁数大|[六七八九]十)/;

/** "都是老年残疾人", "都七十多了": said of several people at once, within one clause. */
const ALL_ELDERLY = /都(?:是|领|有)?[^，,。；\s]{0,8}(?:老年|[六七八九]十|上了年纪|岁数大)/;

/**
 * Whom "都是老年残疾人" covers: the people named in its own clause ("俺爹一级 俺爷俺奶都是贫困老年残疾人":
 * 爷 and 奶, not 爹); everyone when its clause names nobody ("爹和娘，都是老年残疾人").
 */
function elderlyOnes(household: Household, text: string): Person[] {
  if (household.people.length === 1) return household.people;
  const all = ALL_ELDERLY.exec(text)!;
  const clause = text
    .slice(0, all.index)
    .split(/[，,。；！？!?\s]/)
    .at(-1)!;
  const named = new Set(readHousehold(clause).people.map((p) => p.label));
  const ones = household.people.filter((p) => named.has(p.label));
  return ones.length > 0 ? ones : household.people;
}

/** Ages and "老年" near a person are read by the caller from the whole message when only one person is named. */
export function markElderly(household: Household, text: string): void {
  if (/老年残疾人|老年补助|老年残疾/.test(text) && (ALL_ELDERLY.test(text) || household.people.length === 1))
    for (const p of elderlyOnes(household, text)) p.elderly = true;
  // "俺娘不是残疾人": said outright, not undone by the 残 of that very phrase.
  if (/残/.test(text) && household.people.length === 1) household.people[0]!.certified ??= true;
}

export interface HouseholdLine {
  programme: Programme;
  /** One per person who gets it (or one for the household). */
  parts: Array<{ who: string; amount: number }>;
  period: "year" | "month";
  total: number;
  /** What is still unsure for someone. */
  notes: string[];
  /** Who cannot get it by what was said, and why ("不是贫困户"): shown when asked about, or when close. */
  refusals: Array<{ who: string; reason: string; close: boolean }>;
  /** What those of whom only the card is not known would get with one: shown as a sum under that condition. */
  ifCertified: Array<{ who: string; amount: number }>;
}

const CASH_PROGRAMMES = ["disability-living-relief", "elderly-disabled-allowance", "severe-pension-contribution", "multi-disabled-household"];

function personFacts(person: Person, poor: boolean | undefined, disabled: number): Facts {
  const grade = person.grade ?? (person.severe ? 2 : undefined);
  const facts: Facts = { disability_grade: grade, poor, disabled_in_household: disabled };
  if (person.age !== undefined) facts.age = person.age;
  else if (person.elderly)
    facts.age = 200; // stated elderly: over any threshold
  else if (person.elderly === false) facts.age = 30; // said not to be old: under any threshold
  return facts;
}

/**
 * One person's amount from one programme, when the facts settle it. A person said to be disabled (or 重度)
 * without a grade gets the amount only if every grade they could have gives the same one.
 */
function settledAmount(
  rules: EligibilityRules,
  programme: Programme,
  person: Person,
  poor: boolean | undefined,
  disabled: number,
  on: Date,
  period: "year" | "month",
): { amount?: number; unknown: string[]; refused?: { reason: string; close: boolean }; silent?: string } {
  const grades =
    person.grade !== undefined
      ? [person.grade]
      : person.severe
        ? [1, 2]
        : person.severe === false && person.certified
          ? [3, 4]
          : person.certified
            ? [1, 2, 3, 4]
            : [undefined];
  const amounts = new Set<number>();
  const unknown = new Set<string>();
  let allLikely = true;
  const refusals: Array<{ reason: string; close: boolean }> = [];
  const silent: string[] = [];
  for (const grade of grades) {
    const result = evaluateProgramme(rules, programme, personFacts({ ...person, grade, severe: false }, poor, disabled), on);
    if (result.status === "unlikely") refusals.push({ reason: result.unmet.map((u) => u.condition.unmet).join("；"), close: result.close });
    if (result.status === "unstated") silent.push(result.unstated.map((u) => u.condition.unstated!.say).join("；"));
    const amount = result.amount.year && result.amount.month ? (period === "month" ? result.amount.month[0] : result.amount.year[0]) : undefined;
    const fixed = result.amount.year && result.amount.year[0] === result.amount.year[1];
    if (result.status === "likely" && amount !== undefined && fixed) amounts.add(amount);
    else allLikely = false;
    for (const u of result.unknown) unknown.add(u.condition.if_text);
  }
  if (allLikely && amounts.size === 1) return { amount: [...amounts][0]!, unknown: [] };
  // Refused whatever grade they have: said plainly, never left out as if it were not asked.
  if (refusals.length === grades.length && refusals[0]) return { unknown: [], refused: refusals[0] };
  // "俺娘四级": the seed says nothing of her grade; said so, never summed or refused.
  if (silent.length === grades.length && silent[0]) return { unknown: [], silent: silent[0] };
  if (unknown.size === 0 && grades.length > 1 && amounts.size > 0) unknown.add("看残疾等级");
  return { unknown: [...unknown] };
}

/** A child or grandchild of the one who speaks. */
const YOUNG = /孩子|娃|孙子|孙女|外孙/;

/** Each cash programme's amount for each person, summed; household programmes once. */
export function householdLines(rules: EligibilityRules, household: Household, poor: boolean | undefined, on: Date): HouseholdLine[] {
  const disabled = Math.max(household.people.filter((p) => p.grade !== undefined || p.severe || p.certified).length, household.disabledCount ?? 0);
  const lines: HouseholdLine[] = [];
  for (const id of CASH_PROGRAMMES) {
    const programme = rules.programmes.programmes.find((p) => p.id === id);
    if (!programme) continue;
    const period = programme.benefit.period === "month" ? "month" : "year";
    const line: HouseholdLine = { programme, parts: [], period, total: 0, notes: [], refusals: [], ifCertified: [] };
    const people = programme.benefit.per === "household" ? [{ label: "全家" } as Person] : household.people;
    for (const person of people) {
      const settled = settledAmount(rules, programme, person, person.poor ?? poor, disabled, on, period);
      if (settled.amount !== undefined) line.parts.push({ who: person.label, amount: settled.amount });
      // (A child is not asked to be old enough: the allowance for the old is simply not theirs to wait for.)
      else if (settled.unknown.length > 0 && YOUNG.test(person.label) && settled.unknown.every((u) => /老年/.test(u))) continue;
      else if (settled.unknown.length > 0) {
        line.notes.push(`${person.label === "全家" ? "" : person.label}要${settled.unknown.join("、")}才能领`);
        // "俺爷 八十一" ⏎ "俺奶 七十九" asked of the allowance for the old: their card alone is not known, and with
        // one the amount is the same whatever their grade.
        const carded =
          person.certified === undefined
            ? settledAmount(rules, programme, { ...person, certified: true }, person.poor ?? poor, disabled, on, period)
            : undefined;
        if (carded?.amount !== undefined) line.ifCertified.push({ who: person.label, amount: carded.amount });
      } else if (settled.refused) line.refusals.push({ who: person.label === "全家" ? "您家" : person.label, ...settled.refused });
      else if (settled.silent) line.notes.push(`${person.label === "全家" ? "" : `${person.label}：`}${settled.silent}`);
    }
    line.total = line.parts.reduce((s, p) => s + p.amount, 0);
    if (line.parts.length > 0 || line.notes.length > 0 || line.refusals.length > 0) lines.push(line);
  }
  return lines;
}

export interface Reckoning {
  /** "一个月" asked: totals are also shown per month. */
  perMonth: boolean;
  /** "领5年", "连着领三年": totals are also shown over that many years. */
  years?: number | undefined;
  /** "加起来多少", "一共多少": the programmes named are added up (with the caveat that combining is unconfirmed). */
  total?: boolean | undefined;
  /** "这两样补助加起来", "几项都算上", "那50块也算上": every programme the people get is added, not only the one named. */
  every?: boolean | undefined;
  /** "两人一个月各是多少", "分别多少": each person's amount is asked, not only their sum. */
  each?: boolean | undefined;
  /** "摊到每口人多少", "平均一个人合多少": the sum shared over the household's people. */
  perHead?: boolean | undefined;
}

/** How many the household's sum is shared over: "四口人" said, else "仨残疾人", else the people named. */
function headsOf(question: string, household: Household): number {
  const said = /(\d+|[两二三四五六七八九十]+|俩|仨)\s*口人/.exec(question) ?? /(\d+|[两二三四五六七八九十]+|俩|仨)\s*(?:个)?残疾人/.exec(question);
  return (said ? parseNumber(said[1]!) : undefined) ?? household.people.length;
}

/** "俺娘一年比俺多拿多少": the two people compared, each one's own cash a year. */
const COMPARED = /([^，,。？?\s]{1,8}?)(?:一年|每年|一个月|每月)?比([^，,。？?\s]{1,6}?)(?:一年|每年|一个月|每月)?(多|少)(?:拿|领|给|得|发)?了?(?:多少|几)/;

/**
 * "俺娘一年比俺多拿多少" after a household's answer: each one's own money a year (programmes paid per person,
 * in cash), and the difference with its formula. Undefined when the message compares no two people of the household.
 */
export function compareMembers(lines: readonly HouseholdLine[], people: readonly Person[], text: string): string | undefined {
  const m = COMPARED.exec(text);
  if (!m) return undefined;
  const who = (said: string) =>
    /^(?:俺|我|咱)(?:自己|自个儿?)?$/.test(said) ? "您" : readHousehold(said).people.find((p) => people.some((q) => q.label === p.label))?.label;
  const [a, b] = [who(m[1]!), who(m[2]!)];
  if (!a || !b || a === b || !people.some((p) => p.label === a) || !people.some((p) => p.label === b)) return undefined;
  const own = (label: string) =>
    lines
      .filter((l) => l.programme.benefit.kind === "cash" && l.programme.benefit.per !== "household")
      .flatMap((l) => l.parts.filter((p) => p.who === label).map((p) => ({ name: l.programme.name, year: l.period === "month" ? p.amount * 12 : p.amount })));
  const [ofA, ofB] = [own(a), own(b)];
  if (ofA.length + ofB.length === 0) return undefined;
  const sum = (xs: typeof ofA) => xs.reduce((t, x) => t + x.year, 0);
  const [ya, yb] = [sum(ofA), sum(ofB)];
  const each = (label: string, xs: typeof ofA) =>
    `${label}一年 ${money(sum(xs))} 元${xs.length > 0 ? `（${xs.map((x) => `${x.name} ${money(x.year)}`).join(" + ")}）` : ""}`;
  // The difference first, its working after: "多 800 − 400" would read as "800 more".
  const diff =
    ya >= yb ? `${a}比${b}一年多 ${money(ya - yb)} 元（${money(ya)} − ${money(yb)}）` : `${a}比${b}一年少 ${money(yb - ya)} 元（${money(yb)} − ${money(ya)}）`;
  const whole = lines.some((l) => l.programme.benefit.per === "household" && l.parts.length > 0);
  return `按您说的情况：${each(a, ofA)}，${each(b, ofB)}。\n${ya === yb ? `两人一样多，都是一年 ${money(ya)} 元。` : `${diff}。`}${whole ? "\n（按户发的补助不分到个人，不算在里面。）" : ""}`;
}

/** What the question asks the figures to be turned into. */
export function readReckoning(text: string): Reckoning {
  // "每月那50块也算上": a monthly amount named is no month asked for.
  const perMonth = /一个月|每个月|每月|月均|平均下来一个月|合每月|按月(?:算|折合|合|发)/.test(
    text.replace(/(?:每个?月|一个月)(?:那|这)?个?的?\s*\d+(?:\.\d+)?\s*(?:块|元)?/g, ""),
  );
  const years = readDuration(text);
  // "俩人这两样一年多少": two kinds asked together are asked as a sum.
  // "救助加一户多残一年多少": two programmes named with 加 are asked together.
  const twoNamed = /(?:救助|补助|补贴|代缴)(?:金|费)?(?:加|和|跟|与|连)[^，,。\s]{0,8}(?:补助|补贴|救助|一户多残|代缴)/.test(text);
  const total =
    twoNamed ||
    /加起来|一共|总共|合计|加一起|加一块|加在一起|加到一起|合起来|一块儿算|加上|算上|连上|带上|[两俩几三四]样|[两俩几三四]项|(?:一年|一个月|每月|每年)共(?:能|可以)?(?:领|拿|有)?多少|(?:^|[\s，,])(?:[两三四五六]个人|俩人|仨人)(?:一年|一个月|每年|每月)?(?:能|可以)?(?:拿|领|得|给)?(?:多少|几多)/.test(
      text,
    );
  // "再加一户多残，一年一共多少": the programme named on top of what the people get; "这些都能领的话",
  // "全家一共": everything the people get, not only the programme one of them was said to receive.
  // "老年补助俩人一年一共多少": the people counted right after the programme named are that programme's.
  const ofNamed = /(?:补助|补贴|救助|代缴|保险)(?:金|费)?[^，,。\s]{0,3}(?:俩|两个人|老两口|[俺我咱他她]们)/.test(text);
  const every =
    total &&
    (twoNamed ||
      /[两俩几三四]样|[两俩几三四]项|各项|所有的?补助|全都算|都算上|也(?:算上|加上|算进去|加进去|连上|带上)|这些|都能领|再加|加上|(?:连上|带上|算上)[^，,。]{0,6}(?:一户多残|代缴|救助|补助|补贴)|(?:救助|补助|补贴|代缴)[^，,。]{0,10}(?:算上|连上|带上)|[助贴金][加和跟与][^，,。\s]{0,6}(?:补助|补贴|救助)/.test(
        text,
      ) ||
      (!ofNamed && /全家|一家|家里(?:一共|总共|加起来|合计)|俩|仨|两个人|三个人|[俺我咱]们/.test(text)));
  const perHead = /平均(?:下来)?(?:到)?(?:每|一)(?:个|口)?人|摊到?每(?:个|口)?人|人均|每口人/.test(text);
  const each = /各(?:自|是|人)?(?:能|可以)?(?:领|拿|得|给|合|算)?(?:多少|几多)|分别(?:是|能)?(?:领|拿|得)?(?:多少|几多)/.test(text);
  return {
    perMonth,
    ...(years !== undefined ? { years } : {}),
    ...(total ? { total } : {}),
    ...(every ? { every } : {}),
    ...(each ? { each } : {}),
    ...(perHead ? { perHead } : {}),
  };
}

/** Lines with an amount: when several add up, each is also reckoned on its own. */
const yearlyCount = (lines: readonly HouseholdLine[]) => lines.filter((l) => l.parts.length > 0 && l.programme.benefit.kind === "cash").length;

const unitOf = (period: "year" | "month") => (period === "month" ? "元/月" : "元/年");

/** The household's answer: each programme's sum with its formula, then the total if the question asks for one. */
export function renderHousehold(
  rules: EligibilityRules,
  household: Household,
  poor: boolean | undefined,
  lines: HouseholdLine[],
  focus: readonly string[],
  reckon: Reckoning,
  question = "",
  claim?: Claim,
  /** The programmes' lines were the household poor, when that is untold: a figure put to confirm may hold on it. */
  ifPoor?: readonly HouseholdLine[],
): Rendered {
  // Poverty said person by person is shown with each person; otherwise once for the household.
  const ownPoverty = household.people.some((p) => p.poor !== undefined);
  // "俺家俩残疾人": people counted, nothing said of each, are told as the count, and their grades asked.
  const gradesUntold = household.people.length > 0 && household.people.every((p) => p.certified === true && isCounted(p) && p.grade === undefined && !p.severe);
  const who = gradesUntold
    ? `家里共 ${household.people.length} 个残疾人`
    : household.people
        .map(
          (p) =>
            `${p.label === "您" ? "您" : p.label}${p.grade ? `${"一二三四"[p.grade - 1]}级` : p.severe ? "重度" : p.severe === false ? "不是重度" : ""}${ownPoverty ? (p.poor === true ? "（贫困户）" : p.poor === false ? "（不是贫困户）" : "") : ""}`,
        )
        .join("、");
  const said = [
    who,
    household.disabledCount && household.disabledCount > household.people.length && !gradesUntold ? `家里共 ${household.disabledCount} 个残疾人` : "",
    ownPoverty ? "" : poor === true ? "贫困户" : poor === false ? "不是贫困户" : "",
  ].filter(Boolean);
  const out: string[] = [`按您说的情况（${said.join("，")}）：`];
  // A refusal is shown for the programme asked about, or when it turns on one thing (close); otherwise a
  // line nobody gets is left out.
  const asked = (l: HouseholdLine) => focus.includes(l.programme.id);
  const worth = lines.filter((l) => l.parts.length > 0 || l.notes.length > 0 || asked(l) || l.refusals.some((r) => r.close));
  // "这两样补助加起来": the programmes the people's own descriptions name; a household's lump sum only when named too.
  const shown = focus.length > 0 ? worth.filter((l) => asked(l) || (reckon.every && l.programme.benefit.per !== "household")) : worth;
  const chosen = shown.length > 0 ? shown : worth;
  // What the household gets besides the programme asked about ("我娘三级…我爹领老年补助，各自多少").
  const besides = worth.filter((l) => !chosen.includes(l) && l.parts.length > 0);
  /** A line added into the sum: cash, or a contribution named and asked to be summed. */
  const counts = (line: HouseholdLine) => line.programme.benefit.kind === "cash" || (reckon.total === true && asked(line));
  let yearly = 0;
  const yearlyParts: string[] = [];
  /** What the people are paid themselves, apart from the household's own allowance ("三个人一年多少"). */
  const ownParts: number[] = [];
  // "俺爹…领了一年半 ⏎ 俺娘…领了两年": each one's own span, when they differ. One span for all would be wrong for
  // some; each is reckoned over their own, and nothing over a span nobody said (a household's allowance).
  const spans = new Map(household.people.flatMap((p) => (p.years !== undefined ? [[p.label, p.years] as const] : [])));
  const ownSpans = new Set(spans.values()).size >= 2;
  const spanOwn = (line: HouseholdLine) =>
    line.parts.length > 0 && line.parts.every((p) => spans.has(p.who) || (reckon.years !== undefined && !ownSpans))
      ? line.parts.map((p) => ({ who: p.who, yearly: line.period === "month" ? p.amount * 12 : p.amount, years: spans.get(p.who)! }))
      : undefined;
  let spannedTotal = 0;
  const spannedParts: string[] = [];
  if (ownSpans) reckon = { ...reckon, years: undefined };
  for (const line of chosen) {
    const unit = unitOf(line.period);
    // The clauses for the grades in the household: an amount set for a grade nobody has is not shown as theirs.
    // Someone whose grade is not known may have any: the whole rule.
    const certified = household.people.filter((p) => p.certified !== false);
    const grades = certified.some((p) => p.grade === undefined && !p.severe) ? [] : certified.flatMap((p) => p.grade ?? [1, 2]);
    const rule = ruleFor(line.programme.rule, [...new Set(grades)]);
    out.push(rule ? `【${line.programme.name}】${rule}` : `【${line.programme.name}】`);
    if (line.parts.length > 1) out.push(`  ${line.parts.map((p) => `${p.who} ${money(p.amount)}`).join(" + ")} = ${money(line.total)} ${unit}`);
    else if (line.parts.length === 1) out.push(`  ${line.parts[0]!.who === "全家" ? "每户" : line.parts[0]!.who} ${money(line.total)} ${unit}`);
    // Several people at one monthly amount: each one's year is said too ("每人一年 600 元").
    const alike = line.parts.length > 1 && line.parts.every((p) => p.amount === line.parts[0]!.amount);
    // "从4月开始领 到年底": months asked of a monthly amount are reckoned by the month; a whole year is no input.
    const partYear = reckon.years !== undefined && !Number.isInteger(reckon.years);
    if (line.parts.length > 0 && line.period === "month" && !partYear)
      out.push(`  一年：${money(line.total * 12)} 元（${money(line.total)} × 12${alike ? `；每人一年 ${money(line.parts[0]!.amount * 12)} 元` : ""}）`);
    // "两人一个月各是多少": each one's month, when they are paid differently.
    if (reckon.each && reckon.perMonth && line.period === "year" && line.parts.length > 1 && !alike)
      out.push(`  每人每月：${line.parts.map((p) => `${p.who} ${monthOf(p.amount)}`).join("；")}`);
    // Everyone not settled lacks only the card: what they would get with one, the condition said with the sum.
    const ifCarded = line.ifCertified.length >= 2 && line.ifCertified.length === line.notes.length ? line.ifCertified : [];
    if (ifCarded.length > 0) {
      const sum = ifCarded.reduce((all, p) => all + p.amount, 0);
      out.push(`  都有残疾证的话：${ifCarded.map((p) => `${p.who} ${money(p.amount)}`).join(" + ")} = ${money(sum)} ${unit}`);
      if (line.period === "month") out.push(`  一年：${money(sum * 12)} 元（${money(sum)} × 12）`);
      out.push(`  （${ifCarded.map((p) => p.who).join("、")}有没有残疾证，您没说；没有证的领不了）`);
    } else for (const note of line.notes) out.push(`  ${note}`);
    const refused = line.refusals.filter((r) => asked(line) || r.close);
    if (refused.length > 0)
      out.push(
        `  ${[...new Set(refused.map((r) => r.who))].join("、")}按您说的情况不符合条件，领不了：${[...new Set(refused.map((r) => r.reason))].join("；")}`,
      );
    if (line.parts.length > 0 && (reckon.perMonth || reckon.years) && (chosen.length > 1 || yearlyCount(chosen) > 1)) {
      const perYear = line.period === "month" ? line.total * 12 : line.total;
      // "每人每月合多少 全家一年多少": each one's month too, when they are paid alike.
      if (reckon.perMonth && line.period === "year") out.push(`  折合每月：${monthOf(perYear)}${alike ? `；每人每月：${monthOf(line.parts[0]!.amount)}` : ""}`);
      if (reckon.years) {
        const months = Math.round(reckon.years * 12);
        const formula =
          line.period === "month" && partYear
            ? `${money(line.total)} × ${months}`
            : months % 6 === 0
              ? `${money(perYear)} × ${money(reckon.years)}`
              : `${money(perYear)} ÷ 12 × ${months}`;
        out.push(`  领 ${spanText(reckon.years)}：${money((perYear * months) / 12)} 元（${formula}）`);
      }
    }
    const own = ownSpans ? spanOwn(line) : undefined;
    if (own) {
      const sum = own.reduce((all, p) => all + p.yearly * p.years, 0);
      out.push(`  各领的年数：${own.map((p) => `${p.who} ${money(p.yearly)} × ${money(p.years)}`).join(" + ")} = ${money(sum)} 元`);
      if (counts(line)) {
        spannedTotal += sum;
        spannedParts.push(money(sum));
      }
    } else if (ownSpans && line.parts.length > 0) out.push("  领了几年各不一样，这项没按年数算（说清是谁、领了多久，我再算）");
    // A contribution is money paid for them, not to them: added up only when the villager names it and asks for the sum.
    const counted = counts(line);
    // (A line alone has no sum below it to be in or out of.)
    const alone = chosen.filter((l) => l.parts.length > 0).length === 1;
    if (line.programme.benefit.kind === "contribution" && line.parts.length > 0)
      out.push(`  （${line.programme.benefit.form ?? "不发现金"}${alone ? "" : counted ? "，按您问的算进下面的合计" : "，不算进下面的合计"}）`);
    if (line.parts.length > 0 && counted) {
      const perYear = line.period === "month" ? line.total * 12 : line.total;
      yearly += perYear;
      yearlyParts.push(money(perYear));
      if (line.programme.benefit.per !== "household") ownParts.push(perYear);
    }
  }
  if (ownParts.length > 1 && ownParts.length < yearlyParts.length)
    out.push(`按人领的每年：${ownParts.map(money).join(" + ")} = ${money(ownParts.reduce((a, b) => a + b, 0))} 元（不含按户发的）`);
  if (yearlyParts.length > 1) out.push(`合计每年：${yearlyParts.join(" + ")} = ${money(yearly)} 元（几项能不能同时领，原文没写，请向县残联确认）`);
  // "摊到每口人多少", "平均一个人合多少": the year's sum shared over the household's people, as many as were said.
  const heads = reckon.perHead ? headsOf(question, household) : 0;
  if (yearly > 0 && heads > 1)
    out.push(`平均每人每年：${money(yearly)} ÷ ${heads} ${Number.isInteger(yearly / heads) ? "=" : "≈"} ${money(yearly / heads)} 元`);
  // A monthly amount alone is already said per month.
  const monthlyAlone = yearlyParts.length === 1 && chosen.every((line) => line.parts.length === 0 || line.period === "month");
  if (yearly > 0 && reckon.perMonth && !monthlyAlone) out.push(`折合每月：${monthOf(yearly)}`);
  if (spannedParts.length > 1) out.push(`按各人领的年数，按人领的加起来：${spannedParts.join(" + ")} = ${money(spannedTotal)} 元（不含按户发的）`);
  if (yearly > 0 && reckon.years) {
    const months = Math.round(reckon.years * 12);
    // Monthly amounts alone over part of a year: the month's sum times the months.
    const byMonth = !Number.isInteger(reckon.years) && chosen.every((l) => l.parts.length === 0 || l.period === "month" || !counts(l));
    const formula = byMonth
      ? `${money(yearly / 12)} × ${months}`
      : months % 6 === 0
        ? `${money(yearly)} × ${money(reckon.years)}`
        : `${money(yearly)} ÷ 12 × ${months}`;
    out.push(`领 ${spanText(reckon.years)}一共：${money((yearly * months) / 12)} 元（${formula}；按现在的标准算，标准变了以县残联为准）`);
    // "他俩两年一共": what the people are paid themselves over the span, apart from the household's allowance.
    const own = ownParts.reduce((a, b) => a + b, 0);
    if (ownParts.length > 1 && ownParts.length < yearlyParts.length && Number.isInteger(reckon.years))
      out.push(`其中按人领的 ${spanText(reckon.years)}：${money(own * reckon.years)} 元（${money(own)} × ${money(reckon.years)}）`);
  }
  // Beside the figure asked for, another programme's total for the same people reads as the answer: named
  // only. A programme paying someone the answer leaves out ("他俩各自能领多少") keeps its figures.
  const paid = new Set(chosen.flatMap((l) => l.parts.map((p) => p.who)));
  const needed = besides.filter((l) => l.parts.some((p) => p.who !== "全家" && !paid.has(p.who)));
  if (needed.length > 0) {
    out.push("另外还可能领：");
    for (const line of needed)
      out.push(
        `  ${line.programme.name}：${line.parts.map((p) => `${p.who === "全家" ? "每户" : p.who} ${money(p.amount)}`).join(" + ")}${line.parts.length > 1 ? ` = ${money(line.total)}` : ""} ${unitOf(line.period)}`,
      );
  }
  const named = besides.filter((l) => !needed.includes(l));
  if (named.length > 0)
    out.push(`${needed.length > 0 ? "还有" : "另外还可能领"}：${named.map((l) => l.programme.name).join("、")}（想知道各领多少，回复“还能领什么”）`);
  // "儿子重度智力残疾要人照看": the home care for such people pays no sum the answer could add, so it is
  // named beside the sums rather than left out.
  const homeCare = rules.programmes.programmes.find((p) => p.id === "severe-home-care");
  const severe = household.people.some((p) => p.severe || (p.grade !== undefined && p.grade <= 2));
  if (homeCare && severe && /智力|精神|脑子|痴呆|憨|傻/.test(question) && !lines.some((l) => l.programme.id === homeCare.id))
    out.push(`重度智力、精神残疾的还可以问：${homeCare.name}（资料只有全县总数，没写每人多少；找县残联）。`);
  // "俺是二级残疾，开机动轮椅车", "娃能托养不": a programme the words name that pays no amount the answer could add
  // (the fuel subsidy, home care, a child's rehabilitation) is said beside the sums, with what the seed gives of it.
  const saidOf = rules.programmes.programmes.filter(
    (p) =>
      !CASH_PROGRAMMES.includes(p.id) &&
      !(p.id === homeCare?.id && out.some((line) => line.includes(homeCare.name))) &&
      (p.keywords.some((k) => question.includes(k)) || focus.includes(p.id)),
  );
  for (const p of saidOf) out.push(`您说到的${p.name}：${p.rule}。${p.benefit.kind === "cash" ? (p.benefit.amount_note ?? "") : ""}到哪办：${p.apply}。`);
  if (gradesUntold && chosen.some((l) => l.notes.some((n) => n.includes("残疾等级") || n.includes("贫困"))))
    out.push(`这 ${household.people.length} 个人各是几级残疾？告诉我（比如“一个二级，一个三级”），我帮您算一共多少。`);
  if (poor === undefined && lines.some((l) => l.notes.some((n) => n.includes("贫困"))))
    out.push("您家是贫困户（低保户、建档立卡户）吗？回复“是”或“不是”，我再算准一点。");
  // "一年救助1600 对吧", "一年一共1600是不": the answer to the yes-or-no question first.
  const verdict = claim ? claimVerdict(chosen, yearlyParts.length > 1 ? yearly : undefined, claim, ifPoor) : undefined;
  if (verdict) out.unshift(verdict);
  out.push(`来源：${[...new Set(chosen.map((l) => l.programme.source.section))].join("；")}。到哪办：县残联（可先到村委会问）。`);
  return {
    text: out.join("\n"),
    quickReplies: [
      ...(poor === undefined ? [quickReply("是贫困户"), quickReply("不是贫困户")] : []),
      ...(named.length > 0 ? [quickReply("还能领什么", "我还能领什么补助")] : []),
    ],
    citations: chosen.map((l) => citationOf(l.programme)),
  };
}
