// Issue 4: a township-wide consultation's answers on disk, then the results a cadre asks for.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../src/config/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { Notifier } from "../src/core/notifier.ts";
import { Store } from "../src/store/index.ts";
import { ConsultationService } from "../src/consultations/service.ts";
import { DEFAULT_OPTIONS, type VillageInfo } from "../src/consultations/model.ts";
import { row, summarize } from "./stats.ts";

export const order = 45;

const VILLAGES: VillageInfo[] = Array.from({ length: 40 }, (_, i) => ({ name: `村${i + 1}`, aliases: [], households: 500, households_is_example: true }));
const COMMENTS = ["太吵了", "要先修路", "补偿太少", "占了我家的地", "挺好的", "希望公开账目", "什么时候开工", ""];

export default async function benchConsultations(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-bench-consult-"));
  const lines = ["## 征求意见（一个全镇 40 村、2 万户的征求意见）"];
  try {
    const store = Store.open(join(dir, "bench.db"));
    const clock = () => new Date("2026-11-29T04:00:00Z");
    const services = {
      config: loadConfig({ DB_PATH: join(dir, "bench.db") }),
      store,
      logger: silentLogger,
      clock,
      notifier: new Notifier(store.outbox, silentLogger, clock, (m) => store.transitional.enqueue(m)),
    };
    const service = new ConsultationService({ services, villages: () => VILLAGES });
    const insertProfile = store.db.prepare("INSERT INTO user_profiles (channel, user_id, village, updated_at) VALUES ('web', ?, ?, ?)");
    store.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insertProfile.run(`u${i}`, VILLAGES[i % VILLAGES.length]!.name, clock().toISOString());
    })();
    const p0 = performance.now();
    const { consultation, villagers } = service.publish(
      { title: "全镇垃圾分类收费", background: "", options: [...DEFAULT_OPTIONS], audience: [], deadline: new Date("2026-12-10T15:59:59Z") },
      "bench",
    );
    lines.push(row("publish + push to every villager", { villagers, "total ms": performance.now() - p0 }));

    const answers = 20_000;
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < answers; i++) {
      const t0 = performance.now();
      service.store.upsertVote({
        consultationId: consultation.id,
        channel: "web",
        userId: `u${i}`,
        chatId: `u${i}`,
        optionIndex: i % 3,
        comment: COMMENTS[i % COMMENTS.length] || null,
        village: VILLAGES[i % VILLAGES.length]!.name,
        at: clock().toISOString(),
      });
      latencies.push(performance.now() - t0);
    }
    const s = summarize(latencies, performance.now() - started);
    lines.push(row("record one answer (own transaction)", { answers, "per s": s.perSecond, "p50 ms": s.p50, "p99 ms": s.p99 }));

    const resultTimes: number[] = [];
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      service.results(consultation.id);
      resultTimes.push(performance.now() - t0);
    }
    const r = summarize(resultTimes, performance.now() - t1);
    lines.push(row("results (tally + themes + cells)", { runs: r.count, "p50 ms": r.p50, "max ms": r.max }));
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
