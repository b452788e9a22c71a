// Prepares and cuts many knowledge texts into words on two threads: the main thread and one helper.
// At 10,000 entries cutting is about half of indexing, so a large base builds in far less time; a small
// one never starts the helper.
//
// Everything stays synchronous for the caller, and the words are exactly those of the main thread's
// jieba (the helper's has the same dictionary):
// 1. The main thread prepares (folds) the texts chunk by chunk and hands them to the helper, keeping it
//    a few chunks ahead.
// 2. Both claim chunks from a shared counter. The main thread visits the chunks in order as soon as they
//    are cut, and cuts one itself whenever the next is not ready and the helper has enough to do, so
//    preparing and visiting overlap the helper's cutting.
// A helper that is still starting simply claims nothing; one that falls silent is replaced by the main
// thread cutting its chunks.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { userDictHistory } from "./segmenter.ts";
import { STOPWORDS } from "./stopwords.ts";

/**
 * From this many texts (500 entries) the helper is started. It takes a few hundred ms to start, so it
 * may join a first build late or not at all, but it is there for every reload after.
 */
const PARALLEL_FROM = 2_000;
const CHUNK = 128;
/** How many prepared chunks the helper may have waiting: enough that it never waits while this thread visits. */
const LOOKAHEAD = 3;
/** Without news from the helper for this long, the main thread cuts the rest itself. */
const HELPER_SILENCE_MS = 5_000;
/** Slots of the shared counters. */
const CLAIMED = 0;
const PREPARED = 1;
const PUBLISHED = 2;

interface ChunkWords {
  /** Term numbers of the chunk's texts, one after another. */
  ids: Int32Array;
  /** Where each text's numbers end in `ids`. */
  ends: Int32Array;
}

interface HelperMessage {
  chunk: number;
  newWords: string[];
  ids: Int32Array;
  ends: Int32Array;
}

class WordsHelper {
  readonly worker: Worker;
  broken = false;
  /** Settles once the helper's jieba is loaded (or it failed to start). */
  readonly ready: Promise<boolean>;
  /** How many of the main thread's user-dictionary lines the helper has been sent. */
  sentLines = 0;

  constructor() {
    this.worker = new Worker(new URL("./words-worker.mjs", import.meta.url), {
      workerData: { stopwords: [...STOPWORDS] },
      execArgv: [],
      // Nearly all it makes is jieba's words, dead within the chunk: a small nursery serves, and V8's
      // default one would grow by ~17 MB of fresh pages during a large base's first build.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    // Kept for later reloads, but never the reason the process stays up.
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      this.worker.once("message", () => resolve(true));
      this.worker.once("error", () => resolve(false));
      this.worker.once("exit", () => resolve(false));
    });
    this.worker.on("error", () => (this.broken = true));
    this.worker.on("exit", () => (this.broken = true));
  }
}

let helper: WordsHelper | undefined;

/** Starts the helper thread early (it takes a few hundred ms) when `texts` will be enough to use it. */
export function prepareWordsHelper(texts: number): void {
  if (texts >= PARALLEL_FROM && (!helper || helper.broken)) helper = new WordsHelper();
}

/** Resolves true once a started helper is ready to cut, false if there is none or it failed. */
export function wordsHelperReady(): Promise<boolean> {
  return helper && !helper.broken ? helper.ready : Promise.resolve(false);
}

/** Stops the helper thread (tests; the process never waits for it anyway). */
export async function stopWordsHelper(): Promise<void> {
  const stopping = helper;
  helper = undefined;
  await stopping?.worker.terminate();
}

export interface CutOptions {
  /** Use the helper thread if it is running; by default only for PARALLEL_FROM texts or more. */
  parallel?: boolean;
}

/**
 * Prepares text `index` with `prepare`, cuts it into words and calls `visit` with the text and its term
 * numbers (from `termId`: `ids[from]` to `ids[to - 1]`), for every index in order.
 */
