// Reads what villagers and cadres type: an answer ("2", "反对，太吵了"), options, villages, the publish command. Pure.
import { DEFAULT_OPTIONS, MAX_BACKGROUND_LENGTH, MAX_TITLE_LENGTH, type ConsultationOption, type Stance, type VillageInfo } from "./model.ts";
import { parseDeadline } from "./dates.ts";
import { foldText } from "../text/fold.ts";

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** NFKC and Traditional → Simplified, so "反對" and "２" match like "反对" and "2". */
function normalize(text: string): string {
  return foldText(text).trim();
}

function numberFrom(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return CHINESE_DIGITS[token];
}

/** Strips the separators people put between an answer and its reason: "反对，太吵了" → "太吵了". */
function commentFrom(rest: string): string | undefined {
  const comment = rest.replace(/^[\s,，。.、:：;；!！~～\-—]+/, "").trim();
  return comment ? comment : undefined;
}

/** Words that mean a stance even when the option's label is different ("同意" for "支持"). */
const STANCE_WORDS: Array<{ stance: Stance; words: string[] }> = [
  { stance: "conditional", words: ["有条件支持", "有条件同意", "附条件支持", "有条件赞成", "有条件"] },
  { stance: "oppose", words: ["不支持", "不同意", "不赞成", "不赞同", "反对"] },
  { stance: "support", words: ["支持", "同意", "赞成", "赞同", "拥护", "没意见"] },
];

/** Lead-ins people put before the answer itself: "我投", "俺", "投票：", "改成", "坚决", "举双手". */
const LEAD_INS = [
  /^(?:回复征求意见|投票|我的意见|我的选择|意见)(?:是|为)?[:：\s]*/,
  /^(?:我们|我家|本人|我|俺)(?:家)?/,
  /^(?:要|想)?(?:投票)?(?:改成|改为|改选|换成)/,
  /^(?:坚决|完全|非常|举双手|双手)/,
  /^(?:是|选|投)/,
];

function stripLeadIn(text: string): string {
  let rest = text;
  for (const pattern of LEAD_INS) rest = rest.replace(pattern, "");
  // "我投支持票": the trailing 票 is not a comment.
  return rest.replace(/^(\S{1,6}?)(?:票|一票)$/, "$1") || text;
}

export type ParsedAnswer = { kind: "answer"; optionIndex: number; comment?: string | undefined } | { kind: "out_of_range"; number: number };

/**
 * Reads an answer to a consultation with the given options; undefined when the text is not an answer.
 * Option numbers are 1-based as shown to villagers. Words are matched against the option labels first,
 * longest first (so "有条件支持" is not read as "支持"), then against common words for each stance.
 */
export function parseAnswer(input: string, options: readonly ConsultationOption[]): ParsedAnswer | undefined {
  const text = stripLeadIn(normalize(input));
  const numbered = /^(?:第|选)?(\d{1,6}|[一二两三四五六七八九十])(?:个|项|条|号)?(?:选项)?(?:$|[\s,，。.、:：;；!！]+([\s\S]*))$/.exec(text);
  if (numbered) {
    const number = numberFrom(numbered[1]!)!;
    if (number < 1 || number > options.length) return { kind: "out_of_range", number };
    return { kind: "answer", optionIndex: number - 1, comment: commentFrom(numbered[2] ?? "") };
  }
  const byLabel = options
    .map((option, index) => ({ label: normalize(option.label), index }))
    .sort((a, b) => b.label.length - a.label.length)
    .find(({ label }) => text.startsWith(label));
  if (byLabel) return { kind: "answer", optionIndex: byLabel.index, comment: commentFrom(text.slice(byLabel.label.length)) };
  for (const { stance, words } of STANCE_WORDS) {
    const word = words.find((w) => text.startsWith(w));
    if (!word) continue;
    const index = options.findIndex((option) => option.stance === stance);
    if (index >= 0) return { kind: "answer", optionIndex: index, comment: commentFrom(text.slice(word.length)) };
    return undefined;
  }
  return undefined;
}

