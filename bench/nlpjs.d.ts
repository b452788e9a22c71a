// The little of NLP.js (v4, shipped without type declarations) that the intent comparison uses.
declare module "@nlpjs/nlp" {
  export class Nlp {
    constructor(settings?: { languages?: string[]; autoSave?: boolean; autoLoad?: boolean; forceNER?: boolean; nlu?: Record<string, unknown> });
    use(plugin: unknown): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
  }
}
declare module "@nlpjs/lang-zh" {
  export const LangZh: unknown;
}
