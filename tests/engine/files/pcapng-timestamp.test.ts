// The tick-to-time conversion against exact BigInt arithmetic done here, independently.

import { describe, expect, it } from 'vitest';
import { TimestampClock } from '../../../src/engine/files/pcapng-timestamp';
import { seededRandom } from './support';

/** if_tsresol byte -> ticks per second, straight from the format's definition. */
function ticksPerSecond(resolution: number): bigint {
  const exponent = BigInt(resolution & 0x7f);
  return resolution & 0x80 ? 2n ** exponent : 10n ** exponent;
}

function reference(resolution: number, offset: number, high: number, low: number) {
  const ticks = (BigInt(high) << 32n) + BigInt(low);
  const perSecond = ticksPerSecond(resolution);
  return {
    seconds: Number(ticks / perSecond) + offset,
    nanoseconds: Number(((ticks % perSecond) * 1_000_000_000n) / perSecond),
  };
}

describe('pcapng timestamps', () => {
  const resolutions = [0, 3, 6, 9, 10, 11, 12, 15, 0x80, 0x8a, 0x94, 0x9e, 0xa0, 0xbf];

  for (const resolution of resolutions) {
    it(`if_tsresol 0x${resolution.toString(16)}: exact for any 64-bit tick count`, () => {
      const random = seededRandom(resolution + 1);
      const clock = new TimestampClock(resolution, 0);
      const highs = [0, 1, 0x1fffff, 0x200000, 0x17f0_0000, 0x7fffffff, 0xffffffff];
      for (let round = 0; round < 2000; round++) {
        const high = round < highs.length ? highs[round] : Math.floor(random() * 2 ** 32);
        const low = round % 3 === 0 ? 0xffffffff : Math.floor(random() * 2 ** 32);
        clock.convert(high, low);
        const expected = reference(resolution, 0, high, low);
        // Seconds beyond 2^53 cannot be exact as numbers; compare those only loosely.
        if (expected.seconds < 2 ** 53) {
          expect([clock.seconds, clock.nanoseconds]).toEqual([expected.seconds,
            expected.nanoseconds]);
        } else {
          expect(clock.seconds / expected.seconds).toBeCloseTo(1, 12);
        }
      }
    });
  }

  it('nanosecond stamps of today, above 2^53 ticks, keep every nanosecond', () => {
    const clock = new TimestampClock(9, 0);
    const ticks = 1_796_324_451_378_572_892n;
    clock.convert(Number(ticks >> 32n), Number(ticks & 0xffffffffn));
    expect([clock.seconds, clock.nanoseconds]).toEqual([1_796_324_451, 378_572_892]);
  });

  it('adds if_tsoffset, which may be negative', () => {
    for (const offset of [-86400, 1_000_000_000]) {
      const clock = new TimestampClock(6, offset);
      clock.convert(0x5f5, 0x12345678);
      expect([clock.seconds, clock.nanoseconds])
        .toEqual(Object.values(reference(6, offset, 0x5f5, 0x12345678)));
    }
  });
});
