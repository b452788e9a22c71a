// Chinese reply texts for the screener's results, the calculators and the questions. Pure.
import { quickReply } from "../core/payload.ts";
import { exactly, spanText } from "./numbers.ts";
import type { Citation, QuickReply } from "../core/message.ts";
import type { EligibilityRules } from "./load.ts";
import type { Amount, Facts, ProgrammeResult } from "./evaluate.ts";
import type { BiomassResult, LandResult } from "./calculators.ts";
import type { Programme } from "./schema.ts";

export interface Rendered {
  text: string;
  quickReplies: QuickReply[];
  citations: Citation[];
}

/** Tonnes to two places: "2 吨 ÷ 1.2 ≈ 1.67 吨" (one place would read 1.7 and lose the hundredths). */
function tonnes(t: number): string {
  return String(Math.round(t * 100) / 100);
}

/** Yuan to the fen: "66.67" (one place, 66.7, reads as a different amount from the 66.67 a clerk works out). */
export function money(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * "140 元（1680 ÷ 12）"; "约 83.3 元（1000 ÷ 12）" when it does not divide evenly; `basis` joins the working.
 * A worked-out figure comes first and its working after: "每月：1680 ÷ 12" put the yearly figure where the
 * monthly one is read, and villagers read the first number after 每月 as what they get a month.
 */
export function monthOf(yearly: number, basis?: string): string {
  return `${Number.isInteger(yearly / 12) ? "" : "约 "}${money(yearly / 12)} 元（${money(yearly)} ÷ 12${basis ? `，${basis}` : ""}）`;
}

function range([a, b]: [number, number], approx = false): string {
  const pre = approx && !Number.isInteger(Math.round(a * 10) / 10) ? "约 " : "";
  return a === b ? `${pre}${money(a)}` : `${money(a)}～${money(b)}`;
}

export function citationOf(programme: Programme): Citation {
  return { id: programme.id, title: programme.name, source: `${programme.source.file} ${programme.source.section}` };
}

/** "每人每年 400 元（折合每月约 33.3 元）", "每户每年 1680 元", or what the villager gets instead of cash. */
/**
 * The clauses of a rule that speak of these grades ("一、二级…800 元，三级…400 元" for a 三级 person: the 400 only),
 * so an amount set for another grade is not read as theirs; clauses naming no grade are kept. Undefined when
 * every clause is another grade's (a 四级 person); the whole rule when no grade is known or none is named.
 */
export function ruleFor(rule: string, grades: readonly number[]): string | undefined {
  const clauses = rule.split(/(?<=[，；,;])/);
  const named = clauses.map((clause) => ({
    clause,
    grades: [...clause.matchAll(/([一二三四])(?=级|[、和或至到][一二三四]级)/g)].map((m) => "一二三四".indexOf(m[1]!) + 1),
  }));
  if (grades.length === 0 || named.every((c) => c.grades.length === 0)) return rule;
  const kept = named.filter((c) => c.grades.length === 0 || c.grades.some((g) => grades.includes(g)));
  return kept.some((c) => c.grades.length > 0)
    ? kept
        .map((c) => c.clause)
        .join("")
        .replace(/[，；,;]$/, "")
    : undefined;
}

export function describeAmount(programme: Programme, amount: Amount): string {
  const { benefit } = programme;
  const who = benefit.per === "household" ? "每户" : "每人";
  if (benefit.kind === "service") return benefit.form ?? "";
  if (!amount.known) return benefit.amount_note ?? "具体金额请问县残联。";
  if (amount.alternatives.length > 1) {
    return amount.alternatives.map((a) => `${a.label}${who}${benefit.period === "month" ? "每月" : "每年"} ${money(a.amount)} 元`).join("，");
  }
  if (!amount.year || !amount.month) return benefit.amount_note ?? "";
  const extra = benefit.kind === "contribution" && benefit.form ? `（${benefit.form}）` : "";
  if (benefit.period === "month") return `${who}每月 ${range(amount.month)} 元（一年 ${range(amount.year)} 元）${extra}`;
  if (benefit.period === "year") {
    const perMonth = benefit.kind === "cash" ? `（折合每月约 ${range(amount.month)} 元）` : "";
    return `${who}每年 ${range(amount.year)} 元${perMonth}${extra}`;
  }
  return `${who}一次 ${range(amount.year)} 元${extra}`;
}

function summaryOfFacts(rules: EligibilityRules, facts: Facts): string {
  const parts: string[] = [];
  for (const fact of rules.facts) {
    const value = facts[fact.id];
    if (value === undefined || value === null) continue;
    if (fact.type === "choice") parts.push(fact.options.find((o) => o.value === value)?.label ?? String(value));
    else if (fact.type === "boolean") parts.push(value ? fact.label.replace(/^是否/, "") : `不是${fact.label.replace(/^是否|^有|^患/, "")}`);
    else parts.push(`${fact.label} ${value}${fact.unit}`);
  }
  return parts.join("，");
}

/** The full answer: likely programmes with amounts, rule, source and where to apply; then conditional ones; then close ones. */
/**
 * `sum` ("一年共多少" asked): the likely amounts added up, said right after them, and then no reminder not to add
 * them (the sum carries its own caveat).
 */
export function renderResults(rules: EligibilityRules, facts: Facts, all: ProgrammeResult[], focus: readonly string[] = [], sum = ""): Rendered {
  // "一户多残的能拿吗？要是不能，我能拿啥" — when nothing asked about fits, what does fit is the answer.
  const focusHopeless = focus.length > 0 && all.filter((r) => focus.includes(r.programme.id)).every((r) => r.status === "unlikely");
  const results = focus.length > 0 && !focusHopeless ? all.filter((r) => focus.includes(r.programme.id)) : all;
  const likely = results.filter((r) => r.status === "likely");
  const unknown = results.filter((r) => r.status === "unknown");
  const unstated = results.filter((r) => r.status === "unstated");
  // (What was asked about and cannot be had is said first, with its reason, and not again among the close ones.)
  const close = results.filter((r) => r.close && !(focusHopeless && focus.includes(r.programme.id)));
  // A programme asked about by name gets its reason even when it is far from fitting.
  const notFitting = focus.length > 0 ? results.filter((r) => r.status === "unlikely" && !r.close && focus.includes(r.programme.id)) : [];
  const lines: string[] = [];
  const summary = summaryOfFacts(rules, facts);
  lines.push(summary ? `按您说的情况（${summary}）：` : "按您说的情况：");
  const notes = new Set<string>();

  if (likely.length > 0) {
    lines.push("", "【很可能能领】");
    likely.forEach((r, i) => {
      const p = r.programme;
      lines.push(`${i + 1}. ${p.name}：${describeAmount(p, r.amount)}`);
      lines.push(`   规定：${ruleFor(p.rule, gradesOf(facts))}（来源：${p.source.section}）`);
      lines.push(`   到哪办：${p.apply}`);
      if (p.documents.length > 0) lines.push(`   要带：${p.documents.join("、")}`);
      for (const n of [...p.notes, ...r.reviewNotes]) notes.add(n);
    });
    if (sum) lines.push(sum);
  } else if (focus.length === 0 || notFitting.length + unknown.length + unstated.length + close.length === 0) {
    lines.push(
      "",
      facts.disability_grade === "none"
        ? "县残联的这些补助都是给持证残疾人的，按您说的情况暂时领不到。家里有人符合残疾标准的话，可以先到县残联办残疾人证。"
        : "按目前知道的情况，还没有能确定领到的项目。",
    );
  }

  if (unknown.length > 0) {
    lines.push("", "【要看情况】");
    for (const r of unknown) {
      const ifs = r.unknown.map((o) => o.condition.if_text).join("、");
      // A service, or money the seed gives only a county total for, is named with its condition only: the
      // figures a household can count on stay in sight on a phone's screen. Asked about by name, it is said in full.
      const money = r.programme.benefit.kind !== "service" && r.amount.known;
      lines.push(
        money || focus.includes(r.programme.id)
          ? `· ${r.programme.name}：如果${ifs}，${describeAmount(r.programme, r.amount)}（到${r.programme.apply}）`
          : `· ${r.programme.name}（如果${ifs}）。`,
      );
      for (const n of r.reviewNotes) notes.add(n);
    }
  }

  if (unstated.length > 0) {
    lines.push("", "【资料没写，请问清楚】");
    for (const r of unstated) {
      lines.push(`· ${r.programme.name}：${r.unstated.map((o) => o.condition.unstated!.say).join("；")}。请问${r.programme.apply}。`);
      // "四级": the amounts set for other grades would read as theirs; the source is said without them.
      const rule = ruleFor(r.programme.rule, gradesOf(facts));
      lines.push(rule ? `  资料里的规定：${rule}（来源：${r.programme.source.section}）` : `  来源：${r.programme.source.section}`);
    }
  }

  if (focusHopeless) {
    // Said first and plainly: what was asked about cannot be had, and why.
    const asked = all.filter((r) => focus.includes(r.programme.id));
    lines.splice(
      1,
      0,
      ...asked.map((r) => {
        const name = r.programme.name.replace(/[“”]/g, "");
        const reasons = r.unmet.map((o) => o.condition.unmet).join("；");
        // "59岁": a line the seed does not draw (an example age) decides nothing for sure; it is said beside.
        const examples = [...new Set(r.unmet.flatMap((o) => o.reviewNotes))];
        return examples.length > 0
          ? `您问的“${name}”，按示例的标准算，您说的情况可能领不了：${reasons}。但${examples.join("")}`
          : `您问的“${name}”，按您说的情况不符合条件，暂时领不了：${reasons}。`;
      }),
    );
  }

  if (close.length > 0) {
    lines.push("", "【差一点，暂时领不了】");
    for (const r of close) {
      const reason = r.unmet[0]!.condition.unmet;
      lines.push(`· ${r.programme.name}（${describeAmount(r.programme, { ...r.amount, alternatives: [] }).replace(/（.*$/, "")}）：${reason}。`);
      for (const n of r.reviewNotes) notes.add(n);
    }
  }

  if (notFitting.length > 0) {
    lines.push("", "【不太符合】");
    for (const r of notFitting) lines.push(`· ${r.programme.name}：${r.unmet.map((o) => o.condition.unmet).join("；")}。`);
  }

  const withMoney = likely.filter((r) => r.programme.benefit.kind !== "service");
  lines.push("");
  if (withMoney.length >= 2 && !sum) lines.push(`提醒：${rules.programmes.combining_note}`);
  if (likely.length > 0 && likely.every((r) => r.programme.documents.length === 0)) lines.push(rules.programmes.documents_note);
  for (const n of notes) lines.push(`说明：${n}`);
  if (focus.length > 0) lines.push("想看看还能领别的补助，回复“还能领什么”。");
  // The hint avoids 不对 and 错了: beside a "对：…" verdict they read as taking it back.
  lines.push("要改哪一项直接说，比如“改成二级”；回复“重新开始”可以重新算。");
  return {
    text: lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
    quickReplies: [...(focus.length > 0 ? [quickReply("还能领什么", "我还能领什么补助")] : []), quickReply("重新开始")],
    // The page shows citations on one line: the programmes the answer rests on, not every conditional one.
    citations: (likely.length > 0 ? likely : unknown.slice(0, 3)).map((r) => citationOf(r.programme)),
  };
}

/**
 * What is already certain, said before the next question: the cash programmes still in play with their
 * amounts and the conditions left ("如果您家是贫困户"). Empty when nothing can be said yet.
 */
/** Facts that single out a programme ("智力残疾", "白内障", "耳朵听不见") rather than grade or poverty. */
const SPECIFIC_FACTS = new Set(["disability_type", "cataract", "needs_prosthesis", "motor_wheelchair", "wants_work", "age"]);

export function renderSoFar(all: ProgrammeResult[], focus: readonly string[]): string {
  const inFocus = all.filter((r) => (focus.length === 0 || focus.includes(r.programme.id)) && r.status !== "unlikely" && r.status !== "unstated");
  // What the villager said about the person (智力残疾, 白内障) points at programmes of its own: first.
  const pointed = inFocus.filter((r) => r.met.some((o) => SPECIFIC_FACTS.has(o.condition.fact)));
  const cash = inFocus.filter((r) => !pointed.includes(r) && r.programme.benefit.kind !== "service" && r.amount.known);
  // (Three conditions left is still an answer: "俺娘残疾 一年救助多少" gets the grades' amounts before the question.)
  const shown = [...pointed, ...cash.filter((r) => r.status === "likely" || r.unknown.length <= 3)].slice(0, 5);
  // "俺四级残疾 一年能领多少": a programme whose rule says nothing for what was told (四级) is said to say nothing,
  // before the others that may still pay.
  const silent = all.filter((r) => (focus.length === 0 || focus.includes(r.programme.id)) && r.status === "unstated" && r.programme.benefit.kind === "cash");
  if (shown.length === 0 && silent.length === 0) return "";
  const lines = [
    ...silent.map((r) => `· ${r.programme.name}：${r.unstated.map((u) => u.condition.unstated!.say).join("；")}，请问${r.programme.apply}`),
    ...shown.map((r) => {
      const ifs = r.unknown.map((o) => o.condition.if_text).join("、");
      return `· ${r.programme.name}：${ifs ? `如果${ifs}，` : ""}${describeAmount(r.programme, r.amount)}`;
    }),
  ];
  return `先说能确定的：\n${lines.join("\n")}\n再问一句，好算得更准：\n`;
}

export function renderQuestion(rules: EligibilityRules, factId: string, prefix = ""): Rendered {
  const fact = rules.factById.get(factId);
  const text = fact ? `${fact.question}\n（${fact.hint}）` : calculatorQuestion(factId);
  const labels = fact ? fact.quick_replies : factId === "land_mu" ? ["3亩", "5亩", "10亩"] : factId === "coal_tons" ? ["1吨", "2吨", "3吨", "不知道"] : [];
  return { text: `${prefix}${text}`, quickReplies: labels.map((l) => quickReply(l)), citations: [] };
}

function calculatorQuestion(factId: string): string {
  if (factId === "land_mu") return "您家有几亩地要流转？\n（比如回复“5亩”或“五亩半”。）";
  if (factId === "coal_tons") return "您家一年大概烧多少煤？\n（比如回复“3吨”或“五千斤”。）";
  if (factId === "rent_per_mu") return "（照流转合同上写的回复“每亩多少元”；合同上没写的话回复“不知道”。）";
  if (factId === "coal_price") return "（比如回复“每吨1360元”。）";
  return "请再说一次。";
}

/** "租金一年0.2万，签了15年": the villager's own yearly rent, per month and over the lease. */
export function renderRentTotal(rules: EligibilityRules, yearly: number, years: number | undefined, mu?: number): Rendered {
  const p = rules.calculators.land_transfer;
  const lines = [`按您说的租金一年 ${money(yearly)} 元${mu ? `（${money(mu)} 亩）` : ""}：`, `· 折合每月：${monthOf(yearly)}`];
  if (mu) lines.push(`· 每亩一年：${money(yearly)} ÷ ${money(mu)} = ${money(yearly / mu)} 元`);
  if (years)
    lines.push(`· ${money(years)} 年一共：${money(yearly * years)} 元（${money(yearly)} × ${money(years)}；租金中途不变的话，合同写明涨租的，以合同为准）`);
  lines.push(`到哪问：${p.apply}`);
  return {
    text: lines.join("\n"),
    quickReplies: [],
    citations: [{ id: p.entry ?? "land-transfer", title: "土地流转", source: `${p.source.file} ${p.source.section}` }],
  };
}

/** Wages from work on the transferred land or in the firm: day's wage × days × people, as the villager said. */
export function renderLabour(rules: EligibilityRules, wagePerDay: number, days: number, workers: number): Rendered {
  const p = rules.calculators.land_transfer;
  const each = wagePerDay * days;
  const lines = [
    `按您说的：一天 ${money(wagePerDay)} 元，一年干 ${money(days)} 天${workers > 1 ? `，${workers} 个人` : ""}：`,
    `· 一个人一年：${money(wagePerDay)} × ${money(days)} = ${money(each)} 元`,
  ];
  if (workers > 1) lines.push(`· ${workers} 个人一年：${money(each)} × ${workers} = ${money(each * workers)} 元`);
  lines.push(`这是劳务收入，和地的租金（或入股分红）可以同时有。${p.labour_note}`);
  return {
    text: lines.join("\n"),
    quickReplies: [],
    citations: [{ id: p.entry ?? "land-transfer", title: "土地流转", source: `${p.source.file} ${p.source.section}` }],
  };
}

/** "压了5吨秸秆块能顶多少煤": briquettes → coal by the seed's 1.2–1.3 : 1, and the coal money. */
/** "各组加起来" for groups, "几家加起来" for households, "各村加起来" for villages. */
function partsLabel(parts: string): string {
  const names = parts.split(" + ").map((p) => p.split(" ")[0]!);
  return names.every((n) => n.endsWith("组"))
    ? "各组加起来"
    : names.every((n) => n.endsWith("家"))
      ? "几家加起来"
      : names.every((n) => /[村庄屯]$/.test(n))
        ? "各村加起来"
        : "加起来";
}

export function renderBriquettes(
  rules: EligibilityRules,
  briquetteTons: number,
  coalPrice: number | undefined,
  unit?: string,
  coalBurnt?: number,
  fromStraw = false,
  /** "一组 6 + 二组 9 + 三组 3.5": parts told one by one, added first and shown. */
  parts?: string,
  /** "能顶多少公斤": the unit the coal is asked in, when not the one the briquettes were weighed in. */
  askedUnit?: string,
): Rendered {
  const p = rules.calculators.biomass;
  const { min, max } = p.briquette_per_coal;
  const price = coalPrice ?? p.coal_price_per_ton.value;
  const coal: [number, number] = [briquetteTons / max, briquetteTons / min];
  // In the villager's own unit: 斤 in, 斤 out; otherwise 公斤 below a tonne and 吨 above.
  // (Whole 斤 and 公斤 from a hundred up; below, to one place: 2 公斤 ÷ 1.3 is 1.5, never "≈ 2".)
  const weight = (n: number) => (n >= 100 ? String(Math.round(n)) : money(n));
  const showIn = (u: string | undefined, t: number) =>
    u === "斤"
      ? `${weight(t * 2000)} 斤`
      : u === "公斤" || u === "千克" || u === "kg" || (u !== "吨" && t < 1)
        ? `${weight(t * 1000)} 公斤`
        : `${tonnes(t)} 吨`;
  const said = (t: number) => showIn(unit, t);
  // ("六百斤…能顶多少公斤": the briquettes converted first, shown, then reckoned in the unit asked.)
  const converted = askedUnit !== undefined && showIn(askedUnit, briquetteTons) !== said(briquetteTons);
  const show = (t: number) => showIn(converted ? askedUnit : unit, t);
  // Coal money to the 元 from a hundred up, to the jiao below ("约 2～2 元" said nothing).
  const worth = (n: number) => (n >= 100 ? money(Math.round(n)) : money(n));
  const lines = [
    ...(parts ? [`${partsLabel(parts)}：${parts} = ${tonnes(briquetteTons)} 吨`] : []),
    `${said(briquetteTons)}秸秆压块，按原文“${min}～${max} 公斤压块顶 1 公斤优质煤”：`,
    ...(converted ? [`· 换算：${said(briquetteTons)} = ${show(briquetteTons)}`] : []),
    `· 能顶优质煤：${show(briquetteTons)} ÷ ${max} ≈ ${show(coal[0])}，到 ${show(briquetteTons)} ÷ ${min} ≈ ${show(coal[1])}`,
    `· 值煤钱：按 ${money(price)} 元/吨${coalPrice === undefined ? "（原文的优质煤价）" : "（按您说的煤价）"}，约 ${worth(coal[0] * price)}～${worth(coal[1] * price)} 元`,
  ];
  // "平常一冬烧三吨煤，够不够": the villager's own need, against both ends of the range.
  if (coalBurnt !== undefined && coalBurnt > 0) {
    const verdict =
      coal[0] >= coalBurnt
        ? "够烧"
        : coal[1] < coalBurnt
          ? `不够，还差约 ${tonnes(coalBurnt - coal[1])}～${tonnes(coalBurnt - coal[0])} 吨煤`
          : "差不多，刚好在够与不够之间";
    lines.push(`· 您说一冬烧 ${tonnes(coalBurnt)} 吨煤：能顶 ${tonnes(coal[0])}～${tonnes(coal[1])} 吨，${verdict}`);
  }
  // "3吨秸秆": the seed gives no weight of briquettes a tonne of straw makes; the straw's own weight stands in, said so.
  if (fromStraw) lines.push(`· 说明：资料没写秸秆压成块后还有多重，这里按压出的块跟秸秆一样重（${show(briquetteTons)}）算；压块时晒干、去杂，实际可能少一些`);
  lines.push(`来源：${p.source.section}：${p.source.quote ?? ""}`);
  return {
    text: lines.join("\n"),
    quickReplies: [],
    citations: [{ id: p.entry ?? "straw-briquettes", title: "秸秆压块", source: `${p.source.file} ${p.source.section}` }],
  };
}

/** "领了7年，加起来多少": each likely cash programme over the years, with the formula. */
/**
 * "代缴的养老费和特别救助加起来多少": the programmes asked about (or every likely cash one) added up, a
 * contribution only when named, and said plainly that combining them is not confirmed by the seed.
 */
export function renderSum(all: ProgrammeResult[], focus: readonly string[]): string {
  const added = all.filter(
    (r) =>
      r.status === "likely" &&
      (focus.length === 0 ? r.programme.benefit.kind === "cash" : focus.includes(r.programme.id)) &&
      r.amount.year &&
      r.amount.year[0] === r.amount.year[1],
  );
  if (added.length < 2) return "";
  const total = added.reduce((sum, r) => sum + r.amount.year![0], 0);
  const contribution = added.filter((r) => r.programme.benefit.kind !== "cash");
  const aside = contribution.length > 0 ? `；其中${contribution.map((r) => `${r.programme.name} ${money(r.amount.year![0])} 元`).join("、")}不发现金` : "";
  return `如果几项都能领，加起来：${added.map((r) => money(r.amount.year![0])).join(" + ")} = ${money(total)} 元/年（能不能同时领，原文没写，请向县残联确认${aside}）`;
}

export function renderOverYears(all: ProgrammeResult[], focus: readonly string[], years: number): string {
  const cash = all.filter(
    (r) =>
      r.status === "likely" &&
      (focus.length === 0 || focus.includes(r.programme.id)) &&
      r.programme.benefit.kind === "cash" &&
      r.amount.year &&
      r.amount.year[0] === r.amount.year[1],
  );
  if (cash.length === 0) return "";
  // "8个月": a span that is no whole number of years is reckoned by the month, so the formula shows no rounded fraction.
  const months = Math.round(years * 12);
  const lines = cash.map((r) => {
    const year = r.amount.year![0];
    if (months % 6 === 0) return `· ${r.programme.name}：${money(year * years)} 元（${money(year)} × ${money(years)}）`;
    const monthly = r.programme.benefit.period === "month" && r.amount.month ? r.amount.month[0] : undefined;
    return `· ${r.programme.name}：${money((year * months) / 12)} 元（${monthly !== undefined ? `${money(monthly)} × ${months}` : `${money(year)} ÷ 12 × ${months}`}）`;
  });
  return `\n\n按现在的标准算 ${spanText(years)}（标准变了以县残联为准）：\n${lines.join("\n")}`;
}

export function renderLand(rules: EligibilityRules, r: LandResult, years?: number, labourYear?: number, parts?: string, of?: string): Rendered {
  const p = rules.calculators.land_transfer;
  const { leaseYear, rentPerMu, mu } = r;
  // No rent said: the formula with the villager's area, and the rent asked for; the seed states none to reckon with.
  const lease =
    leaseYear === undefined || rentPerMu === undefined || mu === undefined
      ? [
          `① 出租（租赁）：租金 = 亩数 × 每亩年租金 = ${mu === undefined ? "您的亩数" : `${money(mu)} 亩`} × ${rentPerMu === undefined ? "合同上的每亩租金" : `${money(rentPerMu)} 元`}。${rentPerMu === undefined ? p.rent_note : ""}`,
          ...(labourYear ? [`   您说的干活收入：${money(labourYear)} 元/年，另算`] : []),
        ]
      : [
          `① 出租（租赁）：租金 = 亩数 × 每亩年租金 = ${money(mu)} × ${money(rentPerMu)} = ${money(leaseYear)} 元/年（折合每月约 ${money(leaseYear / 12)} 元）（按您说的合同租金）`,
          ...(years ? [`   流转 ${money(years)} 年一共：${money(leaseYear * years)} 元（${money(leaseYear)} × ${money(years)}，租金中途不变的话）`] : []),
          ...(labourYear ? [`   加上您说的干活收入：${money(leaseYear)} + ${money(labourYear)} = ${money(leaseYear + labourYear)} 元/年`] : []),
        ];
  const lines = [
    // ("三家庄300亩 岭西250亩": parcels said one by one are added first, shown.)
    mu === undefined
      ? "地流转出去一年的收入可以这样算："
      : parts?.includes("+")
        ? `几块地加起来：${parts} = ${money(mu)} 亩，流转出去一年的收入可以这样比一比：`
        : parts?.includes("×")
          ? `一共：${parts} = ${money(mu)} 亩，流转出去一年的收入可以这样比一比：`
          : of
            ? `按${of}的 ${money(mu)} 亩算，流转出去一年的收入可以这样比一比：`
            : `您有 ${money(mu)} 亩地，流转出去一年的收入可以这样比一比：`,
    "",
    ...lease,
    `② 入股：入股收入 = 股份 × 每股分红。${p.shares_note}`,
    `③ 劳务收入：工资 = 日工资 × 出工天数。${p.labour_note}${labourYear ? "" : p.wage_note}`,
    "",
    "出租和入股一般二选一，劳务收入可以另外挣。",
    `来源：${p.source.section}：${p.source.quote ?? ""}`,
    `到哪问：${p.apply}`,
    mu === undefined
      ? "知道亩数和合同上的每亩租金后告诉我（说“几亩，每亩多少元”），我给您算出一年的租金。"
      : leaseYear === undefined
        ? "告诉我合同上每亩一年多少租金（说“每亩多少元”），我马上给您算出一年的租金。"
        : "租金说错了可以直接改，说“每亩多少元”就行。",
  ];
  return {
    text: lines.join("\n"),
    quickReplies: [quickReply("重新开始")],
    citations: [{ id: p.entry ?? "land-transfer", title: "土地流转", source: `${p.source.file} ${p.source.section}` }],
  };
}

/** A weight in 斤 or 公斤 ("2000 斤"), when that is the unit; undefined for tonnes. */
function inUnit(unit: string | undefined, tons: number): string | undefined {
  if (unit === "斤") return `${money(tons * 2000)} 斤`;
  if (unit === "公斤" || unit === "千克" || unit === "kg") return `${money(tons * 1000)} 公斤`;
  return undefined;
}

export function renderBiomass(
  rules: EligibilityRules,
  r: BiomassResult,
  unit?: string,
  households?: { count: number; each: number },
  /** "换成压块得多少斤": the unit the briquettes are asked in. */
  askedUnit?: string,
): Rendered {
  const p = rules.calculators.biomass;
  const { min, max } = p.briquette_per_coal;
  // "要顶5公斤好煤": less than a tonne is reckoned in the villager's unit (公斤 or 斤); in tonnes it read "0 吨".
  if (r.coalTons < 1) {
    const per = unit === "斤" ? 2000 : 1000;
    const shown = unit === "斤" ? "斤" : "公斤";
    const amount = money(r.coalTons * per);
    const tons = exactly(r.coalTons);
    return {
      text: [
        `按您说的 ${amount} ${shown}优质煤，按原文“${min}～${max} 公斤压块顶 1 公斤优质煤”：`,
        `· 要顶这些煤，需要压块 ${money(r.coalTons * per * min)}～${money(r.coalTons * per * max)} ${shown}：${amount} × ${min} = ${money(r.coalTons * per * min)}，${amount} × ${max} = ${money(r.coalTons * per * max)}`,
        `· 这些煤值：${amount} ${shown} = ${tons} 吨；${tons} × ${money(r.coalPrice)} = ${money(r.coalTons * r.coalPrice)} 元（煤价 ${money(r.coalPrice)} 元/吨${r.priceIsSeed ? "，原文的价格" : "，按您说的"}）`,
        `· 压缩免费：${p.compression_note}`,
        `来源：${p.source.section}：${p.source.quote ?? ""}`,
      ].join("\n"),
      quickReplies: [quickReply("重新开始")],
      citations: [{ id: p.entry ?? "straw-briquettes", title: "秸秆压块", source: `${p.source.file} ${p.source.section}` }],
    };
  }
  const lines = [
    households
      ? `${households.count} 户，每户 ${money(households.each)} 吨：${households.count} × ${money(households.each)} = ${money(r.coalTons)} 吨煤，改烧秸秆压块：`
      : `您家一年烧 ${inUnit(unit, r.coalTons) ? `${inUnit(unit, r.coalTons)}（${money(r.coalTons)} 吨）` : `${money(r.coalTons)} 吨`}煤，改烧秸秆压块：`,
    // ("两千斤煤 换成压块得多少斤": the briquettes in the unit asked, or said, beside the tonnes.)
    ...(askedUnit !== "吨" && inUnit(askedUnit ?? unit, r.coalTons)
      ? [
          `· 要压块：${inUnit(askedUnit ?? unit, r.coalTons)} × ${min}～${max} = ${inUnit(askedUnit ?? unit, r.briquetteTons[0])}～${inUnit(askedUnit ?? unit, r.briquetteTons[1])}`,
        ]
      : []),
    `· 能省的煤钱：约 ${money(r.saving[0])}～${money(r.saving[1])} 元/年（折合每月约 ${money(r.saving[0] / 12)}～${money(r.saving[1] / 12)} 元）`,
    `· 算法：${min}～${max} 公斤压块顶 1 公斤优质煤；要把 ${money(r.coalTons)} 吨煤全换掉，需要压块 ${money(r.briquetteTons[0])}～${money(r.briquetteTons[1])} 吨。压足 ${money(r.briquetteTons[1])} 吨能省下全部煤钱 ${money(r.coalTons)} × ${money(r.coalPrice)} = ${money(r.saving[1])} 元；只压 ${money(r.briquetteTons[0])} 吨也能省 ${money(r.saving[0])} 元。`,
    `· 每吨压块约值 ${money(r.perBriquetteTon[0])}～${money(r.perBriquetteTon[1])} 元煤钱。`,
    `· 买这些煤要花：${money(r.coalTons)} × ${money(r.coalPrice)} = ${money(r.coalTons * r.coalPrice)} 元`,
    `· 煤价：${money(r.coalPrice)} 元/吨${r.priceIsSeed ? `（${p.coal_price_per_ton.note ?? "原文价格"}）` : "（按您说的价格）"}`,
    `· 压缩免费：${p.compression_note}没算运秸秆的工夫和路费。`,
    `来源：${p.source.section}：${p.source.quote ?? ""}`,
  ];
  return {
    text: lines.join("\n"),
    quickReplies: [quickReply("重新开始")],
    citations: [{ id: p.entry ?? "straw-briquettes", title: "秸秆压块", source: `${p.source.file} ${p.source.section}` }],
  };
}

export function renderBiomassPerTon(rules: EligibilityRules, r: BiomassResult): Rendered {
  const p = rules.calculators.biomass;
  const { min, max } = p.briquette_per_coal;
  return {
    text: [
      `不知道烧多少煤也没关系：${min}～${max} 公斤压块顶 1 公斤优质煤，优质煤 ${money(r.coalPrice)} 元/吨（合每公斤 ${money(r.coalPrice)} ÷ 1000 = ${exactly(r.coalPrice / 1000)} 元，每斤 ${money(r.coalPrice)} ÷ 2000 = ${exactly(r.coalPrice / 2000)} 元），所以每吨压块约能省 ${money(r.perBriquetteTon[0])}～${money(r.perBriquetteTon[1])} 元煤钱；每烧 1 吨煤，换成压块能省 ${money(r.coalPrice)} 元。`,
      `压缩免费：${p.compression_note}`,
      `来源：${p.source.section}`,
      "知道一年烧多少煤了，告诉我（比如“3吨”），我帮您算总数。",
    ].join("\n"),
    quickReplies: [],
    citations: [{ id: p.entry ?? "straw-briquettes", title: "秸秆压块", source: `${p.source.file} ${p.source.section}` }],
  };
}

/** The grade said of the one screened, if any. */
const gradesOf = (facts: Facts): number[] => (typeof facts.disability_grade === "number" ? [facts.disability_grade] : []);
