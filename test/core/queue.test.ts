import { describe, expect, it } from "vitest";
import { KeyedQueue } from "../../src/core/queue.ts";

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
