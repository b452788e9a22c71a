import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isDatabaseFailure } from "../../src/store/sql.ts";
import { WalSync } from "../../src/store/wal-sync.ts";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function walFile(): string {
  dir = mkdtempSync(join(tmpdir(), "xiangqin-wal-sync-"));
  const path = join(dir, "x.db-wal");
  writeFileSync(path, "frames");
  return path;
}

describe("group commit of acknowledged writes", () => {
  it("lets writes that ask while an fsync runs share the next one, which starts after it", async () => {
    const sync = new WalSync(walFile());
    const first = sync.flush();
    // Asked while the first fsync may already be past their commits: they wait for a second one, together.
    const second = sync.flush();
    const third = sync.flush();
    expect(third).toBe(second);
    await first;
    expect(sync.completed).toBe(1);
    await Promise.all([second, third]);
    expect(sync.completed).toBe(2);
    // Nothing running: a new flush starts its own fsync.
    await sync.flush();
    expect(sync.completed).toBe(3);
  });

  it("fails as a storage failure when the WAL cannot be synced, so no receipt is given", async () => {
    const sync = new WalSync(join(walFile(), "..", "missing-wal"));
    const failed = await sync.flush().catch((error: unknown) => error);
    expect(isDatabaseFailure(failed)).toBe(true);
    // The next write tries again rather than sharing the failure forever.
    await expect(sync.flush()).rejects.toThrow(/fsync of the WAL failed/);
  });
});
