// What the filter bar offers for the word being typed, from a real capture's endpoints.

import { describe, expect, it } from 'vitest';
import { suggestions } from '../../src/renderer/src/components/filter/filter-completion';
import { TaplineService } from '../../src/main/service/tapline-service';
import type { FrequentEndpoints } from '../../src/shared/endpoints-api';
import { hasSharedData, sharedCapture } from '../support/shared-data';

async function endpointsOf(name: string): Promise<FrequentEndpoints> {
  const service = new TaplineService();
  const { loaded } = await service.openPath(sharedCapture(name));
  await loaded;
  return service.endpoints.frequent();
}

const labels = (text: string, endpoints: FrequentEndpoints | null, history: string[] = []) =>
  suggestions(text, endpoints, history).map((s) => s.label);

describe.runIf(hasSharedData)('filter completion', () => {
  it('completes hosts after host, src, dst and net, most frequent first', async () => {
    const found = await endpointsOf('08-two-ifaces.pcapng');
    expect(labels('host 198.', found)).toEqual(['198.51.100.110', '198.51.100.112']);
    expect(labels('tcp and (dst 198.51.100.11', found))
      .toEqual(['198.51.100.110', '198.51.100.112']);
    expect(labels('not host fe', found)).toEqual(['fe80::200:5eff:fe00:5312']);
    // After src, the direction's keywords come first, then every host.
    expect(labels('src ', found).slice(0, 5))
      .toEqual(['host', 'net', 'port', 'portrange', '127.0.0.1']);
    expect(suggestions('host 198.', found, [])[0].text).toBe('host 198.51.100.110 ');
    // Ethernet addresses are not in the list, so none is offered for them.
    expect(labels('ether host ', found)).toEqual([]);
    expect(labels('ether src host ', found)).toEqual([]);
    expect(labels('ether src ', found)).toEqual(['host', 'net', 'port', 'portrange']);
  });

  it('completes ports after port, and keywords elsewhere', async () => {
    const found = await endpointsOf('01-seed-postfix-relay.pcap');
    expect(labels('port ', found)[0]).toBe('25');
    expect(labels('host 198.51.100.112 and port 2', found)).toEqual(['25']);
    expect(labels('tcp and po', found)).toEqual(['port', 'portrange']);
    expect(labels('ic', found)).toEqual(['icmp', 'icmp6', 'icmp[icmptype] = icmp-echo']);
    expect(labels('not tcp[', found)).toEqual(['tcp[tcpflags] & (tcp-syn|tcp-fin) != 0']);
    // A finished word is not offered again, and nothing follows a value.
    expect(labels('port 25', found)).toEqual([]);
    expect(labels('host 198.51.100.112 ', found)).toEqual([]);
  });

  it('offers past filters that begin with the text, keywords without a capture', () => {
    const history = ['host 10.0.0.1 and port 53', 'tcp[13] & 2 != 0'];
    expect(labels('', null, history)).toEqual(history);
    expect(labels('host', null, history)).toEqual(['host 10.0.0.1 and port 53']);
    expect(labels('host 10', null, history)).toEqual(['host 10.0.0.1 and port 53']);
    expect(labels('gre', null)).toEqual(['greater']);
  });
});