export function cutInOrder(
  count: number,
  prepare: (index: number) => string,
  cut: (text: string) => string[],
  termId: (word: string) => number,
  visit: (index: number, text: string, ids: Int32Array, from: number, to: number) => void,
  options: CutOptions = {},
): { helperChunks: number } {
  const chunkCount = Math.ceil(count / CHUNK);
  /** Prepared texts per chunk, from its preparation until it is visited. */
  const chunkTexts: Array<string[] | undefined> = new Array<string[] | undefined>(chunkCount);
  const words: Array<ChunkWords | undefined> = Array.from({ length: chunkCount }, () => undefined);
  const shared = new Int32Array(new SharedArrayBuffer(12));
  const textsOf = (chunk: number): string[] => {
    let texts = chunkTexts[chunk];
    if (texts === undefined) {
      const from = chunk * CHUNK;
      texts = Array.from({ length: Math.min(count, from + CHUNK) - from }, (_, k) => prepare(from + k));
      chunkTexts[chunk] = texts;
    }
    return texts;
  };
  const cutHere = (chunk: number): ChunkWords => {
    const texts = textsOf(chunk);
    const ids: number[] = [];
    const ends = new Int32Array(texts.length);
    texts.forEach((text, k) => {
      for (const word of cut(text)) ids.push(termId(word));
      ends[k] = ids.length;
    });
    return { ids: Int32Array.from(ids), ends };
  };

  let port: MessagePort | undefined;
  const parallel = options.parallel ?? count >= PARALLEL_FROM;
  const useHelper = parallel && count > 0 && helper !== undefined && !helper.broken ? helper : undefined;
  let helperChunks = 0;
  if (useHelper) {
    const channel = new MessageChannel();
    port = channel.port1;
    const lines = userDictHistory();
    useHelper.worker.postMessage({ chunkCount, shared, port: channel.port2, userLines: lines.slice(useHelper.sentLines) }, [channel.port2]);
    useHelper.sentLines = lines.length;
  }

  try {
    // The helper's numbers are its own; each new word's term number is looked up once.
    const translation: number[] = [];
    const receive = (): boolean => {
      let any = false;
      for (let received = port && receiveMessageOnPort(port); received; received = port && receiveMessageOnPort(port)) {
        const message = received.message as HelperMessage;
        for (const word of message.newWords) translation.push(termId(word));
        const ids = message.ids;
        for (let k = 0; k < ids.length; k++) ids[k] = translation[ids[k]!]!;
        words[message.chunk] = { ids, ends: message.ends };
        helperChunks++;
        any = true;
      }
      return any;
    };

    let next = 0; // the next chunk to visit
    let prepared = 0; // chunks [0, prepared) are handed to the helper or claimed here
    let lastNews = performance.now();
    while (next < chunkCount) {
      const published = Atomics.load(shared, PUBLISHED); // read before receiving, so the wait below misses nothing
      if (receive()) lastNews = performance.now();
      // Keep the helper a few chunks ahead, no more: texts prepared long before they are cut would
      // outlive the young generation, and a large base would pay for them in fresh memory.
      if (port && prepared < chunkCount && prepared < Atomics.load(shared, CLAIMED) + LOOKAHEAD) {
        port.postMessage({ chunk: prepared, texts: textsOf(prepared) });
        Atomics.store(shared, PREPARED, ++prepared);
        Atomics.notify(shared, PREPARED);
        continue;
      }
      const ready = words[next];
      if (ready) {
        words[next] = undefined;
        const texts = chunkTexts[next]!;
        chunkTexts[next] = undefined;
        let start = 0;
        for (let k = 0; k < texts.length; k++) {
          visit(next * CHUNK + k, texts[k]!, ready.ids, start, ready.ends[k]!);
          start = ready.ends[k]!;
        }
        next++;
        continue;
      }
      const claimed = Atomics.add(shared, CLAIMED, 1);
      if (claimed < chunkCount) {
        // The helper claims only handed-over chunks, so one beyond them is this thread's to prepare.
        if (claimed >= prepared) Atomics.store(shared, PREPARED, (prepared = claimed + 1));
        words[claimed] = cutHere(claimed);
        continue;
      }
      // Every chunk is claimed and the next one is the helper's: wait for it, but not for ever.
      if (!port) {
        words[next] = cutHere(next);
        continue;
      }
      if (performance.now() - lastNews > HELPER_SILENCE_MS) {
        if (useHelper) useHelper.broken = true;
        port.close();
        port = undefined;
        continue;
      }
      Atomics.wait(shared, PUBLISHED, published, 50);
    }
  } finally {
    // Also when preparing or visiting threw: the helper stops claiming instead of waiting for chunks.
    Atomics.store(shared, CLAIMED, chunkCount);
    port?.close();
  }
  return { helperChunks };
}
