// The display filter through the header columns selects the same packets as the compiled
// filter on every packet's bytes: every shared capture, every listed expression, and 1M packets.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../src/engine/files/capture-parser';
import { compileFilter } from '../../src/engine/filter/compile-filter';
import { CaptureDocument } from '../../src/main/service/capture-document';
import { DisplayFilter } from '../../src/main/service/display-filter';
import { TaplineService } from '../../src/main/service/tapline-service';
import { capturesDir, hasSharedData, repoRoot, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

const LOOPBACK_1M = path.join(repoRoot, 'bench-data/loopback-1m.pcap');
const has1M = existsSync(LOOPBACK_1M);
if (!has1M) {
  console.warn(`[columns] skipping the 1M-packet test: ${LOOPBACK_1M} is absent ` +
    '(npx tsx scripts/bench/bench.ts builds it)');
}
const EXPRESSION = 'host 127.0.0.11 and port 25';

function listedExpressions(): string[] {
  const file = path.join(repoRoot, 'tests/engine/filter/expressions.txt');
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function matches(filter: DisplayFilter): number[] {
  return Array.from({ length: filter.displayed }, (_, row) => filter.packetIndex(row));
}

const captures = hasSharedData
  ? readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name)) : [];

describe.runIf(hasSharedData)('display filter through header columns', () => {
  it.each(captures)('%s: columns and bytes select the same packets', async (name) => {
    const { document, done } = await CaptureDocument.open(sharedCapture(name));
    await done;
    let fromColumns = 0;
    let planned = 0;
    for (const expression of [EXPRESSION, ...listedExpressions()]) {
      const columns = DisplayFilter.compile(expression);
      const bytes = DisplayFilter.compile(expression, false);
      await columns.extend(document);
      await bytes.extend(document);
      expect(matches(columns), expression).toEqual(matches(bytes));
      expect(columns.answered.columns + columns.answered.bytes).toBe(document.index.count);
      if (columns.usesColumns) planned++;
      fromColumns += columns.answered.columns;
    }
    console.log(`[columns] ${name}: ${planned} expressions planned, ` +
      `${fromColumns} packet answers from columns`);
    expect(planned).toBeGreaterThan(100);
    await document.close();
  }, 60_000);
});

/** 0-based indexes of the packets the compiled filter selects, reading the file as a stream. */
function compiledMatches(file: string, expression: string): number[] {
  const filter = compileFilter(expression);
  const found: number[] = [];
  let index = 0;
  const parser = createCaptureParser({
    packet: (r) => {
      if (filter.matches(r.linkType, r.data, r.originalLength)) found.push(index);
      index++;
    },
  });
  parser.push(new Uint8Array(readFileSync(file)));
  parser.end();
  return found;
}

describe.runIf(has1M)('display filter over 1M packets', () => {
  it(`${EXPRESSION}: the columns select what the bytes and tcpdump select`, async () => {
    const service = new TaplineService();
    const { loaded } = await service.openPath(LOOPBACK_1M);
    await loaded;
    const status = await service.applyFilter(EXPRESSION);
    console.log(`[columns] ${EXPRESSION} over ${status.packetCount} packets: ` +
      `${status.displayFilter?.displayed} shown, ${status.displayFilter?.milliseconds} ms`);
    await service.close();

    const { document, done } = await CaptureDocument.open(LOOPBACK_1M);
    await done;
    const columns = DisplayFilter.compile(EXPRESSION);
    await columns.extend(document);
    await document.close();
    const expected = compiledMatches(LOOPBACK_1M, EXPRESSION);
    const printed = tcpdump(['-nn', '-r', LOOPBACK_1M, EXPRESSION]).split('\n')
      .filter((line) => line !== '').length;

    expect(columns.answered.columns).toBe(1_000_000);
    expect(status.displayFilter?.displayed).toBe(printed);
    expect(columns.displayed).toBe(printed);
    expect(matches(columns)).toEqual(expected);
  }, 120_000);
});
