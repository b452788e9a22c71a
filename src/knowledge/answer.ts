// Turns search hits into a reply: a grounded answer, a clarifying question, or an honest "no answer".
import type { AnalyzedQuery, KnowledgeIndex, SearchHit } from "./search.ts";
import type { Entry } from "./schema.ts";

export const CONFIDENCE = {
  /** At or above: answer from the best entry. */
  answer: 0.55,
  /** At or above (and below `answer`): offer the closest topics. Below: say we don't know. */
  clarify: 0.3,
} as const;

export const FALLBACK_CONTACT = "村委会，或镇政府便民服务中心";
const MAX_FACTS = 4;
const MAX_TOPICS = 3;
const FACT_MATCH_MIN = 0.35;

export interface Citation {
  id: string;
  title: string;
  source: string;
}

export type AnswerKind = "answer" | "needs_review" | "clarify" | "no_answer";

export interface ComposedAnswer {
  kind: AnswerKind;
  text: string;
  citations: Citation[];
  /** Entries offered or used, for the conversation log. */
  entryIds: string[];
  confidence: number;
  quickReplies: Array<{ label: string; payload: string }>;
}

export function citationOf(entry: Entry): Citation {
  return { id: entry.id, title: entry.title, source: `${entry.source.file} ${entry.source.section}` };
}

/** When the runner-up scores this close to the best entry, the question fits both: ask which. */
const TIE_RATIO = 0.95;

export function decide(hits: readonly SearchHit[]): AnswerKind {
  const top = hits[0];
  if (!top) return "no_answer";
  const second = hits[1];
  const tied =
    second !== undefined &&
    second.coverage >= CONFIDENCE.answer &&
    second.coverage >= top.coverage - 0.1 &&
    second.score >= top.score * TIE_RATIO;
  if (top.coverage >= CONFIDENCE.answer && !tied) return top.entry.needs_review ? "needs_review" : "answer";
  if (tied) return "clarify";
  if (top.coverage >= CONFIDENCE.clarify) return "clarify";
  return "no_answer";
}

export function composeAnswer(index: KnowledgeIndex, query: AnalyzedQuery, hits: readonly SearchHit[]): ComposedAnswer {
  const kind = decide(hits);
  const top = hits[0];
  const confidence = top?.coverage ?? 0;
  if (!top || kind === "no_answer") return noAnswer(confidence, top);
  if (kind === "clarify") {
    const answer = clarify(hits, confidence);
    // One candidate is not a choice: answer it, since the reply names the topic it answers.
    if (answer.entryIds.length !== 1) return answer;
    return top.entry.needs_review ? reviewAnswer(top.entry, confidence) : factAnswer(index, query, top.entry, confidence);
  }
  if (kind === "needs_review") return reviewAnswer(top.entry, confidence);
  return factAnswer(index, query, top.entry, confidence);
}

function factAnswer(index: KnowledgeIndex, query: AnalyzedQuery, entry: Entry, confidence: number): ComposedAnswer {
  const ranked = index.rankFacts(entry, query);
  // One shared word or two shared character pairs make a fact "asked about"; less is noise.
  const matching = ranked.filter((r) => r.score >= FACT_MATCH_MIN);
  const isRule = (r: { fact: { kind: string } }) => r.fact.kind === "rule" || r.fact.kind === "how";
  const bestRule = Math.max(0, ...matching.filter(isRule).map((r) => r.score));
  // A villager asking "三级一年多少" wants the rule, not how many people got it last year: statistics
  // and targets are shown only when they match the question better than any rule does.
  const relevant = matching.filter((r) => isRule(r) || r.score > bestRule);
  // When the question names no particular fact, the rules (what a villager gets) come first.
  const chosen = (relevant.length > 0 ? relevant : ranked.filter(isRule)).slice(0, MAX_FACTS).map((r) => r.fact);
  const facts = chosen.length > 0 ? chosen : entry.facts.slice(0, MAX_FACTS);
  const lines = [`【${entry.title}】`];
  if (facts.length === 0 || matching.length === 0) lines.push(entry.summary);
  for (const fact of facts) lines.push(`• ${fact.text}`);
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

function reviewAnswer(entry: Entry, confidence: number): ComposedAnswer {
  const text = [
    `【${entry.title}】`,
    entry.summary,
    `知识库里还没有这项政策的具体标准，我不能给您报数字，免得说错。`,
    `请咨询：${entry.contact}`,
    `您的问题已经记下，工作人员核实后会补充进来。`,
  ].join("\n");
  return { kind: "needs_review", text, citations: [citationOf(entry)], entryIds: [entry.id], confidence, quickReplies: [] };
}

function clarify(hits: readonly SearchHit[], confidence: number): ComposedAnswer {
  const seen = new Set<string>();
  const topics = hits.filter((h) => h.coverage >= CONFIDENCE.clarify * 0.6 && !seen.has(h.entry.title) && seen.add(h.entry.title)).slice(0, MAX_TOPICS);
  const lines = ["您想问的是下面哪一项？回复序号就行，也可以换个说法再问："];
  topics.forEach((hit, i) => lines.push(`${i + 1}. ${hit.entry.title}`));
  return {
    kind: "clarify",
    text: lines.join("\n"),
    citations: [],
    entryIds: topics.map((t) => t.entry.id),
    confidence,
    quickReplies: topics.map((t, i) => ({ label: `${i + 1}. ${t.entry.title}`, payload: t.entry.title })),
  };
}

function noAnswer(confidence: number, weakHit: SearchHit | undefined): ComposedAnswer {
  // A weak hit still tells us which office deals with the topic, even if it can't answer the question.
  const contact = weakHit && weakHit.coverage >= CONFIDENCE.clarify * 0.5 ? weakHit.entry.contact : FALLBACK_CONTACT;
  const text = [
    "抱歉，知识库里暂时没有这方面的内容，我不乱说数字。",
    `建议您问问：${contact}。`,
    "您的问题已经记下，工作人员会把资料补上。",
  ].join("\n");
  return { kind: "no_answer", text, citations: [], entryIds: [], confidence, quickReplies: [] };
}
