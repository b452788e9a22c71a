// Issue 17, points 1–3: the project side by side with peers on the same data, in the same run.
//   1. intent classification vs NLP.js (@nlpjs/nlp + @nlpjs/lang-zh), trained on the same labelled examples;
//   2. policy retrieval vs MiniSearch (default tokenizer, and character bigrams) over the same knowledge entries;
//   3. whole answers vs "MiniSearch + jieba over the seed's sentences, top sentence".
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { LangZh } from "@nlpjs/lang-zh";
import { Nlp } from "@nlpjs/nlp";
import MiniSearch from "minisearch";
import * as OpenCC from "opencc-js";
import { type BenchItem, loadOwnItems, loadSharedDev, SEED } from "./eval-data.ts";
import {
  ask,
  buildEngine,
  carriesFigures,
  classifyIntent,
  createLocalApp,
  type Engine,
  type Entry,
  intentExamples,
  loadKnowledgeData,
  searchEntries,
  topicNames,
} from "./project.ts";
import { addMarkdown, percent, record, table } from "./report.ts";
import { percentile, row } from "./stats.ts";

export const order = 5;

interface Timed<T> {
  values: T[];
  ms: number[];
}

function latency(ms: readonly number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50_ms: percentile(sorted, 0.5), p99_ms: percentile(sorted, 0.99) };
}

const share = (hits: number, total: number) => (total > 0 ? hits / total : Number.NaN);
const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

/** All of an entry a reader sees: what the top-1/top-3 check looks for the expected figures in. */
export function entryText(entry: Entry): string {
  return [entry.title, ...entry.aliases, ...entry.keywords, entry.summary, ...entry.facts.map((f) => f.text), entry.who ?? "", entry.contact].join("\n");
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Character bigrams of each run of Chinese characters (a lone character stays a term); other runs as words. */
export function bigramTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text.split(/[\s\p{P}\p{S}]+/u)) {
    if (!run) continue;
    let chinese = "";
    const flush = () => {
      if (chinese.length === 1) tokens.push(chinese);
      for (let i = 0; i + 1 < chinese.length; i++) tokens.push(chinese.slice(i, i + 2));
      chinese = "";
    };
    let other = "";
    for (const ch of run) {
      if (CJK.test(ch)) {
        if (other) tokens.push(other);
        other = "";
        chinese += ch;
      } else {
        flush();
        other += ch;
      }
    }
    flush();
    if (other) tokens.push(other);
  }
  return tokens;
}

const FIELDS = ["title", "aliases", "keywords", "summary", "facts", "who", "contact"];

function entryDocument(entry: Entry) {
  return {
    id: entry.id,
    title: entry.title,
    aliases: entry.aliases.join(" "),
    keywords: entry.keywords.join(" "),
    summary: entry.summary,
    facts: entry.facts.map((f) => f.text).join("\n"),
    who: entry.who ?? "",
    contact: entry.contact,
  };
}

/** MiniSearch over the same entries; `tokenize` undefined keeps its default tokenizer. */
function miniSearchOver(entries: readonly Entry[], tokenize?: (text: string) => string[]) {
  const index = new MiniSearch<ReturnType<typeof entryDocument>>({ fields: FIELDS, idField: "id", ...(tokenize ? { tokenize } : {}) });
  index.addAll(entries.map(entryDocument));
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (text: string, limit: number): Entry[] =>
    index
      .search(text)
      .slice(0, limit)
      .map((r) => byId.get(String(r.id))!);
}

