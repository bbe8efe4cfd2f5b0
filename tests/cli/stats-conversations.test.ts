// The conversation table behind `tapline stats`: numeric IPv4 keys and text keys share one
// numbering, both directions are one conversation, ties print in order of first sight, and
// past the limit packets are counted together.

import { describe, expect, it } from 'vitest';
import { LinkType, type PacketRecord } from '../../src/engine/files/packet-record';
import { CaptureSummary, MAX_CONVERSATIONS } from '../../src/cli/stats/capture-summary';
import { ConversationTable } from '../../src/cli/stats/conversation-table';
import { NO_PORT } from '../../src/cli/stats/protocol-classifier';

/** A raw IPv4 packet (link type 228) from `source` to `destination` with TCP ports. */
function ipv4Tcp(source: number[], sourcePort: number, destination: number[],
  destinationPort: number, seconds: number): PacketRecord {
  const data = new Uint8Array(40);
  data[0] = 0x45;
  data[9] = 6;
  data.set(source, 12);
  data.set(destination, 16);
  data.set([sourcePort >> 8, sourcePort & 0xff, destinationPort >> 8, destinationPort & 0xff],
    20);
  return {
    fileOffset: 0, interfaceId: 0, linkType: LinkType.IPV4, hasTimestamp: true, seconds,
    nanoseconds: 500, capturedLength: 40, originalLength: 40, data,
  };
}

describe('stats conversations', () => {
  it('joins both directions and reports the key with the text-wise lower endpoint first', () => {
    const summary = new CaptureSummary();
    // 127.0.0.9 is below 127.0.0.10 as a number but above it as text.
    summary.addPacket(ipv4Tcp([127, 0, 0, 9], 25, [127, 0, 0, 10], 40000, 10));
    summary.addPacket(ipv4Tcp([127, 0, 0, 10], 40000, [127, 0, 0, 9], 25, 12));
    const [row] = summary.conversations.top(10);
    expect(summary.conversations.count).toBe(1);
    expect(row.key).toBe('tcp 127.0.0.10:40000 <-> 127.0.0.9:25');
    expect(row.packets).toBe(2);
    expect(row.durationNanos).toBe(2_000_000_000n);
  });

  it('orders ties by first sight across IPv4 and text keys', () => {
    const table = new ConversationTable(10);
    table.addText('tcp [::1]:1 <-> [::2]:2', 100, 1, 0);
    table.addIpv4(17, 1, 53, 2, 5353, 100, 2, 0);
    table.addText('icmpv6 ::1 <-> ::2', 100, 3, 0);
    table.addIpv4(1, 3, NO_PORT, 4, NO_PORT, 300, 4, 0);
    expect(table.top(10).map((row) => row.key)).toEqual([
      'icmp 0.0.0.3 <-> 0.0.0.4', 'tcp [::1]:1 <-> [::2]:2', 'udp 0.0.0.1:53 <-> 0.0.0.2:5353',
      'icmpv6 ::1 <-> ::2',
    ]);
  });

  it('keeps every conversation apart while growing, and counts those past the limit', () => {
    const table = new ConversationTable(MAX_CONVERSATIONS);
    const extra = 25;
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < MAX_CONVERSATIONS + extra; index++) {
        table.addIpv4(6, 0x0a000000 + (index >> 8), index & 0xff, 0x0a800000, 80,
          index + 1, round, 0);
      }
    }
    expect(table.count).toBe(MAX_CONVERSATIONS);
    expect(table.other.packets).toBe(2 * extra);
    const [top] = table.top(1);
    // The last one counted, number 99,999: address 10.0.0.0 + 390 (10.0.1.134), port 159.
    expect(top.key).toBe('tcp 10.0.1.134:159 <-> 10.128.0.0:80');
    expect(top.packets).toBe(2);
    expect(top.bytes).toBe(2 * MAX_CONVERSATIONS);
  });
});
