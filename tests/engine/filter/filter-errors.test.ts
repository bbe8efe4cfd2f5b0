// Expressions tcpdump refuses are refused by us too, with libpcap's message and a position
// that points at what the message is about.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter, FilterError } from '../../../src/engine/filter/compile-filter';
import { randomTokens, seededRandom } from './fuzz-grammar';
import { corpora, hasSharedData, tcpdumpCompileErrors } from './oracle';

const tokenRuns = Number(process.env.TAPLINE_FUZZ_ITERATIONS ?? 400);
const tokenSeed = Number(process.env.TAPLINE_FUZZ_SEED ?? 20261203);

const here = path.dirname(fileURLToPath(import.meta.url));

function invalidExpressions(): Array<{ expression: string; position: number }> {
  return readFileSync(path.join(here, 'invalid-expressions.txt'), 'utf8').split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [expression, position] = line.split('\t');
      return { expression, position: Number(position) };
    });
}

/** tcpdump words bison's own failure differently from libpcap's; both mean a syntax error. */
function normalise(message: string): string {
  return message.replace(/^can't parse filter expression: /, '');
}

function ourError(expression: string): FilterError | undefined {
  try {
    compileFilter(expression);
    return undefined;
  } catch (error) {
    if (error instanceof FilterError) return error;
    throw error;
  }
}

describe('invalid filter expressions', () => {
  it('throw a FilterError with a code and the position of the problem', () => {
    const cases = invalidExpressions();
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const wrong: string[] = [];
    for (const { expression, position } of cases) {
      const error = ourError(expression);
      if (!error) wrong.push(`${JSON.stringify(expression)}: accepted`);
      else if (error.position !== position) {
        wrong.push(`${JSON.stringify(expression)}: position ${error.position}, ` +
          `expected ${position} (${error.message})`);
      } else if (error.code !== 'FILTER_SYNTAX' && error.code !== 'FILTER_SEMANTIC') {
        wrong.push(`${JSON.stringify(expression)}: code ${String(error.code)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.skipIf(!hasSharedData)('are refused by tcpdump with the same message', async () => {
    const ethernet = corpora().corpora.find((c) => c.linkType === 1)!;
    const cases = invalidExpressions();
    const theirs = await tcpdumpCompileErrors(cases.map((c) => [ethernet, c.expression]));
    const wrong: string[] = [];
    cases.forEach(({ expression }, i) => {
      const ours = ourError(expression);
      const message = theirs[i];
      if (message === undefined) wrong.push(`${JSON.stringify(expression)}: tcpdump accepts`);
      else if (ours?.message !== normalise(message)) {
        wrong.push(`${JSON.stringify(expression)}: ours "${ours?.message}", ` +
          `tcpdump "${message}"`);
      }
      const syntax = normalise(message ?? '').startsWith('syntax error');
      if (ours && syntax !== (ours.code === 'FILTER_SYNTAX')) {
        wrong.push(`${JSON.stringify(expression)}: code ${ours.code} for "${message}"`);
      }
    });
    console.log(`[filter] ${cases.length} invalid expressions, ${cases.length - wrong.length} ` +
      'refused by tcpdump and us with the same message');
    expect(wrong).toEqual([]);
  }, 60_000);

  it.skipIf(!hasSharedData)(`accept and refuse ${tokenRuns} random token sequences as ` +
    `tcpdump does, with its message (seed ${tokenSeed})`, async () => {
    const random = seededRandom(tokenSeed);
    const expressions = Array.from({ length: tokenRuns }, () => randomTokens(random));
    const ethernet = corpora().corpora.find((c) => c.linkType === 1)!;
    const theirs = await tcpdumpCompileErrors(expressions.map((e) => [ethernet, e]));
    const wrong: string[] = [];
    let refused = 0;
    expressions.forEach((expression, i) => {
      let message = theirs[i] === undefined ? undefined : normalise(theirs[i]!);
      // An always-false filter compiles for us and matches nothing (the oracle tests check).
      if (message === 'expression rejects all packets') message = undefined;
      if (message !== undefined) refused++;
      const ours = ourError(expression)?.message;
      if (ours !== message) {
        wrong.push(`${JSON.stringify(expression)}: ours "${ours}", tcpdump "${message}"`);
      }
    });
    console.log(`[filter] ${expressions.length} random token sequences, ${refused} refused ` +
      `by tcpdump, ${wrong.length} disagreements`);
    expect(wrong).toEqual([]);
  }, Math.max(120_000, tokenRuns * 50));

  it('refuses constructs per link type as libpcap does, without throwing at match time', () => {
    const vlan = compileFilter('vlan 100');
    expect(vlan.linkTypeError(113)?.message).toBe('no VLAN support for Linux cooked v1');
    expect(vlan.linkTypeError(1)).toBeUndefined();
    expect(vlan.matches(113, new Uint8Array(64), 64)).toBe(false);
    const ether = compileFilter('ether host 00:00:5e:00:53:10');
    expect(ether.linkTypeError(101)?.code).toBe('FILTER_SEMANTIC');
    expect(compileFilter('tcp').linkTypeError(147)?.message).toMatch(/link type 147/);
  });

  it('matches everything with an empty expression, even an empty packet', () => {
    const all = compileFilter('');
    expect(all.matches(1, new Uint8Array(0), 0)).toBe(true);
    expect(all.matches(229, new Uint8Array(3), 1000)).toBe(true);
    expect(compileFilter('  ').matches(1, new Uint8Array(0), 0)).toBe(true);
  });
});
