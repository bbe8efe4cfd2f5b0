// The context menu's expressions for real packets, checked with tcpdump: each selects the
// packet it was made from, and the conversation's selects exactly its TCP connection.

import { describe, expect, it } from 'vitest';
import { packetFilters } from '../../src/renderer/src/components/packet-list/packet-filters';
import { TaplineService } from '../../src/main/service/tapline-service';
import { hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

async function filtersOf(name: string, number: number) {
  const service = new TaplineService();
  const { loaded } = await service.openPath(sharedCapture(name));
  await loaded;
  return packetFilters(await service.packetDetail(number));
}

/** Packet numbers tcpdump -# selects with the expression. */
function selected(name: string, expression: string): number[] {
  return tcpdump(['-#', '-nn', '-r', sharedCapture(name), expression]).trim().split('\n')
    .map((line) => Number(/^\s*(\d+)/.exec(line)?.[1]));
}

describe.runIf(hasSharedData)('packet context menu filters', () => {
  it('IPv4 TCP: hosts, ports and the conversation of packet 4 of the relay', async () => {
    const found = await filtersOf('01-seed-postfix-relay.pcap', 4);
    expect(found).toEqual({
      source: '198.51.100.112', destination: '198.51.100.110', ports: [25, 55166],
      conversation: 'host 198.51.100.112 and host 198.51.100.110 and port 25 and port 55166',
      tcp: true,
    });
    expect(selected('01-seed-postfix-relay.pcap', found.conversation!)).toHaveLength(15);
  });

  it('IPv6: the conversation selects the session, not the neighbour discovery', async () => {
    const found = await filtersOf('06-ipv6.pcap', 3);
    expect(found.source).toBe('2001:db8::110');
    const conversation = selected('06-ipv6.pcap', found.conversation!);
    expect(conversation).toContain(3);
    expect(conversation).toEqual(selected('06-ipv6.pcap', 'tcp port 60210'));
  });

  it('ARP: no IP, so no host, port or conversation items', async () => {
    const found = await filtersOf('08-two-ifaces.pcapng', 2);
    expect(found).toEqual({ ports: [], tcp: false, source: undefined,
      destination: undefined, conversation: undefined });
  });
});