/** A custom option's stance from its wording, so "同意建/不同意建" still feed the support ratio. */
export function stanceOf(label: string): Stance {
  if (/有条件|附条件/.test(label)) return "conditional";
  if (/反对|不支持|不同意|不赞成|不赞同/.test(label)) return "oppose";
  if (/支持|同意|赞成|赞同/.test(label)) return "support";
  return "choice";
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** "支持/反对/有条件支持"; empty or "默认" gives the default three. Between 2 and 9 options (one digit to answer). */
export function parseOptions(input: string | readonly string[] | undefined): ParseResult<ConsultationOption[]> {
  const raw = typeof input === "string" ? normalize(input) : input;
  if (raw === undefined || raw === "" || raw === "默认" || (Array.isArray(raw) && raw.length === 0)) return { ok: true, value: [...DEFAULT_OPTIONS] };
  const labels = (typeof raw === "string" ? raw.split(/[/／、]/) : [...raw]).map((l) => normalize(l)).filter(Boolean);
  if (labels.length < 2) return { ok: false, error: "选项至少要有 2 个，用“/”隔开，例如：支持/反对/有条件支持" };
  if (labels.length > 9) return { ok: false, error: "选项最多 9 个（村民要能用一个数字回答）" };
  if (new Set(labels).size !== labels.length) return { ok: false, error: "选项有重复，请去掉重复的" };
  const long = labels.find((l) => l.length > 30);
  if (long) return { ok: false, error: `选项“${long.slice(0, 10)}…”太长了，每个选项不超过 30 个字` };
  const numeric = labels.find((l) => /^\d+$/.test(l));
  if (numeric) return { ok: false, error: `选项“${numeric}”是纯数字，会和选项编号混淆，请写成文字` };
  return { ok: true, value: labels.map((label) => ({ label, stance: stanceOf(label) })) };
}

/** Finds the village a name or alias refers to. */
export function findVillage(name: string, villages: readonly VillageInfo[]): VillageInfo | undefined {
  const wanted = normalize(name).replace(/村$/, "");
  return villages.find((v) => [v.name, ...v.aliases].some((n) => normalize(n).replace(/村$/, "") === wanted));
}

/** The first village named anywhere in the text (longest names first), for "我是三家庄的". */
export function villageMentioned(text: string, villages: readonly VillageInfo[]): VillageInfo | undefined {
  const folded = normalize(text);
  const names = villages.flatMap((v) => [v.name, ...v.aliases].map((n) => ({ n: normalize(n), v }))).sort((a, b) => b.n.length - a.n.length);
  return names.find(({ n }) => n.length >= 2 && folded.includes(n))?.v;
}

/** "三家庄,白鹿屯" → canonical names; "全镇" or empty → [] (the whole township). */
export function parseAudience(input: string | readonly string[] | undefined, villages: readonly VillageInfo[]): ParseResult<string[]> {
  const items = typeof input === "string" ? normalize(input).split(/[,，、/／\s]+/) : [...(input ?? [])];
  const names = items.map((n) => normalize(n)).filter(Boolean);
  if (names.length === 0 || names.some((n) => /^(全镇|全乡|全部|所有村|全体)$/.test(n))) return { ok: true, value: [] };
  const found: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const village = findVillage(name, villages);
    if (village) {
      if (!found.includes(village.name)) found.push(village.name);
    } else unknown.push(name);
  }
  if (unknown.length > 0) {
    const known = villages.map((v) => v.name).join("、") || "（村名单还没有配置）";
    return { ok: false, error: `不认识这些村：${unknown.join("、")}。可选的村有：${known}；面向全镇请写“全镇”` };
  }
  return { ok: true, value: found };
}

export interface ConsultationDraft {
  title: string;
  background: string;
  options: ConsultationOption[];
  audience: string[];
  deadline: Date;
}

export const PUBLISH_FORMAT =
  "发布征求意见：标题｜背景｜选项（用/隔开，写“默认”即 支持/反对/有条件支持）｜村名（用逗号隔开，或“全镇”）｜截止日期（如 12月10日、下周五）";

/** Checks title and background length; shared by the chat command, the dialogue and the HTTP API. */
export function checkTitle(title: string): string | undefined {
  if (!title) return "标题不能为空";
  if (title.length > MAX_TITLE_LENGTH) return `标题不超过 ${MAX_TITLE_LENGTH} 个字（现在 ${title.length} 个字）`;
  return undefined;
}

export function checkBackground(background: string): string | undefined {
  if (background.length > MAX_BACKGROUND_LENGTH) return `背景说明不超过 ${MAX_BACKGROUND_LENGTH} 个字（现在 ${background.length} 个字）`;
  return undefined;
}

/** A deadline from text, checked to be in the future and within a year. */
export function checkDeadline(input: string, now: Date): ParseResult<Date> {
  const deadline = parseDeadline(input, now);
  if (!deadline) return { ok: false, error: `看不懂截止日期“${normalize(input).slice(0, 20)}”，请写成 12月10日、2026-12-10 或 下周五` };
  if (deadline.getTime() <= now.getTime()) return { ok: false, error: "截止日期已经过了，请写一个以后的日期" };
  if (deadline.getTime() - now.getTime() > 366 * 24 * 3600_000) return { ok: false, error: "截止日期太远了，请在一年以内" };
  return { ok: true, value: deadline };
}

/** Matches the start of the publish command; the rest is the five fields. */
export const PUBLISH_COMMAND = /^(?:发布|发起|新建)(?:一个|一项)?征求意见(?:[:：\s]+([\s\S]*))?$/;