/** NLP.js quietly prints "Compiling dictionary" while it trains; the bench's output stays the report. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

async function timeAll<T>(items: readonly BenchItem[], run: (item: BenchItem) => T | Promise<T>): Promise<Timed<T>> {
  const values: T[] = [];
  const ms: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    values.push(await run(item));
    ms.push(performance.now() - t0);
  }
  return { values, ms };
}

export default async function benchPeers(): Promise<string[]> {
  const lines = ["## Peers: intent classification, policy retrieval and whole answers on the same data (issue 17, points 1–3)"];
  const data = loadKnowledgeData("data");
  const engine = buildEngine(data);
  const own = loadOwnItems();
  const dev = loadSharedDev();
  if (!dev.items) lines.push(`dev.jsonl skipped: ${dev.reason}`);
  const all = [...own, ...(dev.items ?? [])];
  lines.push(
    `questions: ${own.length} singles from test/eval/*/singles.jsonl, ${dev.items?.length ?? 0} from ${dev.items ? "../shared/eval/dev.jsonl" : "(missing)"}`,
  );

  const routed = await wholeAnswers(all, lines);
  await intents(engine, data, own, dev.items ?? [], routed, lines);
  retrieval(engine, all, lines);
  return lines;
}

// ── 1. Intent classification ────────────────────────────────────────────────────────────────────────────────

async function intents(
  engine: Engine,
  data: ReturnType<typeof loadKnowledgeData>,
  own: readonly BenchItem[],
  dev: readonly BenchItem[],
  routed: ReadonlyMap<string, string>,
  lines: string[],
): Promise<void> {
  const examples = intentExamples(data);
  const names = topicNames(data);
  const nlp = new Nlp({ languages: ["zh"], autoSave: false, autoLoad: false, nlu: { log: false } });
  nlp.use(LangZh);
  for (const { intent, text } of examples) nlp.addDocument("zh", text, intent);
  for (const name of names) nlp.addDocument("zh", name, "policy");
  const trainStarted = performance.now();
  await quietly(() => nlp.train());
  const trainMs = performance.now() - trainStarted;
  // NLP.js answers "None" below its threshold: the project calls that `unknown`.
  const nlpjs = async (text: string) => {
    const result = await nlp.process("zh", text);
    return result.intent === "None" ? "unknown" : result.intent;
  };
  const all = [...own, ...dev];
  // Warm both sides (JIT, caches) on a few questions first; the timed pass then asks each question once.
  for (const item of all.slice(0, 50)) {
    classifyIntent(engine, item.text);
    await nlpjs(item.text);
  }
  const project = await timeAll(all, (item) => classifyIntent(engine, item.text));
  const peer = await timeAll(all, (item) => nlpjs(item.text));
  const accuracy = (predicted: readonly string[], from: number, to: number) => {
    let right = 0;
    for (let i = from; i < to; i++) if (all[i]!.intents.includes(predicted[i]!)) right++;
    return share(right, to - from);
  };
  const n = all.length;
  const routedRight = all.filter((item) => item.intents.includes(routed.get(item.id) ?? "-")).length;
  const sides = {
    project: { values: project.values, ms: project.ms },
    nlpjs: { values: peer.values, ms: peer.ms },
  };
  for (const [name, side] of Object.entries(sides)) {
    record(`peers.intent.${name}`, {
      accuracy: accuracy(side.values, 0, n),
      accuracy_own_sets: accuracy(side.values, 0, own.length),
      accuracy_dev: dev.length > 0 ? accuracy(side.values, own.length, n) : null,
      ...latency(side.ms),
    });
  }
  record("peers.intent.items", { total: n, own_sets: own.length, dev: dev.length });
  record("peers.intent.nlpjs.train_ms", trainMs);
  record("peers.intent.training_examples", { intent_examples: examples.length, topic_names_as_policy: names.length });
  record("peers.intent.project_routed", { accuracy: share(routedRight, n), note: "the intent the whole assistant reports after reading and routing" });
  const p = latency(project.ms);
  const q = latency(peer.ms);
  const accP = accuracy(project.values, 0, n);
  const accQ = accuracy(peer.values, 0, n);
  record("peers.intent.ratios", {
    accuracy_points: (accP - accQ) * 100,
    nlpjs_p50_over_project: ratio(q.p50_ms, p.p50_ms),
    nlpjs_p99_over_project: ratio(q.p99_ms, p.p99_ms),
  });

  const intentCells = (values: typeof project.values, all: number, t: typeof p) => [
    percent(all),
    percent(accuracy(values, 0, own.length)),
    percent(accuracy(values, own.length, n)),
    t.p50_ms,
    t.p99_ms,
  ];
  const intentRow = (label: string, values: typeof project.values, all: number, t: typeof p, extra: Record<string, number> = {}) =>
    row(label, {
      accuracy: percent(all),
      own: percent(accuracy(values, 0, own.length)),
      dev: percent(accuracy(values, own.length, n)),
      "p50 ms": t.p50_ms,
      "p99 ms": t.p99_ms,
      ...extra,
    });
  lines.push(intentRow("intent: project classifier", project.values, accP, p));
  lines.push(intentRow("intent: NLP.js (lang-zh)", peer.values, accQ, q, { "train ms": trainMs }));
  lines.push(row("intent: whole assistant (routed)", { accuracy: percent(share(routedRight, n)) }));
  lines.push(
    row("intent: ratios", {
      "project − NLP.js, points": (accP - accQ) * 100,
      "NLP.js p50 / project": ratio(q.p50_ms, p.p50_ms),
      "NLP.js p99 / project": ratio(q.p99_ms, p.p99_ms),
    }),
  );
  addMarkdown(
    10,
    [
      "## 1. Intent classification vs NLP.js",
      "",
      `Both trained on the same labelled examples: ${examples.length} sentences of data/intents/*.yaml, plus the knowledge base's ${names.length} titles, aliases ` +
        "and keywords as `policy` (the project's classifier learns `policy` from the same names, src/core/engine.ts). " +
        `Asked ${n} single questions: ${own.length} from the own sets (test/eval/*/singles.jsonl) and ${dev.length} from dev.jsonl.`,
      "",
      table(
        ["", "accuracy (all)", "own sets", "dev.jsonl", "p50 ms", "p99 ms"],
        [
          ["project classifier", ...intentCells(project.values, accP, p)],
          ["NLP.js 4 (lang-zh)", ...intentCells(peer.values, accQ, q)],
          ["whole assistant (classifier + reading + routing)", percent(share(routedRight, n)), "", "", "", ""],
        ],
      ),
      "",
      `Ratios: project − NLP.js = ${((accP - accQ) * 100).toFixed(1)} points; NLP.js p50 / project p50 = ${ratio(q.p50_ms, p.p50_ms).toFixed(1)}×, ` +
        `p99 = ${ratio(q.p99_ms, p.p99_ms).toFixed(1)}×. NLP.js training took ${(trainMs / 1000).toFixed(1)} s (the project builds its classifier with the index).`,
      "",
      "**Labels.** dev.jsonl gives `intents` per item (any listed one counts). The own sets give a category instead; " +
        "`report` → feedback; `absent` (a programme the base lacks) → policy, eligibility or unknown; every other category " +
        "(colloquial, indirect, typos, fragments, traditional, household, quantities, two_facts, question_not_report, topics) is a question → policy or eligibility, " +
        "as `npm run eval` accepts either handler for them. NLP.js's `None` counts as `unknown`. Conversations (multi-turn) are left out. " +
        "`peers.intent.project.accuracy` is the classifier alone, like for like with NLP.js; the whole assistant's routed intent (which also reads " +
        "report words, questions and small talk) is reported beside it.",
    ].join("\n"),
  );
}

// ── 2. Retrieval ─────────────────────────────────────────────────────────────────────────────────────────────

function retrieval(engine: Engine, all: readonly BenchItem[], lines: string[]): void {
  const entries = engine.kb.entries;
  const texts = new Map(entries.map((e) => [e, entryText(e)]));
  // Only questions one entry can answer: every expected figure is written in some single entry. (A computed
  // figure — 2 × 800 = 1600 — is in no entry; it belongs to the whole-answer comparison below.)
  const items = all.filter((item) => !item.noFigure && item.figures.length > 0 && entries.some((e) => carriesFigures(texts.get(e)!, item.figures)));
  const defaultSearch = miniSearchOver(entries);
  const bigramSearch = miniSearchOver(entries, bigramTokens);
  const sides: Array<[string, string, (text: string, limit: number) => Entry[]]> = [
    ["project", "project (jieba words + bigrams, coverage re-rank)", (text, limit) => searchEntries(engine, text, limit)],
    ["minisearch_bigram", "MiniSearch 7, character bigrams", bigramSearch],
    ["minisearch_default", "MiniSearch 7, default tokenizer", defaultSearch],
  ];
  const results: Record<string, { top1: number; top3: number; p50_ms: number; p99_ms: number }> = {};
  for (const [key, , search] of sides) {
    for (const item of items.slice(0, 50)) search(item.text, 3); // warm-up
    let top1 = 0;
    let top3 = 0;
    const ms: number[] = [];
    for (const item of items) {
      const t0 = performance.now();
      const found = search(item.text, 3);
      ms.push(performance.now() - t0);
      if (found[0] && carriesFigures(texts.get(found[0])!, item.figures)) top1++;
      if (found.length > 0 && carriesFigures(found.map((e) => texts.get(e)!).join("\n"), item.figures)) top3++;
    }
    results[key] = { top1: share(top1, items.length), top3: share(top3, items.length), ...latency(ms) };
    record(`peers.retrieval.${key}`, results[key]);
  }
  const project = results.project!;
  const bigram = results.minisearch_bigram!;
  const lead = (project.top1 - bigram.top1) * 100;
  record("peers.retrieval.items", items.length);
  record("peers.retrieval.entries", entries.length);
  record("peers.retrieval.ratios", {
    top1_lead_over_bigram_points: lead,
    top1_lead_over_default_points: (project.top1 - results.minisearch_default!.top1) * 100,
    meets_15_point_lead: lead >= 15,
    bigram_p99_over_project: ratio(bigram.p99_ms, project.p99_ms),
  });
  for (const [key, label] of sides) {
    const r = results[key]!;
    lines.push(row(`retrieval: ${label.replace(/ \(.*\)$/, "")}`, { top1: percent(r.top1), top3: percent(r.top3), "p50 ms": r.p50_ms, "p99 ms": r.p99_ms }));
  }
  const verdict = lead >= 15 ? "meets the target" : "**does not meet the target**";
  lines.push(`retrieval: project leads the bigram baseline by ${lead.toFixed(1)} points at top-1 (target ≥ 15): ${lead >= 15 ? "✓" : "✗"}`);
  addMarkdown(
    20,
    [
      "## 2. Policy retrieval vs MiniSearch",
      "",
      `The same ${entries.length} knowledge entries (data/knowledge) indexed by each; ${items.length} questions whose expected figures are all written in one entry ` +
        "(figures a reply computes, such as 2 × 800 = 1600, are in no entry and are left to point 3). Top-1: the first entry carries every expected figure; " +
        "top-3: the first three entries together carry them. Figures are matched by the evaluation's own scorer (src/eval/score.ts). MiniSearch indexes title, aliases, keywords, summary, facts, who and contact with its default options.",
      "",
      table(
        ["", "top-1", "top-3", "p50 ms", "p99 ms"],
        sides.map(([key, label]) => [label, percent(results[key]!.top1), percent(results[key]!.top3), results[key]!.p50_ms, results[key]!.p99_ms]),
      ),
      "",
      `The project leads the bigram baseline by ${lead.toFixed(1)} points at top-1 (target ≥ 15 points): ${verdict}. ` +
        `Bigram p99 / project p99 = ${ratio(bigram.p99_ms, project.p99_ms).toFixed(2)}×. MiniSearch's default tokenizer splits on spaces and punctuation, so a Chinese question is one or a few long terms that match almost nothing.`,
    ].join("\n"),
  );
}

