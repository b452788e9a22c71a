// The end of `npm run bench`: the storage figures (point 6) and the other issues' headline figures (point 7) gathered
// from the sections that printed them, SQLite vs PostgreSQL from the instances section, and the short summary printed last.
import { addMarkdown, type Cell, formatNumber, percent, readFigure, record, type Row, sectionRows, table } from "./report.ts";

/** The instances section's one-line summary (issue 16), or why there is none in this run. */
function postgresNote(): string {
  const summary = readFigure("instances.summary");
  return typeof summary === "string"
    ? summary.replace(/^instances: /, "")
    : "not measured in this run (bench/instances.bench.ts: `npm run bench -- instances`)";
}

function find(section: string, labelStart: string): Row | undefined {
  return sectionRows(section).find((r) => r.label.startsWith(labelStart));
}

function value(section: string, labelStart: string, key: string): number | null {
  const cell = find(section, labelStart)?.values[key];
  return typeof cell === "number" && Number.isFinite(cell) ? cell : null;
}

const num = (n: unknown): number | null => (typeof n === "number" && Number.isFinite(n) ? n : null);
const fmt = (n: unknown, unit = ""): string => (num(n) === null ? "n/a" : `${formatNumber(n as number)}${unit}`);

function storage(): void {
  const durable = value("durability", "reports filed, durable", "reports/s");
  const normal = value("durability", "reports filed, not durable", "reports/s");
  const rows = value("feedback", "insert", "rows");
  const queries = sectionRows("feedback")
    .filter((r) => typeof r.values["median ms"] === "number")
    .map((r) => ({ query: r.label, median_ms: r.values["median ms"] as number, max_ms: r.values["max ms"] as number }));
  const slowest = queries.reduce((max, q) => Math.max(max, q.median_ms), 0);
  record("storage", {
    feedback_inserts_per_s_durable: durable,
    feedback_inserts_per_s_normal: normal,
    durable_cost_ratio: durable && normal ? normal / durable : null,
    bulk_import_rows_per_s: value("feedback", "insert", "rows/s"),
    summary_rows: rows,
    summary_queries: queries,
    slowest_summary_median_ms: queries.length > 0 ? slowest : null,
    postgres: readFigure("instances.ratios")
      ? { measured: true, see: "instances", ratios: readFigure("instances.ratios") }
      : { measured: false, note: postgresNote() },
  });
  if (durable === null && queries.length === 0) return;
  addMarkdown(
    60,
    [
      "## 6. Storage (SQLite, temp file)",
      "",
      `Feedback reports filed one transaction each, as the chat files them: **${fmt(durable)} reports/s with the durable commit (each waits for an fsync of the WAL, shared by the writes of the moment)**, ` +
        `${fmt(normal)} without that wait (${durable && normal ? (normal / durable).toFixed(2) : "n/a"}× the cost for durability; bench/durability.bench.ts). ` +
        `Each staff summary query on ${fmt(rows)} report rows (bulk-loaded in 100,000-row transactions at ${fmt(value("feedback", "insert", "rows/s"))} rows/s; bench/feedback.bench.ts), median of 5 after a warm run:`,
      "",
      table(
        ["query", "median ms", "max ms"],
        queries.map((q): Cell[] => [q.query, q.median_ms, q.max_ms]),
      ),
      "",
      `SQLite vs PostgreSQL with 1–3 instances (section 6b): ${postgresNote()}.`,
    ].join("\n"),
  );
}

