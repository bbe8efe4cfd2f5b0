// The IPv4 connection map behind relative TCP sequence numbers: every pair found again after
// the table has grown, pairs differing only in the top 16 bits or in order kept apart.

import { describe, expect, it } from 'vitest';
import { Ipv4ConnectionMap } from '../../../src/engine/decode/ipv4-connection-map';

const endpoint = (address: number, port: number): number => address * 65536 + port;

describe('Ipv4ConnectionMap', () => {
  it('finds 50,000 connections after growing, and only those', () => {
    const map = new Ipv4ConnectionMap<number>();
    for (let i = 0; i < 50_000; i++) {
      map.add(endpoint(0x7f00000a + (i % 4), 1024 + i), endpoint(0x7f000019, 25), i);
    }
    for (let i = 0; i < 50_000; i++) {
      expect(map.get(endpoint(0x7f00000a + (i % 4), 1024 + i), endpoint(0x7f000019, 25)))
        .toBe(i);
    }
    expect(map.get(endpoint(0x7f000019, 25), endpoint(0x7f00000a, 1024))).toBeUndefined();
  });

  it('keeps apart endpoints equal in their low 32 bits', () => {
    const map = new Ipv4ConnectionMap<string>();
    map.add(endpoint(0x00010000, 80), endpoint(1, 1), 'a');
    map.add(endpoint(0x00020000, 80), endpoint(1, 1), 'b');
    expect(map.get(endpoint(0x00010000, 80), endpoint(1, 1))).toBe('a');
    expect(map.get(endpoint(0x00020000, 80), endpoint(1, 1))).toBe('b');
    map.clear();
    expect(map.get(endpoint(0x00010000, 80), endpoint(1, 1))).toBeUndefined();
  });
});
