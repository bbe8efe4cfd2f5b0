// The Save dialog's range field: packet numbers as the list shows them, or a plain reason.

import { describe, expect, it } from 'vitest';
import { parsePacketRange } from '../../src/renderer/src/components/save/packet-range';

describe('parsePacketRange', () => {
  it.each([
    ['1-100', { first: 1, last: 100 }],
    [' 7 - 9 ', { first: 7, last: 9 }],
    ['42', { first: 42, last: 42 }],
    ['3–5', { first: 3, last: 5 }],
  ])('reads %j', (text, range) => {
    expect(parsePacketRange(text)).toEqual(range);
  });

  it.each([
    ['', /is not a range/],
    ['1-', /is not a range/],
    ['a-b', /"a-b" is not a range/],
    ['1,5', /is not a range/],
    ['0-4', /numbered from 1/],
    ['9-3', /9-3 runs backwards: did you mean 3-9/],
  ])('explains %j', (text, reason) => {
    const parsed = parsePacketRange(text);
    expect('error' in parsed && parsed.error).toMatch(reason);
  });
});
