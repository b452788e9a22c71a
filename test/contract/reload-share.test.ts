// Several instances, one knowledge base: a reload on one instance reaches the others.
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLogger, type Logger } from "../../src/core/logger.ts";
import { SnapshotHolder } from "../../src/snapshot/index.ts";
import { shareReloads } from "../../src/snapshot/share.ts";
import { postgresSql } from "../../src/store/sql.ts";
import { ENGINES, openTestDatabase } from "../helpers/databases.ts";

function dataCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "xq-data-")), "data");
  cpSync("data", dir, { recursive: true });
  return dir;
}

/** A logger that keeps its warnings, to see what an instance told its operator. */
function recordingLogger(warnings: string[]): Logger {
  const logger = createLogger("silent");
  return { ...logger, warn: (message: string) => void warnings.push(message) };
}

describe.runIf(ENGINES.includes("postgres"))("knowledge base reloads across instances", () => {
  it("a reload on one instance makes the others reload to the same version; instances with different files say so and stop there", async () => {
    const database = await openTestDatabase("postgres");
    const second = await postgresSql({ connectionString: database.url!, poolSize: 2 });
    const third = await postgresSql({ connectionString: database.url!, poolSize: 2 });
    try {
      const shared = dataCopy();
      const elsewhere = dataCopy();
      const warnings: string[] = [];
      const a = new SnapshotHolder(shared, createLogger("silent"));
      const b = new SnapshotHolder(shared, createLogger("silent"));
      const c = new SnapshotHolder(elsewhere, recordingLogger(warnings));
      await shareReloads(a, database.sql, "a", createLogger("silent"));
      await shareReloads(b, second, "b", createLogger("silent"));
      await shareReloads(c, third, "c", recordingLogger(warnings));
      const before = b.current;
      let aReloads = 0;
      a.onReload(() => aReloads++);

      // A cadre edits the shared folder; instance a notices (its watcher calls reload).
      appendFileSync(join(shared, "synonyms.yaml"), "\n# edited\n");
      expect(a.reload().ok).toBe(true);

      await expect.poll(() => b.version, { timeout: 5_000 }).toBe(a.version);
      expect(b.current).not.toBe(before);
      // c reloads its own (unchanged) files, which differ from a's: it warns and does not set a off again.
      await expect.poll(() => warnings.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(warnings[0]).toContain("different data/");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(aReloads).toBe(1);
    } finally {
      await second.close();
      await third.close();
      await database.close();
    }
  }, 30_000);
});
