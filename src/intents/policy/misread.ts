// A figure of the knowledge base read back with the wrong unit or as the wrong kind of amount: "挡土墙修了538公里？"
// (538 米), "婴儿死亡率是4.64%吧" (4.64‰), "优质煤1360块钱一斤是不是" (元/吨), "燃油补贴每人9.23万？" (9.23 万元 in
// all). The number itself is the entry's, so the villager has it from somewhere; what they would misread is said
// plainly. Pure: the facts and the question in, the correction (or nothing) out.
import type { Fact } from "../../knowledge/schema.ts";
import { parseNumber, quantitiesAsDigits } from "../../text/numbers.ts";
import { HEARSAY } from "../../core/claim.ts";

/** How a unit is measured: units of one kind that differ are a misreading (米 is not 公里). */
const KINDS: Record<string, string> = {
  米: "length",
  公里: "length",
  千米: "length",
  里: "length",
  斤: "weight",
  公斤: "weight",
  吨: "weight",
  "%": "rate",
  "‰": "rate",
  个百分点: "rate",
  "/万": "rate",
  "/10万": "rate",
  平方米: "area",
  亩: "area",
  元: "money",
  万元: "money",
  户: "count",
  人: "count",
  名: "count",
};

/** How the unit is said back to the villager. */
const SAID_AS: Record<string, string> = {
  "%": "%（百分之几）",
  "‰": "‰（千分之几）",
  "/万": "每万人里的个数",
  "/10万": "每 10 万人里的个数",
  千米: "千米（公里）",
  公里: "公里",
};

/** A number of the question with what follows it: a unit, 万 for money, a price's "一斤". */
const SAID =
  /(?<![\d.])(\d+(?:\.\d+)?)\s*(万(?!人))?\s*(个百分点|%|‰|平方米|平米|平方|公里|千米|里地|里|米|公斤|斤|吨|亩|块钱|块|元)?(?:\s*(?:一|每|\/)\s*(斤|公斤|吨))?/g;
/** The unit a fact states right after a number. */
const STATED = /^\s*(?:多\s*)?(万元|个百分点|%|‰|\/\s*10\s*万|\/\s*万|平方米|公里|千米|米|公斤|斤|吨|亩|元\s*\/\s*(?:吨|斤|公斤)|元|户|人|名)/;
/** Asking for something, not putting a figure to confirm. */
const ASKS = /多少|几|啥|什么|咋|怎么|哪|谁/;

const SPOKEN_MEASURE = /[零一二两三四五六七八九十百千]{2,}(?:平方米|平米|平方|亩|吨|公里|千米|米|公斤|斤)/g;

export function misreadUnit(facts: readonly Fact[], said: string): string | undefined {
  // ("才一百平米？": a measure in Chinese numerals is the same figure; "每一万人" stays a rate's words.)
  const question = said.replace(SPOKEN_MEASURE, (run) => quantitiesAsDigits(run));
  // Put to confirm (a closing question mark, 吧 or 吗, a tag like "对吧", or heard somewhere: "听说…"), or only said
  // ("广场有100平方米那么大"): then only of what the fact speaks of, so that a number of the villager's own that
  // happens to be the entry's is not taken for it.
  const confirming = /[?？]|吧|吗|对不对|是不是|对不|是不|没错/.test(question) || HEARSAY.test(question);
  for (const m of question.matchAll(SAID)) {
    const [whole, number, wan, unitWord, perWord] = m;
    // The clause the figure is said in asks nothing of its own ("538公里？咋那么长" still confirms).
    const clauseStart = Math.max(0, ...[...question.slice(0, m.index).matchAll(/[，,。；;！!？?\s]/g)].map((x) => x.index + 1));
    const clause = question.slice(clauseStart, m.index + whole.length);
    if (ASKS.test(clause)) continue;
    const before = question.slice(Math.max(0, m.index - 10), m.index);
    const perThousands = /每(?:一)?(十|10)?万(?:个)?(?:人|名)?[^\d，,。]{0,4}$/.exec(before);
    const said = saidUnit(unitWord, wan, perWord, perThousands);
    // "每人…", "一户…" before the figure: whom it was said to be for.
    const whom = /每(?:个)?(人|户|位)|一(?:个)?(人|户)/.exec(clause.slice(0, clause.length - whole.length));
    const each = whom ? ((whom[1] ?? whom[2]) === "户" ? "每户" : "每人") : undefined;
    if (!said && !each) continue;
    for (const fact of facts) {
      for (const at of [...fact.text.matchAll(new RegExp(`(?<![\\d.])${number!.replace(".", "\\.")}(?![\\d])`, "g"))]) {
        const after = fact.text.slice(at.index + number!.length);
        const stated = STATED.exec(after)?.[1]?.replace(/\s/g, "");
        const quote = quoted(fact.text, at.index);
        if (!confirming && !sharesWords(clause, quote)) continue;
        // "流转了600亩地" of "600 多户签了合同": a count of another kind, for a number few would say by chance.
        const otherKind =
          said && stated && Number(number) >= 100 && KINDS[said] !== KINDS[stated] && KINDS[stated] === "count" && sharesWords(question, fact.text);
        if (said && stated && (differs(said, stated) || otherKind))
          return `不对：资料里写的是“${quote}”，单位是${SAID_AS[stated] ?? stated}，不是${SAID_AS[said] ?? said}。`;
        // "每人9.23万": a total (一共 9.23 万元) read as each one's.
        const total = /一共|总共|共|合计|累计/.test(fact.text.slice(Math.max(0, at.index - 8), at.index));
        if (each && total && !/每(?:个)?(?:人|户|位)/.test(fact.text)) return `不对：资料里写的是“${quote}”，这是一共的数，不是${each}的。`;
      }
    }
    // "持证率提高了55%？" of 5.5%, "提高了88%" of 0.88 个百分点: the entry's digits with the point misplaced, in
    // a fact about what the clause speaks of.
    if (said && KINDS[said] === "rate") {
      const digits = (n: string) => n.replace(".", "").replace(/^0+/, "");
      for (const fact of facts)
        for (const at of fact.text.matchAll(/(?<![\d.])(\d+\.\d+|\d+)(?![\d.])/g)) {
          // ("比上一年提高 0.88 个百分点" alone does not say of what: the whole sentence is quoted when short.)
          const clauseOnly = quoted(fact.text, at.index);
          const sentence = fact.text.replace(/[。；]$/, "");
          const quote = /^比/.test(clauseOnly) && sentence.length <= 60 ? sentence : clauseOnly;
          if (at[1] !== number && digits(at[1]!) === digits(number!) && sharesWords(clause, quote) && STATED.test(fact.text.slice(at.index + at[1]!.length)))
            return `不对：资料里写的是“${quote}”，不是 ${number}${said}。`;
        }
    }
  }
  return undefined;
}

