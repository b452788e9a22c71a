// Quick replies as numbered choices for channels without buttons (WeChat), and reading a typed number back.
import type { QuickReply, Reply } from "../../core/message.ts";

const LEADING_NUMBER = /^\s*\d+\s*[.、．)）]\s*/;

/** The label without a leading "1. " so it is numbered exactly once. */
export function bareLabel(label: string): string {
  return label.replace(LEADING_NUMBER, "");
}

/**
 * The reply text with its quick replies listed as "1. …" lines. When the text already lists them
 * (a clarifying question does), it is returned unchanged so every channel shows the same words.
 */
export function withNumberedChoices(reply: Pick<Reply, "text" | "quickReplies">): string {
  if (reply.quickReplies.length === 0) return reply.text;
  const lines = reply.quickReplies.map((q, i) => `${i + 1}. ${bareLabel(q.label)}`);
  if (lines.every((line) => reply.text.includes(line))) return reply.text;
  return `${reply.text}\n\n${lines.join("\n")}\n（回复序号即可）`;
}

/** "2", "2." or "２" picks the second choice offered; anything else is not a choice. */
export function pickChoice(text: string, choices: readonly QuickReply[]): QuickReply | undefined {
  const match = /^\s*(\d{1,2})\s*[.。、]?\s*$/.exec(text.normalize("NFKC"));
  if (!match) return undefined;
  return choices[Number(match[1]) - 1];
}
