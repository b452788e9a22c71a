import { mkdtempSync } from "node:fs"; import { tmpdir } from "node:os"; import { join } from "node:path";
import { Store } from "./src/store/index.ts";
const mode = process.argv[2];
const store = Store.open(mode.includes("mem") ? ":memory:" : join(mkdtempSync(join(tmpdir(), "ins-")), "b.db"));
const db = store.db;
if (mode.includes("one")) { db.exec(`DROP TRIGGER feedback_rollup_insert`); db.exec(`CREATE TRIGGER feedback_rollup_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO feedback_rollup (dim, day, key, n)
    SELECT v.dim, d.day, v.key, 1 FROM (SELECT CASE WHEN substr(NEW.created_at, 12, 2) < '16' THEN substr(NEW.created_at, 1, 10) ELSE date(NEW.created_at, '+8 hours') END AS day) AS d,
      (SELECT 'state' AS dim, NEW.status AS key UNION ALL SELECT 'category', coalesce(NEW.category, '未填') UNION ALL SELECT 'village', coalesce(NEW.village, '未填')) AS v
    WHERE true ON CONFLICT (dim, day, key) DO UPDATE SET n = n + 1;
END;`); }
if (mode.includes("cache")) db.pragma("cache_size = -131072");
if (mode.includes("nodup")) db.exec("DROP INDEX feedback_dup");
if (mode.includes("notrig")) db.exec(`DROP TRIGGER feedback_rollup_insert`);
const ins = db.prepare(`INSERT INTO feedback (channel, user_id, chat_id, text, category, village, status, anonymous, created_at, updated_at) VALUES ('web', ?, ?, '村东头路灯坏了半个月了', ?, ?, 'confirmed', 0, ?, ?)`);
const N = 100000; if (mode.includes("prof")) {}; const t0 = performance.now();
const batch = db.transaction((a: number, b: number) => { for (let i = a; i < b; i++) { const c = new Date(1.7e12 + i * 600000).toISOString(); ins.run(`u${i%5000}`, `u${i%5000}`, `c${i%11}`, `v${i%24}`, c, c); } });
for (let i = 0; i < N; i += 10000) batch(i, i + 10000);
console.log(mode, Math.round(N / (performance.now() - t0) * 1000), "rows/s", db.prepare("select count(*), sum(n) from feedback_rollup").get());