/** Two texts speak of the same thing: they share a pair of Chinese characters other than the rate's own words. */
function sharesWords(a: string, b: string): boolean {
  const inB = pairsOf(b);
  return [...pairsOf(a)].some((p) => inB.has(p) && !/^(?:提高|比上|上一|一年|去年|增长|下降)$/.test(p));
}

/** Character pairs of a text's Chinese, for telling what two texts speak of. */
function pairsOf(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fa5]/g, "");
  return new Set([...han].slice(0, -1).map((c, k) => c + han[k + 1]));
}

function saidUnit(unitWord: string | undefined, wan: string | undefined, per: string | undefined, perThousands: RegExpExecArray | null): string | undefined {
  if (perThousands) return perThousands[1] ? "/10万" : "/万";
  const unit = unitWord === "块钱" || unitWord === "块" ? "元" : unitWord === "里地" ? "里" : unitWord === "平米" || unitWord === "平方" ? "平方米" : unitWord;
  if (per && (unit === "元" || !unit)) return `元/${per}`;
  if (wan && (!unit || unit === "元")) return "万元";
  return unit;
}

function differs(said: string, stated: string): boolean {
  if (said.startsWith("元/") || stated.startsWith("元/")) return said.startsWith("元/") && stated.startsWith("元/") && said !== stated;
  const a = KINDS[said];
  const b = KINDS[stated];
  return a !== undefined && a === b && said !== stated && !(said === "公里" && stated === "千米") && !(said === "千米" && stated === "公里");
}

/** The part of the fact around the figure: its clause, without the sentence's end. */
function quoted(text: string, at: number): string {
  const start = Math.max(0, ...[...text.slice(0, at).matchAll(/[，,；;。]/g)].map((m) => m.index + 1));
  const rest = text.slice(at).search(/[，,；;。]/);
  return text.slice(start, rest < 0 ? undefined : at + rest).trim();
}

