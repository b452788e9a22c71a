// Secret-leak guard: a reply must never contain a secret, a configuration value or the system prompt. Pure.

export interface LeakGuard {
  /** The name of what leaked (never the value itself), or undefined when the text is clean. */
  find(text: string): string | undefined;
}

/** Shortest prompt line worth guarding: short lines ("你好") occur in ordinary answers. */
const MIN_PROMPT_LINE = 16;
/** Shortest value worth guarding; shorter ones ("on", "0") appear in any text. */
const MIN_VALUE = 6;

export function createLeakGuard(values: Record<string, string | undefined>, promptTexts: readonly string[] = []): LeakGuard {
  const guarded = Object.entries(values)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].length >= MIN_VALUE)
    .map(([name, value]) => ({ name, value: value.toLowerCase() }));
  const promptLines = promptTexts
    .flatMap((text) => text.split("\n"))
    .map((line) => squash(line))
    .filter((line) => line.length >= MIN_PROMPT_LINE);
  return {
    find(text) {
      const lower = text.toLowerCase();
      for (const { name, value } of guarded) if (lower.includes(value)) return name;
      const squashed = squash(text);
      if (promptLines.some((line) => squashed.includes(line))) return "system prompt";
      return undefined;
    },
  };
}

function squash(text: string): string {
  return text.normalize("NFKC").replace(/[\s*#>`_-]+/g, "").toLowerCase();
}
