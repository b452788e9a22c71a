// Serialises work per conversation key: one chat's messages run in order, different chats in parallel,
// a few messages per turn of the event loop.

// Taken when the module loads, so tests that fake timers later do not stop the queue.
const nextLoopTurn = setImmediate;

/**
 * Lets work start at most a few tasks per turn of the event loop. A message is handled synchronously once it
 * starts; without a limit, every request read in one poll of the sockets was handled before the loop turned
 * again, and since libuv 1.45 accepts one new connection per turn, a server saturated by 100 connections
 * took about ten new connections a second: a newcomer (or a flooder, whom the rate limit answers at once)
 * waited seconds in the kernel's accept queue before its request was even read. One task per turn would
 * let each turn's cheap answers (a 429 for every flooding connection) crowd out the messages; eight per turn
 * (about 5 ms of work) measured best in the HTTP bench: 100 connections accepted within a second, a
 * 20-connection flooder answered with 429s at ~1,500/s, the other users' p99 within 2× (bench/http.bench.ts).
 * The first tasks of a turn start at once; only those over the turn's share wait for the next turn (waiting
 * for a turn of the loop cost every message ~20 µs, when most turns of a quiet server see one message).
 */
export class LoopTurns {
  private readonly waiting: Array<() => void> = [];
  /** Tasks started since the loop last turned. */
  private started = 0;
  private scheduled = false;

  constructor(private readonly perTurn = 8) {}

  /** Resolves at once while this turn of the loop has room, else in a later turn; in order of asking. */
  next(): Promise<void> {
    this.schedule();
    if (this.waiting.length === 0 && this.started < this.perTurn) {
      this.started++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** At the next turn of the loop the count starts over, and the tasks waiting start (a turn's share of them). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    nextLoopTurn(() => {
      this.scheduled = false;
      // The tasks resumed here run in this callback's microtasks; the rest wait for the next turn.
      const resumed = this.waiting.splice(0, this.perTurn);
      this.started = resumed.length;
      for (const resolve of resumed) resolve();
      if (this.started > 0) this.schedule();
    });
  }
}

export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** `turns`: start at most a few tasks per event-loop turn (the assistant's queue); none: start at once. */
  constructor(private readonly turns?: LoopTurns) {}

  run<T>(key: string, task: () => Promise<T> | T): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const turns = this.turns;
    const start = turns ? () => turns.next().then(task) : task;
    const next = previous.then(start, start);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Drop the key once its chain is idle so the map doesn't grow with every chat ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  get pending(): number {
    return this.tails.size;
  }

  /** Resolves when every queued task has finished (used on shutdown). */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }
}
