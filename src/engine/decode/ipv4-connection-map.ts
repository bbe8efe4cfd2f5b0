// A map from two IPv4 endpoints (address and port as one 48-bit number each) to a value,
// for the per-packet TCP lookups of relative sequence numbers: open addressing over typed
// arrays, so a lookup makes no heap numbers and hashes no Map keys.

const FIRST_SIZE = 1024;
const TWO_32 = 2 ** 32;

function hashOf(low: number, high: number): number {
  // `x | 0` keeps the low 32 bits of a 48-bit endpoint, the division its top 16.
  let hash = Math.imul((low | 0) ^ Math.imul((low / TWO_32) | 0, 0x9e3779b1), 0x85ebca6b);
  hash ^= Math.imul((high | 0) ^ Math.imul((high / TWO_32) | 0, 0x27d4eb2d), 0xc2b2ae35);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x2c1b3c6d) ^ (hash >>> 12);
}

export class Ipv4ConnectionMap<T> {
  private lows = new Float64Array(FIRST_SIZE);
  private highs = new Float64Array(FIRST_SIZE);
  private values: (T | undefined)[] = new Array<T | undefined>(FIRST_SIZE).fill(undefined);
  private count = 0;

  get(low: number, high: number): T | undefined {
    const mask = this.values.length - 1;
    for (let slot = hashOf(low, high) & mask; ; slot = (slot + 1) & mask) {
      const value = this.values[slot];
      if (value === undefined) return undefined;
      if (this.lows[slot] === low && this.highs[slot] === high) return value;
    }
  }

  /** Adds a pair not in the map yet (callers look it up first). */
  add(low: number, high: number, value: T): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    this.place(low, high, value);
    this.count += 1;
  }

  clear(): void {
    this.values.fill(undefined);
    this.count = 0;
  }

  private place(low: number, high: number, value: T): void {
    const mask = this.values.length - 1;
    let slot = hashOf(low, high) & mask;
    while (this.values[slot] !== undefined) slot = (slot + 1) & mask;
    this.lows[slot] = low;
    this.highs[slot] = high;
    this.values[slot] = value;
  }

  private grow(): void {
    const { lows, highs, values } = this;
    const size = values.length * 2;
    this.lows = new Float64Array(size);
    this.highs = new Float64Array(size);
    this.values = new Array<T | undefined>(size).fill(undefined);
    for (let slot = 0; slot < values.length; slot++) {
      const value = values[slot];
      if (value !== undefined) this.place(lows[slot], highs[slot], value);
    }
  }
}
