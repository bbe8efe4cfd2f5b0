// The tcpdump conformance corpus: which cases we run, with which flags, and how we count.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from '../../support/shared-data';
import { tcpdump } from '../../support/tcpdump';
import { optionsFromArgs, printCapture } from './print-support';

export const conformanceDir = join(sharedRoot, 'conformance', 'tcpdump');

export interface ConformanceCase {
  name: string;
  pcap: string;
  /** tcpdump flags that change the decode, with -t in place of the timestamp flags. */
  args: string[];
}

/**
 * Flags dropped from a case: packet numbers and timestamps are printed by other code, and
 * so are the hex and ASCII dumps.
 */
const NOT_DECODING = /^(-#|-t+|--nano|-n|-x+|-X+|-A+)$/;

export function conformanceCases(): ConformanceCase[] {
  const lines = readFileSync(join(conformanceDir, 'manifest.tsv'), 'latin1').split('\n');
  const header = lines[0].split('\t');
  const column = (name: string): number => header.indexOf(name);
  return lines.slice(1).filter((line) => line.trim() !== '').map((line) => {
    const cells = line.split('\t');
    const args = cells[column('effective_args')].split(/\s+/).filter((arg) => arg !== '');
    return {
      name: cells[column('name')],
      pcap: cells[column('pcap')],
      args: args.filter((arg) => !NOT_DECODING.test(arg)),
    };
  });
}

export interface CaseResult {
  name: string;
  identical: number;
  total: number;
  firstDifference?: { line: number; tcpdump: string; ours: string };
}

/** Runs tcpdump and our printer on one case and counts equal output lines. */
export function runCase(item: ConformanceCase): CaseResult {
  const path = join(conformanceDir, item.pcap);
  const expected = tcpdump(['-t', '-nn', ...item.args, '-r', path]).split('\n');
  if (expected.at(-1) === '') expected.pop();
  const ours = printCapture(path, optionsFromArgs(item.args)).join('\n').split('\n');
  if (ours.length === 1 && ours[0] === '') ours.pop();
  let identical = 0;
  let firstDifference: CaseResult['firstDifference'];
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === ours[i]) identical++;
    else firstDifference ??= { line: i + 1, tcpdump: expected[i], ours: ours[i] ?? '<none>' };
  }
  return { name: item.name, identical, total: expected.length, firstDifference };
}
