// Builds what the model reads — passages, conversation history, the quoted question — and reads its citations. Pure.
import { maskPersonalData } from "../core/privacy.ts";
import type { Exchange, Passage } from "../core/llm-port.ts";

/** Longest reply of an earlier turn given to the model: enough to know the topic, cheap in tokens. */
const MAX_HISTORY_REPLY = 300;

/** User text goes in only as data: quoted, masked, and unable to close the prompt's tags. */
export function quoteUserText(text: string): string {
  return JSON.stringify(maskPersonalData(text).replace(/</g, "＜").replace(/>/g, "＞"));
}

export function formatPassage(passage: Passage): string {
  const { entry } = passage;
  const lines = [`[${entry.id}] ${entry.title}`, `摘要：${entry.summary}`];
  if (entry.needs_review) lines.push("注意：这项政策的具体标准还没核实，不能给出任何数字，请对方去咨询。");
  for (const fact of entry.facts) lines.push(`- ${fact.text}`);
  if (entry.who) lines.push(`谁能办：${entry.who}`);
  lines.push(`找谁办：${entry.contact}`);
  lines.push(`来源：${entry.source.file} ${entry.source.section}`);
  for (const note of passage.notes ?? []) lines.push(note);
  return lines.join("\n");
}

export function formatPassages(passages: readonly Passage[], fallbackContact: string): string {
  const blocks = passages.map(formatPassage);
  if (blocks.length === 0) blocks.push("（知识库里没有找到相关资料。）");
  blocks.push(`资料里没有答案时，建议咨询：${fallbackContact}`);
  return blocks.join("\n\n");
}

export function formatHistory(turns: readonly Exchange[]): string {
  if (turns.length === 0) return "（没有之前的对话）";
  return turns
    .map((t) => {
      const replyText = t.replyText.length > MAX_HISTORY_REPLY ? `${t.replyText.slice(0, MAX_HISTORY_REPLY)}…` : t.replyText;
      return `村民：${quoteUserText(t.userText)}\n助手：${quoteUserText(replyText)}`;
    })
    .join("\n");
}

const CITATION = /\s*[[【]\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*[\]】]/g;

/** Reads "[entry-id]" markers: returns the text without them and the ids in order of first use. */
export function extractCitations(text: string): { text: string; ids: string[] } {
  const ids: string[] = [];
  const stripped = text.replace(CITATION, (_m, id: string) => {
    if (!ids.includes(id)) ids.push(id);
    return "";
  });
  return { text: stripped.replace(/[ \t]+([，。；！？,.;!?])/g, "$1").replace(/[ \t]+$/gm, ""), ids };
}
