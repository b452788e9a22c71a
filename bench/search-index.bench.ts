// Issue 15: the two candidates for the knowledge search, side by side on the same cut text — the plain
// in-memory BM25 index the app uses, and SQLite FTS5 with bm25() weighting the same fields.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { KnowledgeBase } from "../src/knowledge/knowledge-base.ts";
import { loadKnowledgeData } from "../src/knowledge/load.ts";
import type { Entry } from "../src/knowledge/schema.ts";
import { type AnalyzedQuery, FIELDS, joinParts } from "../src/knowledge/search.ts";
import { foldText } from "../src/text/fold.ts";
import { QUESTIONS, scaleEntries } from "./pipeline.bench.ts";
import { row, summarize } from "./stats.ts";

/** Bigrams weigh this share of a word, as in the app's index. */
const BIGRAM_WEIGHT = 0.3;
const WORD_COLUMNS = FIELDS.map((_, i) => `w${i}`);
const PAIR_COLUMNS = FIELDS.map((_, i) => `p${i}`);

/** FTS5 over the entries' cut text: one column of words and one of character pairs per field. */
class Fts5Index {
  private readonly db = new Database(":memory:");
  private readonly query;

  constructor() {
    // Words are cut by jieba beforehand and stored space-separated; '.' stays inside numbers such as 1.2.
    this.db.exec(`CREATE VIRTUAL TABLE entries USING fts5(${[...WORD_COLUMNS, ...PAIR_COLUMNS].join(", ")}, tokenize = "unicode61 tokenchars '.'")`);
    const weights = [...FIELDS.map(([weight]) => weight), ...FIELDS.map(([weight]) => weight * BIGRAM_WEIGHT)];
    this.query = this.db.prepare(
      `SELECT rowid - 1 AS doc, -bm25(entries, ${weights.join(", ")}) AS score FROM entries WHERE entries MATCH ? ORDER BY bm25(entries, ${weights.join(", ")}) LIMIT ?`,
    );
  }

  build(fields: ReadonlyArray<ReadonlyArray<{ words: string[]; bigrams: string[] }>>): void {
    const insert = this.db.prepare(`INSERT INTO entries VALUES (${[...WORD_COLUMNS, ...PAIR_COLUMNS].map(() => "?").join(", ")})`);
    this.db.transaction(() => {
      for (const entry of fields) insert.run(...entry.map((f) => f.words.join(" ")), ...entry.map((f) => f.bigrams.join(" ")));
    })();
  }

  search(query: AnalyzedQuery, limit: number): Array<{ doc: number; score: number }> {
    const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;
    const words = [...new Set(query.words)].map(quote);
    const pairs = [...new Set(query.bigrams)].map(quote);
    const parts = [
      ...(words.length > 0 ? [`{${WORD_COLUMNS.join(" ")}} : (${words.join(" OR ")})`] : []),
      ...(pairs.length > 0 ? [`{${PAIR_COLUMNS.join(" ")}} : (${pairs.join(" OR ")})`] : []),
    ];
    if (parts.length === 0) return [];
    return this.query.all(parts.join(" OR "), limit) as Array<{ doc: number; score: number }>;
  }

  close(): void {
    this.db.close();
  }
}

/** Every single question of the evaluation sets: what the agreement of the two rankings is measured on. */
function evalQuestions(): string[] {
  const files = [
    "test/eval/dev.jsonl",
    ...readdirSync("test/eval", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `test/eval/${d.name}/singles.jsonl`),
  ];
  return files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text?: unknown }).text)
      .filter((text): text is string => typeof text === "string"),
  );
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
}

function latencies(questions: readonly AnalyzedQuery[], search: (query: AnalyzedQuery) => unknown, rounds: number) {
  for (const query of questions) search(query); // warm-up
  const times: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const query of questions) {
      const s = performance.now();
      search(query);
      times.push(performance.now() - s);
    }
  }
  return summarize(times, performance.now() - t0);
}

export const order = 11;

export default async function benchSearchIndex(): Promise<string[]> {
  const lines = ["## Knowledge search: plain in-memory BM25 (used) vs SQLite FTS5 bm25() with the same field weights"];
  const real = loadKnowledgeData("data");
  for (const size of [real.entries.length, 10_000]) {
    const entries = scaleEntries(real.entries, size);
    // The knowledge base's segmenter, rewrites and typo fixer; its own index is the plain one.
    const [kb, plainMs] = timed(() => new KnowledgeBase({ ...real, entries }));
    const cut = (entry: Entry) =>
      FIELDS.map(([, partsOf]) => {
        const text = kb.rewrite(foldText(joinParts(partsOf(entry))));
        return { words: kb.segmenter.words(text), bigrams: kb.segmenter.bigrams(text) };
      });
    const [fields, cutMs] = timed(() => entries.map(cut));
    const fts = new Fts5Index();
    const [, insertMs] = timed(() => fts.build(fields));

    const questions = (size === 10_000 ? QUESTIONS : evalQuestions()).map((q) => kb.index.analyze(q));
    const rounds = Math.max(1, Math.round(3000 / questions.length));
    const plain = latencies(questions, (q) => kb.index.search(q, 10), rounds);
    const sqlite = latencies(questions, (q) => fts.search(q, 10), rounds);
    // How often FTS5's best entry is the plain index's (whose ranking the evaluation sets are scored on).
    const same = questions.filter((q) => (kb.index.search(q, 1)[0]?.entry ?? null) === (entries[fts.search(q, 1)[0]?.doc ?? -1] ?? null)).length;
    fts.close();
    lines.push(row(`${size} entries, plain index`, { "build ms": plainMs, "p50 ms": plain.p50, "p99 ms": plain.p99, "(ranking and coverage)": "" }));
    lines.push(
      row(`${size} entries, FTS5`, {
        "build ms": cutMs + insertMs,
        "(cut ms": cutMs,
        "insert ms)": insertMs,
        "p50 ms": sqlite.p50,
        "p99 ms": sqlite.p99,
        "(ranking only)": "",
        "same best entry": `${same}/${questions.length}`,
      }),
    );
  }
  lines.push(
    "(Both rank the same cut words and pairs. The plain build includes jieba's dictionary, the typo fixer and cutting; FTS5's is cutting " +
      "plus inserting, without the rest. FTS5 weighs a term's count by field as the plain index does, but measures length in unweighted " +
      "tokens and has its own IDF, so it ranks differently; and coverage — which of the question's words an entry holds — would still " +
      "need the terms of each entry in memory.)",
  );
  return lines;
}
