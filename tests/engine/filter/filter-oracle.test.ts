// Every expression of expressions.txt, on every shared capture regrouped by link type, selects
// exactly the packets Debian's tcpdump selects (`tcpdump -r F -w - EXPR`), run at test time.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../src/engine/filter/compile-filter';
import { compareWithTcpdump } from './compare';
import { corpora, hasSharedData } from './oracle';

const here = path.dirname(fileURLToPath(import.meta.url));

function listedExpressions(): string[] {
  const lines = readFileSync(path.join(here, 'expressions.txt'), 'utf8').split('\n');
  return ['', ...lines.filter((line) => line.trim() !== '' && !line.startsWith('#'))];
}

describe.skipIf(!hasSharedData)('filter expressions against tcpdump', () => {
  it('lists at least 150 expressions, each accepted by our compiler', () => {
    const expressions = listedExpressions();
    expect(expressions.length).toBeGreaterThanOrEqual(150);
    for (const expression of expressions) expect(() => compileFilter(expression)).not.toThrow();
  });

  it('selects the same packets as tcpdump on every capture', async () => {
    const { corpora: list, skipped } = corpora();
    for (const reason of skipped) console.log(`[filter] capture left out: ${reason}`);
    const report = await compareWithTcpdump(listedExpressions(), list);
    console.log(`[filter] ${report.summary}`);
    expect(report.disagreements).toEqual([]);
    expect(report.packetsCompared).toBeGreaterThan(100_000);
  }, 300_000);
});
