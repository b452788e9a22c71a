// Everything the assistant derives from data/, built by one loader and swapped whole (one assignment) on reload.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { DataError, loadKnowledgeData, type DataProblem, type KnowledgeData } from "../knowledge/load.ts";
import type { VillagesFile } from "../knowledge/schema.ts";
import { ELIGIBILITY_DIR, loadEligibilityRules, type EligibilityRules } from "../eligibility/load.ts";
import { CATEGORIES_FILE, CategoriesError, loadCategories, type FeedbackCategoriesFile } from "../feedback/categories.ts";
import { buildEngine, type Engine } from "../core/engine.ts";
import type { Logger } from "../core/logger.ts";

/** The validated files a snapshot is built from. */
export interface DataFiles extends KnowledgeData {
  /** data/eligibility; absent when the folder is (eligibility questions are then answered from the knowledge base). */
  eligibility: EligibilityRules | undefined;
  /** data/feedback-categories.yaml; a missing file means one category, 其他. */
  categories: FeedbackCategoriesFile;
}

/** One consistent version of data/: a turn reads it once and sees the same version to its end. */
export interface DataSnapshot extends Engine {
  eligibility: EligibilityRules | undefined;
  categories: FeedbackCategoriesFile;
  villages: VillagesFile;
  loadedAt: Date;
}

export function buildSnapshot(files: DataFiles): DataSnapshot {
  return { ...buildEngine(files), eligibility: files.eligibility, categories: files.categories, villages: files.villages, loadedAt: new Date() };
}

/** Reads and validates every file of data/; throws one DataError naming the file and field of every problem. */
export function loadDataFiles(dataDir: string): DataFiles {
  const problems: DataProblem[] = [];
  const collect = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (error instanceof DataError) problems.push(...error.problems);
      else if (error instanceof CategoriesError) problems.push(...error.problems.map((p) => ({ file: CATEGORIES_FILE, ...p })));
      else throw error;
      return undefined;
    }
  };
  const knowledge = collect(() => loadKnowledgeData(dataDir));
  const eligibility = existsSync(join(dataDir, ELIGIBILITY_DIR)) ? collect(() => loadEligibilityRules(dataDir)) : undefined;
  const categories = collect(() => loadCategories(dataDir));
  if (problems.length > 0 || !knowledge || !categories) throw new DataError(problems);
  return { ...knowledge, eligibility, categories };
}

export function loadSnapshot(dataDir: string): DataSnapshot {
  return buildSnapshot(loadDataFiles(dataDir));
}

/**
 * A fingerprint of every file under data/ (names and contents): two instances serving the same version of the
 * knowledge base have the same one, whatever the files' times. Empty string when the folder cannot be read.
 */
export function dataVersion(dataDir: string): string {
  const hash = createHash("sha256");
  let files: string[];
  try {
    files = (readdirSync(dataDir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath ?? f.path, f.name))
      .sort();
  } catch {
    return "";
  }
  for (const file of files) {
    hash.update(file.slice(dataDir.length)).update("\0");
    try {
      hash.update(readFileSync(file));
    } catch {
      // Removed while we read: the watcher will call again.
    }
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

export type ReloadResult = { ok: true; snapshot: DataSnapshot } | { ok: false; error: DataError };

/** Holds the current snapshot; a reload that fails validation keeps the old one serving, whole. */
export class SnapshotHolder {
  private snapshot: DataSnapshot;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dataVersion: string;
  private readonly reloadListeners = new Set<(version: string) => void>();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
    initial?: DataSnapshot,
  ) {
    this.snapshot = initial ?? loadSnapshot(dataDir);
    this.dataVersion = dataVersion(dataDir);
    if (!this.snapshot.eligibility) logger.warn("no eligibility rules in data/; eligibility questions are answered from the knowledge base", { dataDir });
  }

  get current(): DataSnapshot {
    return this.snapshot;
  }

  /** The fingerprint of data/ the current snapshot was loaded from (see `dataVersion`). */
  get version(): string {
    return this.dataVersion;
  }

  /** Calls `listener` after each reload this instance starts itself (data/ changed here). */
  onReload(listener: (version: string) => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  /**
   * Another instance reloaded to `version`: reload too, unless already serving it. Not passed on to this
   * instance's listeners, so instances whose data/ folders differ do not set each other off forever.
   */
  reloadTo(version: string): ReloadResult | undefined {
    if (version === this.dataVersion) return undefined;
    const result = this.load();
    if (result.ok && this.dataVersion !== version) {
      this.logger.warn("another instance serves a different data/ than this one; give every instance the same data/ folder", {
        ours: this.dataVersion,
        theirs: version,
      });
    }
    return result;
  }

  reload(): ReloadResult {
    const result = this.load();
    if (result.ok) for (const listener of this.reloadListeners) listener(this.dataVersion);
    return result;
  }

  private load(): ReloadResult {
    const started = performance.now();
    let next: DataSnapshot;
    try {
      next = loadSnapshot(this.dataDir);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      this.logger.error("data reload failed; still serving the previous version", { error, problems: error.problems });
      return { ok: false, error };
    }
    this.snapshot = next;
    this.dataVersion = dataVersion(this.dataDir);
    this.logger.info("data reloaded", { entries: next.kb.entries.length, ms: Math.round(performance.now() - started) });
    return { ok: true, snapshot: next };
  }

  /** Reloads shortly after files in data/ change (editors write in several steps, hence the debounce). */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.dataDir, { recursive: true }, () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reloadQuietly(), debounceMs);
      });
    } catch (error) {
      this.logger.warn("cannot watch data/ for changes; restart to pick up edits", { error });
    }
  }

  /** Stops watching; a reload already scheduled is dropped. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }

  private reloadQuietly(): void {
    this.timer = undefined;
    try {
      this.reload();
    } catch (error) {
      this.logger.error("data reload failed unexpectedly; still serving the previous version", { error });
    }
  }
}
