// The import graph between the folders of src/ (src/core, src/feedback …), read from import statements.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname, sep } from "node:path";

export interface FolderEdge {
  from: string;
  to: string;
  /** One file that makes the edge, for the failure message. */
  file: string;
  /** True when every import making the edge is `import type` / `export type` (gone at run time). */
  typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^;'"]*?from\s+["'](\.{1,2}\/[^"']+)["']/gm;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

/** "src/feedback/chat.ts" → "feedback"; files directly in src/ (app.ts, main.ts) are the composition root, not a folder. */
function folderOf(srcDir: string, file: string): string | undefined {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 ? parts[0] : undefined;
}

export function folderEdges(srcDir: string): FolderEdge[] {
  const edges = new Map<string, FolderEdge>();
  for (const file of filesUnder(srcDir)) {
    const from = folderOf(srcDir, file);
    if (!from) continue;
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const to = folderOf(srcDir, resolve(dirname(file), match[3]!));
      if (!to || to === from || to.startsWith("..")) continue;
      const key = `${from}→${to}`;
      const typeOnly = match[2] !== undefined;
      const known = edges.get(key);
      if (!known) edges.set(key, { from, to, file: relative(srcDir, file), typeOnly });
      else if (known.typeOnly && !typeOnly) edges.set(key, { from, to, file: relative(srcDir, file), typeOnly: false });
    }
  }
  return [...edges.values()];
}

/** Every cycle between folders, each as its path ("web → consultations → web"), found by depth-first search. */
export function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const cycles = new Map<string, string[]>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const to of next.get(at) ?? []) {
      if (to === start) {
        // One entry per cycle, whichever folder it was entered from.
        const key = [...path].sort().join(",");
        if (!cycles.has(key)) cycles.set(key, [...path, start]);
      } else if (!path.includes(to) && to > start) walk(start, to, [...path, to]);
    }
  };
  for (const start of [...next.keys()].sort()) walk(start, start, [start]);
  return [...cycles.values()];
}
