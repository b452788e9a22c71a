// Voice notes: the transcription function the LLM layer may provide, and how a transcript is shown back.

export type Transcribe = (audio: Buffer, fileName: string) => Promise<string>;

/** The LLM layer's transcribe(), when it has one (it is optional, like the LLM itself). */
export function findTranscriber(llm: unknown): Transcribe | undefined {
  const candidate = (llm as { transcribe?: unknown } | undefined)?.transcribe;
  return typeof candidate === "function" ? (candidate as Transcribe).bind(llm) : undefined;
}

/** Shown before the answer, so the villager can see whether they were heard right. */
export function transcriptNotice(transcript: string): string {
  return `🎤 我听到的是：“${transcript}”`;
}
