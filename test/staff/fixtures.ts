// A real Store on a temp SQLite file plus config and a movable clock, for staff unit tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/index.ts";
import { Store } from "../../src/store/index.ts";

export function staffFixture(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "xiangqin-staff-"));
  const store = Store.open(join(dir, "test.db"), { backgroundCheckpoint: false });
  const config = loadConfig({ DB_PATH: join(dir, "test.db"), ...env });
  let now = new Date("2026-11-20T08:00:00Z");
  const clock = () => now;
  return {
    services: { config, store, clock },
    store,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
