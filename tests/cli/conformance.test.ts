// The tcpdump suite's cases (../shared/conformance/tcpdump/manifest.tsv): Debian's tcpdump
// and `tapline read` run live with each case's effective arguments; identical lines counted.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, identicalLines, runCliAsync, type BuiltCli } from './helpers/cli';
import { raiseFloors, readFloors } from './helpers/floors';
import {
  conformanceDir, linesOf, mapLimited, repoRoot, runProgramAsync, sharedDataMissing,
} from './helpers/oracle';

const skip = sharedDataMissing();
const floorFile = path.join(repoRoot, 'tests', 'cli', 'conformance-floor.json');
const TOTAL = '(total)';

interface Case {
  name: string;
  pcap: string;
  args: string[];
}

function manifest(): Case[] {
  const [header, ...rows] = linesOf(readFileSync(path.join(conformanceDir, 'manifest.tsv'),
    'utf8'));
  const columns = header.split('\t');
  const column = (row: string[], name: string): string => row[columns.indexOf(name)] ?? '';
  return rows.map((line) => line.split('\t')).map((row) => ({
    name: column(row, 'name'),
    pcap: column(row, 'pcap'),
    args: column(row, 'effective_args').split(/\s+/).filter(Boolean),
  }));
}

describe.skipIf(skip)('tcpdump conformance cases, ours vs Debian tcpdump', () => {
  let cli: BuiltCli;
  beforeAll(() => { cli = buildCli(); });
  afterAll(() => cli?.dispose());

  it('keeps identical lines at or above the floor', async () => {
    const floors = readFloors(floorFile);
    const counts: Record<string, number> = {};
    const rows: string[] = [];
    let same = 0;
    let total = 0;
    let exact = 0;
    const cases = manifest();
    expect(cases.length).toBeGreaterThan(90);

    const runs = await mapLimited(cases, 4, async (testCase) => {
      const file = path.join(conformanceDir, testCase.pcap);
      const [theirs, ours] = await Promise.all([
        runProgramAsync('tcpdump', [...testCase.args, '-r', file]),
        runCliAsync(cli, ['read', ...testCase.args, '-r', file]),
      ]);
      return { testCase, expected: linesOf(theirs.stdout), ours };
    });
    for (const { testCase, expected, ours } of runs) {
      const count = identicalLines(linesOf(ours.stdout), expected);
      counts[testCase.name] = count;
      same += count;
      total += expected.length;
      if (count === expected.length && linesOf(ours.stdout).length === expected.length) exact++;
      rows.push(`${testCase.name.padEnd(40)} ${String(count).padStart(4)} / ` +
        `${String(expected.length).padStart(4)}  exit ${ours.status}`);
    }
    counts[TOTAL] = same;
    console.log([`case${' '.repeat(37)}same / tcpdump`, ...rows,
      `${TOTAL.padEnd(40)} ${same} / ${total} lines; ${exact} of ${cases.length} cases exact`,
    ].join('\n'));
    raiseFloors(floorFile, counts);

    for (const [name, floor] of Object.entries(floors)) {
      expect(counts[name] ?? 0, `${name}: identical lines fell below the floor`)
        .toBeGreaterThanOrEqual(floor);
    }
  });
});
