// Seeded differential fuzzer: random valid expressions select the same packets as tcpdump.
// TAPLINE_FUZZ_ITERATIONS sets how many (default 300), TAPLINE_FUZZ_SEED the seed.

import { describe, expect, it } from 'vitest';
import { compareWithTcpdump } from './compare';
import { FilterGrammar, seededRandom } from './fuzz-grammar';
import { corpora, hasSharedData } from './oracle';

const iterations = Number(process.env.TAPLINE_FUZZ_ITERATIONS ?? 300);
const seed = Number(process.env.TAPLINE_FUZZ_SEED ?? 20261203);

describe.skipIf(!hasSharedData)('filter fuzzer against tcpdump', () => {
  it(`agrees with tcpdump on ${iterations} random expressions (seed ${seed})`, async () => {
    const grammar = new FilterGrammar(seededRandom(seed));
    const expressions = Array.from({ length: iterations }, () => grammar.expression());
    const list = corpora().corpora;
    const ethernet = list.find((c) => c.linkType === 1)!;
    const others = list.filter((c) => c !== ethernet);
    // Ethernet every time, and one other link type in turn: two tcpdump runs per expression.
    const report = await compareWithTcpdump(expressions, list,
      (i) => [ethernet, others[i % others.length]]);
    console.log(`[filter fuzz] seed ${seed}: ${report.summary}`);
    expect(report.disagreements).toEqual([]);
  }, Math.max(120_000, iterations * 100));
});