/** Parses "发布征求意见：标题｜背景｜选项｜村｜截止日期". */
export function parsePublishCommand(text: string, villages: readonly VillageInfo[], now: Date): ParseResult<ConsultationDraft> | undefined {
  const match = PUBLISH_COMMAND.exec(normalize(text));
  if (!match) return undefined;
  const body = match[1]?.trim() ?? "";
  const fields = body.split(/[|｜]/).map((f) => f.trim());
  if (fields.length !== 5) return { ok: false, error: `需要 5 项，用“｜”隔开（现在 ${body ? fields.length : 0} 项）。格式：${PUBLISH_FORMAT}` };
  const [title, background, optionsText, audienceText, deadlineText] = fields as [string, string, string, string, string];
  const titleError = checkTitle(title) ?? checkBackground(background);
  if (titleError) return { ok: false, error: titleError };
  const options = parseOptions(optionsText);
  if (!options.ok) return options;
  const audience = parseAudience(audienceText, villages);
  if (!audience.ok) return audience;
  const deadline = checkDeadline(deadlineText, now);
  if (!deadline.ok) return deadline;
  return { ok: true, value: { title, background, options: options.value, audience: audience.value, deadline: deadline.value } };
}

/** "第2号征求意见" / "2号" / "征求意见2" → 2. */
export function consultationRef(text: string): number | undefined {
  const match = /第?\s*(\d{1,6})\s*号/.exec(normalize(text)) ?? /征求意见\s*#?(\d{1,6})/.exec(normalize(text));
  return match ? Number(match[1]) : undefined;
}

export interface RecordedTally {
  method: "meeting" | "proxy";
  village: string | undefined;
  /** Count per option index. */
  counts: number[];
}

/**
 * Reads a cadre's tally of a meeting or proxy votes: "三家庄 会议 支持6 反对2 有条件支持1" or "代为表达 1号2票".
 * Labels are matched longest first and cut out, so "有条件支持1" is not also read as "支持1".
 */
export function parseRecordedTally(input: string, options: readonly ConsultationOption[], villages: readonly VillageInfo[]): ParseResult<RecordedTally> {
  let text = normalize(input);
  const method = /代为|代投|代表|代填|代/.test(text) ? "proxy" : /会议|会上|开会|议事会|举手/.test(text) ? "meeting" : undefined;
  if (!method) return { ok: false, error: "请写明是“会议”表决还是“代为表达”" };
  const village = villageMentioned(text, villages);
  const counts = new Array<number>(options.length).fill(0);
  const byLength = options.map((o, i) => ({ label: normalize(o.label), i })).sort((a, b) => b.label.length - a.label.length);
  for (const { label, i } of byLength) {
    const pattern = new RegExp(`${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[:：]?\\s*(\\d{1,4})\\s*(?:票|人)?`, "g");
    text = text.replace(pattern, (_m, n: string) => {
      counts[i]! += Number(n);
      return " ";
    });
  }
  text = text.replace(/(\d{1,2})\s*号\s*[:：]?\s*(\d{1,4})\s*(?:票|人)/g, (m, option: string, n: string) => {
    const index = Number(option) - 1;
    if (index < 0 || index >= options.length) return m;
    counts[index]! += Number(n);
    return " ";
  });
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return { ok: false, error: `没看到票数。例如：三家庄 会议 ${options.map((o, i) => `${o.label}${[6, 2, 1][i] ?? 1}`).join(" ")}` };
  if (total > 5000) return { ok: false, error: "一次最多补录 5000 票" };
  return { ok: true, value: { method, village: village?.name, counts } };
}

/**
 * For a message the classifier already calls an opinion ("建垃圾站那个事我不同意"): the one stance it
 * states anywhere, with the whole message as the comment. Two different stances ("之前投的赞成现在想改反对")
 * are ambiguous and give undefined, so the villager is asked instead of guessed at.
 */
export function parseLooseAnswer(input: string, options: readonly ConsultationOption[]): ParsedAnswer | undefined {
  let text = normalize(input);
  const found = new Set<number>();
  const labels = options.map((o, i) => ({ words: [normalize(o.label)], i }));
  const stanceWords = STANCE_WORDS.flatMap(({ stance, words }) => {
    const i = options.findIndex((o) => o.stance === stance);
    return i >= 0 ? [{ words, i }] : [];
  });
  const all = [...labels, ...stanceWords].flatMap(({ words, i }) => words.map((w) => ({ w, i }))).sort((a, b) => b.w.length - a.w.length);
  for (const { w, i } of all) {
    if (w.length < 2 || !text.includes(w)) continue;
    found.add(i);
    text = text.split(w).join("\u0000");
  }
  if (found.size !== 1) return undefined;
  const [optionIndex] = [...found] as [number];
  return { kind: "answer", optionIndex, comment: normalize(input) };
}