/** "2公斤秸秆压块才顶1公斤煤": so much of one thing said to stand for so much of another. */
const RATIO_SAID =
  /(\d+(?:\.\d+)?|[一二两三四五六七八九十]+(?:点[一二三四五六七八九])?)\s*(公斤|斤|吨)[^，,。？?\d]{0,10}?(?:顶|相当于|抵|换|顶得上|抵得上|才顶|才抵)\s*(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*(公斤|斤|吨)/;
/** "1.2-1.3 公斤生物质成型燃料，顶 1 公斤优质煤": a fact stating such a ratio, as a range or one figure. */
const RATIO_STATED = /(\d+(?:\.\d+)?)(?:\s*[-~～至到]\s*(\d+(?:\.\d+)?))?\s*(公斤|斤|吨)[^。；]{0,16}?(?:顶|相当于|抵)\s*(\d+(?:\.\d+)?)\s*(公斤|斤|吨)/;
const IN_KG: Record<string, number> = { 公斤: 1, 斤: 0.5, 吨: 1000 };
/** "2 公斤", "一公斤": a weight as the villager said it. */
const weight = (n: string, unit: string) => (/\d/.test(n) ? ` ${n} ${unit}` : `${n}${unit}`);

/**
 * The ratio the message puts forward, when it is all the message says in numbers: "按1.2公斤顶1公斤煤 俺压了6吨" says
 * the ratio to reckon with, which is the villager's to choose, not a claim.
 */
export function ratioSaid(question: string): RegExpExecArray | undefined {
  const said = RATIO_SAID.exec(question);
  if (!said) return undefined;
  const rest = question.slice(0, said.index) + question.slice(said.index + said[0].length);
  return /\d|[一两二三四五六七八九十百千半]+\s*(?:吨|公斤|斤|块|元)/.test(rest) ? undefined : said;
}

/**
 * A ratio said against the one a fact states: "2公斤压块才顶1公斤煤" of "1.2-1.3 公斤…顶 1 公斤优质煤" is 不对, "1.25公斤
 * 顶1公斤" is 对. Undefined when no fact states a ratio or the message says none.
 */
export function misreadRatio(facts: readonly Fact[], question: string): string | undefined {
  const said = ratioSaid(question);
  if (!said) return undefined;
  const amount = (n: string) => parseNumber(n) ?? Number.NaN;
  const ratio = (amount(said[1]!) * IN_KG[said[2]!]!) / (amount(said[3]!) * IN_KG[said[4]!]!);
  if (!Number.isFinite(ratio)) return undefined;
  for (const fact of facts) {
    const stated = RATIO_STATED.exec(fact.text);
    if (!stated) continue;
    const per = Number(stated[4]) * IN_KG[stated[5]!]!;
    const low = (Number(stated[1]) * IN_KG[stated[3]!]!) / per;
    const high = ((stated[2] ? Number(stated[2]) : Number(stated[1])) * IN_KG[stated[3]!]!) / per;
    const quote = fact.text.replace(/[。；]$/, "");
    return ratio >= low - 1e-9 && ratio <= high + 1e-9
      ? `对：资料里写的是“${quote}”。`
      : `不对：资料里写的是“${quote}”，不是${weight(said[1]!, said[2]!)}顶${weight(said[3]!, said[4]!)}。`;
  }
  return undefined;
}

/** A change from last year or a target, said beside a rate: "比上一年增长 17.85%". */
const CHANGE = /增长|提高|增加|下降|减少|比上|比目标|高出/;

/**
 * A rate of the entry said of another thing: "一本上线率达到48.15%" (48.15% is the 二本 rate; 一本's is 10.74%), "填表率是
 * 98.32%" (98.32% is the home-visit share). Each rate the facts state is read with the words of its sentence up to
 * it; the one whose words best match those the villager said it of is the one meant.
 */
export function misreadRate(facts: readonly Fact[], question: string): string | undefined {
  const said = /(?<![\d.])(\d+(?:\.\d+)?)\s*%/.exec(question);
  if (!said) return undefined;
  const clauseStart = Math.max(0, ...[...question.slice(0, said.index).matchAll(/[，,。；;！!？?\s]/g)].map((m) => m.index + 1));
  const clause = question.slice(clauseStart, said.index);
  if (/多少|几|啥|什么|咋|怎么|哪/.test(clause)) return undefined;
  const asked = pairsOf(question.slice(0, said.index));
  const change = CHANGE.test(clause);
  const rates = facts.flatMap((fact) =>
    fact.text.split(/[；;。]/).flatMap((sentence) =>
      [...sentence.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*%/g)].map((m) => {
        const upTo = sentence.slice(0, m.index);
        const breaks = [...upTo.matchAll(/[，,]/g)].map((x) => x.index + 1);
        const clauseOwn = upTo.slice(Math.max(0, ...breaks)) + m[0];
        // Quoted from the sentence's start (what the rate is of), or its last two clauses when that is long.
        const quote = (upTo.length <= 40 ? upTo : upTo.slice(breaks.at(-2) ?? 0)) + m[0];
        return { value: m[1]!, quote: quote.trim(), words: pairsOf(upTo), change: CHANGE.test(clauseOwn) };
      }),
    ),
  );
  const stated = rates.filter((r) => r.value === said[1]);
  if (stated.length === 0) return undefined;
  // (A pair with a numeral, "一本" or "二本", names which one: it counts double.)
  const score = (r: (typeof rates)[number]) =>
    [...r.words].filter((w) => asked.has(w)).reduce((sum, w) => sum + (/[一二三四五六七八九]/.test(w) ? 2 : 1), 0) - (r.change !== change ? 10 : 0);
  const ranked = [...rates].sort((a, b) => score(b) - score(a));
  const meant = ranked[0]!;
  if (score(meant) < 1 || (ranked[1] && score(ranked[1]) === score(meant)) || meant.value === said[1]) return undefined;
  return `不对：资料里写的是“${meant.quote}”；${said[1]}% 说的是“${stated[0]!.quote}”。`;
}
