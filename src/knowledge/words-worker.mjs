// The indexing helper thread (see parallel-words.ts): cuts chunks of knowledge texts into words with its
// own jieba, claiming each chunk from a counter it shares with the main thread, as soon as the main
// thread has prepared it. Words go back as numbers in a vocabulary of this job, so each word's text
// crosses between the threads once: making strings is most of what cutting costs.
// Plain JavaScript: see word-cutter.mjs.
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { cutWords } from "./word-cutter.mjs";

const CLAIMED = 0;
const PREPARED = 1;
const PUBLISHED = 2;

const jieba = Jieba.withDict(dict);
const stopwords = new Set(workerData.stopwords);
parentPort.postMessage("ready");

parentPort.on("message", (job) => {
  const { chunkCount, shared, port, userLines } = job;
  // The main thread's jieba has loaded these words too, so both cut every text the same way.
  if (userLines.length > 0) jieba.loadDict(Buffer.from(userLines.join("\n")));
  const vocabulary = new Map();
  for (;;) {
    const chunk = Atomics.load(shared, CLAIMED);
    if (chunk >= chunkCount) break;
    const prepared = Atomics.load(shared, PREPARED);
    if (chunk >= prepared) {
      Atomics.wait(shared, PREPARED, prepared, 50);
      continue;
    }
    if (Atomics.compareExchange(shared, CLAIMED, chunk, chunk + 1) !== chunk) continue; // the main thread took it
    // Prepared chunks were posted in order before the counter moved, so this one has arrived; the ones
    // before it were claimed already, here or by the main thread. Only the chunk at hand is received, so
    // texts waiting their turn stay in the port rather than in this thread's heap.
    let chunkTexts;
    while (chunkTexts === undefined) {
      const received = receiveMessageOnPort(port);
      if (!received) throw new Error(`indexing helper: chunk ${chunk} was announced but never arrived`);
      if (received.message.chunk === chunk) chunkTexts = received.message.texts;
    }
    const newWords = [];
    const ids = [];
    const ends = new Int32Array(chunkTexts.length);
    chunkTexts.forEach((text, k) => {
      for (const word of cutWords(jieba, text, stopwords)) {
        let id = vocabulary.get(word);
        if (id === undefined) {
          id = vocabulary.size;
          vocabulary.set(word, id);
          newWords.push(word);
        }
        ids.push(id);
      }
      ends[k] = ids.length;
    });
    const packed = Int32Array.from(ids);
    port.postMessage({ chunk, newWords, ids: packed, ends }, [packed.buffer, ends.buffer]);
    // Wakes the main thread if it is waiting for this chunk.
    Atomics.add(shared, PUBLISHED, 1);
    Atomics.notify(shared, PUBLISHED);
  }
  port.close();
});