function others(): void {
  const headline: Array<[string, string, string, string[]]> = [
    ["issue 2: policy pipeline, 10,000 entries (in process)", "pipeline", "10000 entries", ["msg/s", "p50 ms", "p99 ms", "load+index ms"]],
    ["issue 3: eligibility dialogue step + state write", "eligibility", "dialogue step", ["p50 ms", "p99 ms", "cpu p99 ms"]],
    ["issue 3: eligibility turn, whole pipeline", "eligibility", "full pipeline", ["msg/s", "p99 ms", "cpu p99 ms"]],
    ["issue 4: consultation answer recorded", "consultations", "record one answer", ["per s", "p99 ms"]],
    ["issue 5: Telegram via fake Bot API, paced", "telegram", "paced", ["msg/s", "p50 ms", "p99 ms"]],
    ["issue 5: Telegram via fake Bot API, burst", "telegram", "burst", ["msg/s", "p50 ms", "p99 ms"]],
    ["issue 14: Official Account, plain", "wechat-oa", "plain mode", ["msg/s", "p50 ms", "p99 ms"]],
    ["issue 14: Official Account, safe mode (AES)", "wechat-oa", "safe mode", ["msg/s", "p50 ms", "p99 ms"]],
    ["issue 6: LLM overhead (total − provider wait)", "llm", "with LLM: overhead", ["p50 ms", "p99 ms"]],
  ];
  const rows: Cell[][] = [];
  for (const [what, section, label, keys] of headline) {
    const found = find(section, label);
    if (!found) continue;
    rows.push([what, keys.map((k) => `${k} ${fmt(found.values[k])}`).join(", ")]);
  }
  rows.push(["issue 16: SQLite vs PostgreSQL, 1–3 instances", postgresNote()]);
  record("other_issues", { postgres_vs_sqlite: readFigure("instances.ratios") ?? { measured: false, note: postgresNote() } });
  addMarkdown(
    70,
    [
      "## 7. The other issues' figures (same run)",
      "",
      table(["", "figures"], rows),
      "",
      "Every row of every section is in results.json under `sections`.",
    ].join("\n"),
  );
}

/** Gathers points 6 and 7, then the lines printed at the end of the run. */
export function summaryLines(): string[] {
  storage();
  others();
  const lines = ["## Summary (issue 17)"];
  const intent = (side: string) => readFigure(`peers.intent.${side}`) as Record<string, number> | undefined;
  if (intent("project")) {
    lines.push(
      `intent accuracy: project classifier ${percent(intent("project")!.accuracy)} vs NLP.js ${percent(intent("nlpjs")?.accuracy)} ` +
        `(whole assistant, routed: ${percent(intent("project_routed")?.accuracy)}); p99 ${fmt(intent("project")!.p99_ms, " ms")} vs ${fmt(intent("nlpjs")?.p99_ms, " ms")}`,
    );
  }
  const retrieval = (side: string) => readFigure(`peers.retrieval.${side}`) as Record<string, number> | undefined;
  if (retrieval("project")) {
    const lead = readFigure("peers.retrieval.ratios.top1_lead_over_bigram_points") as number;
    lines.push(
      `retrieval top-1: project ${percent(retrieval("project")!.top1)}, MiniSearch bigrams ${percent(retrieval("minisearch_bigram")?.top1)}, ` +
        `MiniSearch default ${percent(retrieval("minisearch_default")?.top1)} — lead over bigrams ${lead.toFixed(1)} points (target ≥ 15: ${lead >= 15 ? "met" : "NOT met"})`,
    );
  }
  const whole = readFigure("peers.whole_answer") as Record<string, Record<string, number | null>> | undefined;
  if (whole?.project)
    lines.push(`whole answers with every figure: project ${percent(whole.project.share)} vs naive seed sentence ${percent(whole.naive_seed?.share)}`);
  const scaling = readFigure("scaling.growth");
  if (typeof scaling === "string") lines.push(`scaling: ${scaling}`);
  const http = readFigure("http") as { mixed: Record<string, number | boolean>; with_flood: { others_p99_ratio: number } } | undefined;
  if (http) {
    lines.push(
      `HTTP: ${fmt(http.mixed.rps)} req/s (target ≥ 2,000: ${http.mixed.meets_2000_rps ? "met" : "NOT met"}), p99 ${fmt(http.mixed.p99_ms, " ms")}, ` +
        `errors+non-2xx zero: ${http.mixed.zero_errors_and_non2xx ? "yes" : "NO"}; ${fmt(http.mixed.requests_per_server_cpu_s)} req per server CPU-second; ` +
        `others' p99 with a flooder ${http.with_flood.others_p99_ratio.toFixed(2)}× (target ≤ 2)`,
    );
  }
  const store = readFigure("storage") as Record<string, unknown> | undefined;
  if (store)
    lines.push(
      `storage: ${fmt(store.feedback_inserts_per_s_durable)} durable report inserts/s; slowest summary query at ${fmt(store.summary_rows)} rows ${fmt(store.slowest_summary_median_ms, " ms")} median`,
    );
  const instances = readFigure("instances.summary");
  if (typeof instances === "string") lines.push(instances);
  addMarkdown(1, ["## Summary", "", ...lines.slice(1).map((line) => `- ${line}`)].join("\n"));
  return lines;
}
