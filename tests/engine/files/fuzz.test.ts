// Seeded fuzzing of the parsers: damaged input may only ever end in a CaptureFileError.
// TAPLINE_FUZZ_ITERATIONS=100000 npx vitest run tests/engine/files/fuzz.test.ts for a long run.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, parseCapture, seededRandom, sharedCaptureFiles } from './support';

const ITERATIONS = Number(process.env.TAPLINE_FUZZ_ITERATIONS ?? 400);
const SEED = Number(process.env.TAPLINE_FUZZ_SEED ?? 20261203);
/** Values that length, count and id fields handle worst. */
const EXTREMES = [0, 1, 3, 8, 11, 12, 13, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc,
  0x01000000, 0x01000004, 0x00ffffff, 0x0000ffff];

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const pick = (random: () => number, below: number) => Math.floor(random() * below);

const mutations: Record<string, Mutation> = {
  flipBits(bytes, random) {
    const copy = Uint8Array.from(bytes);
    for (let flips = 1 + pick(random, 16); flips > 0; flips--) {
      copy[pick(random, copy.length)] ^= 1 << pick(random, 8);
    }
    return copy;
  },
  truncate(bytes, random) {
    return bytes.slice(0, pick(random, bytes.length));
  },
  extreme32(bytes, random) {
    const copy = Uint8Array.from(bytes);
    const view = new DataView(copy.buffer);
    const at = pick(random, Math.floor(copy.length / 4)) * 4;
    view.setUint32(at, EXTREMES[pick(random, EXTREMES.length)], random() < 0.5);
    return copy;
  },
  extreme16(bytes, random) {
    const copy = Uint8Array.from(bytes);
    const view = new DataView(copy.buffer);
    const at = pick(random, Math.floor(copy.length / 2)) * 2;
    view.setUint16(at, [0, 1, 0x8000, 0xfffc, 0xffff][pick(random, 5)], random() < 0.5);
    return copy;
  },
  splice(bytes, random) {
    const from = pick(random, bytes.length);
    const length = pick(random, 256);
    const to = pick(random, bytes.length);
    const copy = Uint8Array.from(bytes);
    copy.set(bytes.subarray(from, from + length).subarray(0, copy.length - to), to);
    return copy;
  },
};

describe.skipIf(!hasShared)(`fuzzing (${ITERATIONS} cases, seed ${SEED})`, () => {
  it('never throws anything but a CaptureFileError, never hangs, stays bounded', () => {
    const files = sharedCaptureFiles().map((file) => readFileSync(file));
    const names = Object.keys(mutations);
    const random = seededRandom(SEED);
    const memoryBefore = process.memoryUsage().arrayBuffers;
    const codes = new Map<string, number>();

    for (let round = 0; round < ITERATIONS; round++) {
      const source = files[pick(random, files.length)];
      const name = names[pick(random, names.length)];
      const bytes = mutations[name](source, random);
      const cuts = random() < 0.5 ? [] : Array.from({ length: pick(random, 20) },
        () => pick(random, bytes.length)).sort((a, b) => a - b);

      const started = performance.now();
      const result = parseCapture(bytes, cuts);
      const elapsed = performance.now() - started;
      const code = result.error?.code ?? 'none';
      codes.set(code, (codes.get(code) ?? 0) + 1);

      expect(elapsed, `case ${round} (${name}) took ${elapsed} ms`).toBeLessThan(2000);
      for (const record of result.records) {
        expect(record.data.length).toBe(record.capturedLength);
        expect(record.capturedLength).toBeLessThanOrEqual(bytes.length);
        expect(record.nanoseconds).toBeGreaterThanOrEqual(0);
        expect(record.nanoseconds).toBeLessThan(1e9);
      }
      if (result.error) expect(result.error.message).toMatch(/byte offset \d+/);
    }
    const grown = process.memoryUsage().arrayBuffers - memoryBefore;
    console.log(`fuzz outcomes: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });
});
