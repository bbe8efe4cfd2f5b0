// `tapline read FILE EXPRESSION` against `tcpdump -r FILE EXPRESSION`: the same packets,
// numbered (-#) and timed (-ttt) among the printed ones only, and the same refusals.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli } from './helpers/cli';
import { capturesDir, linesOf, sharedDataMissing, tcpdump } from './helpers/oracle';

const skip = sharedDataMissing();
const expressions = [
  'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0',
  'port 25 and greater 1000',
  'ip6 or arp',
  'src host 198.51.100.112 and not port 22',
  'tcp and len < 100',
];

describe.skipIf(skip)('tapline read with a filter expression', () => {
  let cli: BuiltCli;
  beforeAll(() => { cli = buildCli(); });
  afterAll(() => cli?.dispose());

  const files = skip ? [] : readdirSync(capturesDir).filter((n) => /\.pcap(ng)?$/.test(n));
  for (const name of files) {
    it(name, () => {
      const file = path.join(capturesDir, name);
      let printed = 0;
      for (const expression of expressions) {
        const args = ['-#', '-nn', '-ttt', '-c', '40'];
        const theirs = tcpdump([...args, '-r', file, expression]);
        const ours = runCli(cli, ['read', ...args, file, expression]);
        expect(ours.status, ours.stderr).toBe(theirs.status);
        // Which packets, their numbers and their deltas; the text after them is the
        // printer's, checked line by line elsewhere.
        const heads = (text: string): string[] => linesOf(text)
          .filter((line) => /^ {0,4}\d+ {2}/.test(line))
          .map((line) => line.slice(0, 24));
        expect(heads(ours.stdout), `${name}: ${expression}`).toEqual(heads(theirs.stdout));
        printed += heads(theirs.stdout).length;
      }
      expect(printed).toBeGreaterThan(0);
    });
  }

  it('refuses a bad expression as tcpdump does, with the reason', () => {
    const file = path.join(capturesDir, '01-seed-postfix-relay.pcap');
    for (const expression of ['tcp port', 'port 70000', 'host']) {
      const theirs = tcpdump(['-r', file, expression]);
      const ours = runCli(cli, ['read', file, expression]);
      expect(theirs.status).toBe(1);
      expect(ours.status).toBe(1);
      expect(ours.stdout).toBe('');
      expect(ours.stderr).toMatch(/CLI_BAD_FILTER/);
    }
  });
});
