// However a stream is cut into chunks, the parser must deliver exactly the same records.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  comparable, hasShared, parseCapture, seededRandom, sharedCaptureFiles, sharedRoot,
} from './support';

describe.skipIf(!hasShared)('chunking of every shared capture', () => {
  const files = sharedCaptureFiles();

  it('finds the shared captures', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    const name = path.relative(sharedRoot, file);
    it(`${name}: 1-byte chunks and random cuts give the one-chunk records`, () => {
      const bytes = readFileSync(file);
      const parsed = parseCapture(bytes);
      expect(parsed.error).toBeUndefined();
      const whole = comparable(parsed);

      const everyByte = Array.from({ length: bytes.length - 1 }, (_, at) => at + 1);
      expect(comparable(parseCapture(bytes, everyByte))).toEqual(whole);

      const random = seededRandom(bytes.length);
      for (let round = 0; round < 5; round++) {
        const cuts = Array.from({ length: 1 + Math.floor(random() * 40) },
          () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
        expect(comparable(parseCapture(bytes, cuts, round % 2 === 1))).toEqual(whole);
      }
    });
  }

  it('does not depend on the caller keeping a pushed chunk intact', () => {
    const bytes = readFileSync(path.join(sharedRoot, 'captures/08-two-ifaces.pcapng'));
    const cuts: number[] = [];
    for (let at = 1000; at < bytes.length; at += 1000) cuts.push(at);
    const whole = comparable(parseCapture(bytes));
    expect(comparable(parseCapture(bytes, cuts, true))).toEqual(whole);
  });
});
