// Pairs packets captured by Tapline with tcpdump's, in order, and checks bytes and stamps.

import { expect } from 'vitest';
import type { LivePacket, PacketBatch } from '../../../../src/main/capture';
import { packetsOf } from '../../../../src/main/capture';
import type { OraclePacket } from './read-pcap';

/** Copies a batch's packets out of its shared buffer. */
export function keepPackets(batch: PacketBatch, into: LivePacket[]): void {
  for (const packet of packetsOf(batch)) into.push({ ...packet, data: packet.data.slice() });
}

export interface Skew {
  /** Nanoseconds between our stamp and tcpdump's for the same packet. */
  readonly median: number;
  readonly worst: number;
}

/** Asserts the same packets with the same bytes; returns how far the stamps differ. */
export function expectSamePackets(ours: LivePacket[], oracle: OraclePacket[]): Skew {
  expect(ours.length).toBe(oracle.length);
  const skews: number[] = [];
  oracle.forEach((expected, index) => {
    const got = ours[index];
    expect(got.originalLength).toBe(expected.originalLength);
    expect(got.capturedLength).toBe(expected.capturedLength);
    expect(Buffer.from(got.data).equals(Buffer.from(expected.data))).toBe(true);
    const skew = Math.abs((got.seconds - expected.seconds) * 1e9
      + (got.nanoseconds - expected.nanoseconds));
    skews.push(skew);
  });
  skews.sort((a, b) => a - b);
  return { median: skews[skews.length >> 1] ?? 0, worst: skews[skews.length - 1] ?? 0 };
}
