// The little of NLP.js (v4) and autocannon (v9), both shipped without type declarations, that the bench uses.
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
declare module "autocannon" {
  export interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
    total: number;
  }
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  }
  export interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    duration: number;
    statusCodeStats: Record<string, { count: number }>;
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    requests?: Request[];
  }
  export interface Tracker {
    stop(): void;
    /** Every answer as it arrives: status and time in ms (used to merge the latencies of several runs). */
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Tracker;
  }
  export default function autocannon(options: Options): Promise<Result> & Tracker;
}
