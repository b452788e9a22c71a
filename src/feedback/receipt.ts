// Receipt numbers: how a report is named to the villager who filed it ("FK000012") and read back from a message.

export function formatReceipt(id: number): string {
  return `FK${String(id).padStart(6, "0")}`;
}

export function parseReceipt(text: string): number | undefined {
  const match = /FK\s*0*(\d{1,9})/i.exec(text);
  return match ? Number(match[1]) : undefined;
}
