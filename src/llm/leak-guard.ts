// Secret-leak guard: a reply must never contain a secret, a configuration value or the system prompt. Pure.

export interface LeakGuard {
  /** The name of what leaked (never the value itself), or undefined when the text is clean. */
  find(text: string): string | undefined;
}

/** Length of a system-prompt passage that counts as quoting it; shorter phrases occur in ordinary answers. */
const PROMPT_WINDOW = 16;
/** Shortest value worth guarding; shorter ones ("on", "0") appear in any text. */
const MIN_VALUE = 6;

export function createLeakGuard(values: Record<string, string | undefined>, promptTexts: readonly string[] = []): LeakGuard {
  const guarded = Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length >= MIN_VALUE)
    .map(([name, value]) => ({ name, value: value.toLowerCase() }));
  const promptWindows = new Set<string>();
  for (const text of promptTexts) {
    for (const line of text.split("\n")) {
      const squashed = squash(line);
      for (let i = 0; i + PROMPT_WINDOW <= squashed.length; i++) promptWindows.add(squashed.slice(i, i + PROMPT_WINDOW));
    }
  }
  return {
    find(text) {
      const lower = text.toLowerCase();
      for (const { name, value } of guarded) if (lower.includes(value)) return name;
      const squashed = squash(text);
      for (let i = 0; i + PROMPT_WINDOW <= squashed.length; i++) if (promptWindows.has(squashed.slice(i, i + PROMPT_WINDOW))) return "system prompt";
      return undefined;
    },
  };
}

function squash(text: string): string {
  // Citation markers ([disability-relief]) appear both in the prompt's example and in every answer.
  return text
    .normalize("NFKC")
    .replace(/[[【][a-z0-9-]+[\]】]/g, "")
    .replace(/[\s*#>`_-]+/g, "")
    .toLowerCase();
}
