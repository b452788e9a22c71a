import { describe, expect, it } from "vitest";
import { KeyedQueue, LoopTurns } from "../../src/core/queue.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("per-conversation ordering", () => {
  it("runs one chat's messages in arrival order even when earlier ones are slower", async () => {
    const queue = new KeyedQueue();
    const done: number[] = [];
    await Promise.all(
      [30, 1, 10].map((delay, i) =>
        queue.run("web:a", async () => {
          await sleep(delay);
          done.push(i);
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2]);
  });

  it("lets different chats run in parallel", async () => {
    const queue = new KeyedQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run("web:slow", async () => {
        await sleep(40);
        done.push("slow");
      }),
      queue.run("web:fast", async () => {
        await sleep(1);
        done.push("fast");
      }),
    ]);
    expect(done).toEqual(["fast", "slow"]);
  });

  it("keeps going after a task fails and forgets idle keys", async () => {
    const queue = new KeyedQueue();
    await expect(
      queue.run("k", () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(queue.run("k", () => 42)).resolves.toBe(42);
    await queue.drain();
    await sleep(0);
    expect(queue.pending).toBe(0);
  });
});

describe("a few messages per turn of the event loop", () => {
  it("returns to the event loop between queued messages, so connections and timers are not held up", async () => {
    const queue = new KeyedQueue(new LoopTurns(3));
    const seen: string[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) => queue.run(`web:${i}`, () => void seen.push(`message ${i}`)));
    // Queued after all ten messages: without turns it would run only once every message had been handled.
    setImmediate(() => seen.push("event loop"));
    await Promise.all(tasks);
    expect(seen.indexOf("event loop")).toBeGreaterThan(-1);
    expect(seen.indexOf("event loop")).toBeLessThan(seen.indexOf("message 9"));
    expect(seen.filter((s) => s.startsWith("message"))).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`));
  });

  it("starts a message at once while this turn of the event loop has room, the rest in a later turn", async () => {
    const queue = new KeyedQueue(new LoopTurns(2));
    const seen: string[] = [];
    setImmediate(() => seen.push("event loop"));
    await Promise.all([0, 1, 2].map((i) => queue.run(`web:${i}`, () => void seen.push(`message ${i}`))));
    expect(seen).toEqual(["message 0", "message 1", "event loop", "message 2"]);
  });

  it("keeps one chat's messages in order and goes on after a failure", async () => {
    const queue = new KeyedQueue(new LoopTurns());
    const done: number[] = [];
    const failing = queue.run("web:a", () => {
      throw new Error("boom");
    });
    const rest = [1, 2, 3].map((i) => queue.run("web:a", () => void done.push(i)));
    await expect(failing).rejects.toThrow("boom");
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3]);
  });
});
