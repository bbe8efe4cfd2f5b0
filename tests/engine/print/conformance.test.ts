// The tcpdump test-suite captures, printed by Debian's tcpdump live and by us: the number of
// identical lines may not drop below the floor kept in conformance-floor.json.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceCases, conformanceDir, runCase } from './conformance-support';

const floor = JSON.parse(
  readFileSync(join(import.meta.dirname, 'conformance-floor.json'), 'utf8'),
) as { identicalLines: number; identicalLinesOtherFlags: number };

/** The flag sets of the second measure: each case's capture under -e, -v, -vv, -q, -S. */
const OTHER_FLAGS = [['-e'], ['-v'], ['-vv'], ['-q'], ['-S'], ['-e', '-v']];
const present = existsSync(join(conformanceDir, 'manifest.tsv'));

describe.skipIf(!present)('tcpdump conformance corpus', () => {
  it('prints at least the floor of identical lines', () => {
    const results = conformanceCases().map(runCase);
    const identical = results.reduce((sum, result) => sum + result.identical, 0);
    const total = results.reduce((sum, result) => sum + result.total, 0);
    const perfect = results.filter((result) => result.identical === result.total).length;
    console.log(`[conformance] ${identical}/${total} lines identical; ` +
      `${perfect}/${results.length} cases entirely identical`);
    for (const result of results) {
      if (result.firstDifference && process.env.CONFORMANCE_DETAILS) {
        console.log(`[conformance] ${result.name}: ${result.identical}/${result.total}`,
          JSON.stringify(result.firstDifference));
      }
    }
    expect(results.length).toBeGreaterThan(50);
    expect(identical).toBeGreaterThanOrEqual(floor.identicalLines);
  });

  it('prints the same captures under other flags at least as well as the floor says', () => {
    const captures = [...new Set(conformanceCases().map((item) => item.pcap))];
    const results = captures.flatMap((pcap) =>
      OTHER_FLAGS.map((args) => runCase({ name: `${pcap} ${args.join(' ')}`, pcap, args })));
    const identical = results.reduce((sum, result) => sum + result.identical, 0);
    const total = results.reduce((sum, result) => sum + result.total, 0);
    console.log(`[conformance] other flags: ${identical}/${total} lines identical`);
    for (const result of results) {
      if (result.firstDifference && process.env.CONFORMANCE_DETAILS) {
        console.log(`[conformance] ${result.name}: ${result.identical}/${result.total}`,
          JSON.stringify(result.firstDifference));
      }
    }
    expect(total).toBeGreaterThan(10_000);
    expect(identical).toBeGreaterThanOrEqual(floor.identicalLinesOtherFlags);
  });
});