// ── 3. Whole answers ─────────────────────────────────────────────────────────────────────────────────────────

/** Seed sentences, in Simplified (the seed is written in Traditional; questions are folded the same way). */
function seedSentences(seed: string, toSimplified: (s: string) => string): string[] {
  return toSimplified(seed)
    .split(/(?<=[。！？；!?;])|\n/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}

/** Runs every question through the whole assistant (for point 3, and the routed intents of point 1). */
async function wholeAnswers(all: readonly BenchItem[], lines: string[]): Promise<Map<string, string>> {
  const app = createLocalApp({ temporary: true, logLevel: "silent" });
  const routed = new Map<string, string>();
  const answers = new Map<string, string>();
  const ms: number[] = [];
  try {
    for (const item of all) {
      const t0 = performance.now();
      const answer = await ask(app, `bench-${item.id}`, item.text);
      ms.push(performance.now() - t0);
      routed.set(item.id, answer.intent);
      answers.set(item.id, answer.text);
    }
  } finally {
    await app.close();
  }
  const items = all.filter((item) => !item.noFigure && item.figures.length > 0);
  const projectHits = items.filter((item) => carriesFigures(answers.get(item.id)!, item.figures)).length;
  const project = { share: share(projectHits, items.length), ...latency(ms) };
  record("peers.whole_answer.items", items.length);
  record("peers.whole_answer.project", project);
  lines.push(row("whole answer: project (assistant)", { "all figures": percent(project.share), "p50 ms": project.p50_ms, "p99 ms": project.p99_ms }));

  let baselineText: string;
  if (!existsSync(SEED)) {
    const reason = `not measured: seed ${SEED} not found (the naive baseline reads it from ../shared/seed)`;
    record("peers.whole_answer.naive_seed", { share: null, skipped: reason });
    lines.push(`whole answer: naive baseline skipped — ${reason}`);
    baselineText = reason;
  } else {
    const converter = OpenCC.Converter({ from: "tw", to: "cn" });
    const toSimplified = (s: string) => converter(s);
    const jieba = Jieba.withDict(dict);
    const tokenize = (text: string) => jieba.cut(text, false).filter((t) => /[\p{L}\p{N}]/u.test(t));
    const sentences = seedSentences(readFileSync(SEED, "utf8"), toSimplified);
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ["text"], storeFields: ["text"], tokenize });
    index.addAll(sentences.map((text, id) => ({ id, text })));
    const baselineMs: number[] = [];
    let hits = 0;
    for (const item of items) {
      const t0 = performance.now();
      const top = index.search(toSimplified(item.text))[0];
      baselineMs.push(performance.now() - t0);
      if (top && carriesFigures(String(top.text), item.figures)) hits++;
    }
    const naive = { share: share(hits, items.length), sentences: sentences.length, ...latency(baselineMs) };
    record("peers.whole_answer.naive_seed", naive);
    record("peers.whole_answer.ratios", {
      project_minus_naive_points: (project.share - naive.share) * 100,
      project_over_naive: ratio(project.share, naive.share),
    });
    lines.push(
      row("whole answer: MiniSearch+jieba, top seed sentence", { "all figures": percent(naive.share), "p50 ms": naive.p50_ms, "p99 ms": naive.p99_ms }),
    );
    baselineText =
      table(
        ["", "answers carrying every expected figure", "p50 ms", "p99 ms"],
        [
          ["project (whole assistant, one fresh user per question)", percent(project.share), project.p50_ms, project.p99_ms],
          [`naive: MiniSearch + jieba over the seed's ${sentences.length} sentences, top sentence`, percent(naive.share), naive.p50_ms, naive.p99_ms],
        ],
      ) +
      `\n\nProject − naive = ${((project.share - naive.share) * 100).toFixed(1)} points (${ratio(project.share, naive.share).toFixed(2)}×). The seed is written in Traditional ` +
      "characters: the baseline converts it and each question to Simplified (opencc-js) before jieba cuts them, or it would find next to nothing.";
  }
  addMarkdown(
    30,
    [
      "## 3. Whole answers vs a naive baseline",
      "",
      `${items.length} single questions that expect at least one figure (own sets and dev.jsonl; \`noFigure\` items left out), including figures a reply must compute. ` +
        "An answer passes when it carries every expected figure (the evaluation's scorer, figure expectations only; wording checks and `forbid` are not applied here).",
      "",
      baselineText,
    ].join("\n"),
  );
  return routed;
}
