// A map from non-zero 32-bit integers to non-negative integers, by open addressing in two typed arrays.
// Indexing looks up a character pair's term number about two million times for 10,000 entries; this
// does it in a third of the time a Map takes, and makes no garbage.

export class IntMap {
  private bits = 10;
  private keys = new Int32Array(1 << this.bits);
  private values = new Int32Array(1 << this.bits);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The value for `key`, or -1 when there is none. */
  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = this.slot(key); ; i = (i + 1) & mask) {
      const found = this.keys[i]!;
      if (found === key) return this.values[i]!;
      if (found === 0) return -1;
    }
  }

  set(key: number, value: number): void {
    if (key === 0) throw new RangeError("IntMap keys must not be 0");
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = this.slot(key); ; i = (i + 1) & mask) {
      const found = this.keys[i]!;
      if (found === key || found === 0) {
        if (found === 0) this.count++;
        this.keys[i] = key;
        this.values[i] = value;
        return;
      }
    }
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
  }

  private grow(): void {
    const { keys, values } = this;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits);
    this.values = new Int32Array(1 << this.bits);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.set(keys[i]!, values[i]!);
  }
}
