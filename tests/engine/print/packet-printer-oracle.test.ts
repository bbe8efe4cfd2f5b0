// Every shared capture printed by us and by Debian's tcpdump, live: the lines must be equal.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturesDir, hasSharedData } from '../../support/shared-data';
import { tcpdump } from '../../support/tcpdump';
import { optionsFromArgs, packetsOf, printCapture } from './print-support';

const captures = hasSharedData
  ? readdirSync(capturesDir).filter((name) => /\.(pcap|pcapng)$/.test(name)).sort()
  : [];

/** Default, then the flags that change the decode: -e, -q, -v, -vv, -S and a mix. */
const FLAG_SETS = [[], ['-e'], ['-q'], ['-v'], ['-vv'], ['-S'], ['-e', '-q', '-v']];

describe.skipIf(!hasSharedData)('printer against tcpdump -t -nn, shared captures', () => {
  it('finds the shared captures', () => {
    expect(captures.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of captures) {
    for (const flags of FLAG_SETS) {
      it(`${name} ${flags.join(' ') || '(default)'}`, () => {
        const path = join(capturesDir, name);
        const expected = packetsOf(tcpdump(['-t', '-nn', ...flags, '-r', path]));
        const ours = printCapture(path, optionsFromArgs(flags));
        expect(expected.length).toBeGreaterThan(0);
        expect(ours.length).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          expect(ours[i], `packet ${i + 1}`).toBe(expected[i]);
        }
      });
    }
  }
});
