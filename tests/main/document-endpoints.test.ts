// document.endpoints: the hosts and ports of each shared capture, with how many packets
// carry each, equal to what tcpdump -nn prints for the same file.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/service/dispatcher';
import { TaplineService } from '../../src/main/service/tapline-service';
import type { FrequentEndpoints } from '../../src/shared/endpoints-api';
import { capturesDir, hasSharedData, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';

type Counts = Map<string, number>;

/** `198.51.100.110.38775` or `2001:db8::110.25`: the address, and the port when there is one. */
function splitEndpoint(text: string): { address: string; port?: string } {
  const ipv4 = text.includes(':') ? undefined : text.split('.');
  if (ipv4 && ipv4.length === 4) return { address: text };
  const dot = text.lastIndexOf('.');
  if (dot < 0) return { address: text };
  return { address: text.slice(0, dot), port: text.slice(dot + 1) };
}

function bump(counts: Counts, keys: Set<string>): void {
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** What tcpdump -nn's own lines say: per host and per port, the packets that name it. */
function tcpdumpEndpoints(file: string): { hosts: Counts; ports: Counts } {
  const hosts: Counts = new Map();
  const ports: Counts = new Map();
  for (const line of tcpdump(['-nn', '-r', file]).split('\n')) {
    const found = /^\S+ IP6? (\S+) > (\S+): /.exec(line);
    if (!found) continue;
    const [source, destination] = [splitEndpoint(found[1]), splitEndpoint(found[2])];
    bump(hosts, new Set([source.address, destination.address]));
    if (source.port && destination.port) bump(ports, new Set([source.port, destination.port]));
  }
  return { hosts, ports };
}

const captures = hasSharedData
  ? readdirSync(capturesDir).filter((name) => /\.pcap(ng)?$/.test(name)) : [];

async function endpointsOf(name: string, limit?: number): Promise<FrequentEndpoints> {
  const service = new TaplineService();
  const { loaded } = await service.openPath(sharedCapture(name));
  await loaded;
  const dispatch = createDispatcher(service, { mode: 'web', version: 'test' });
  return await dispatch('document.endpoints', limit ? { limit } : {}) as FrequentEndpoints;
}

describe.runIf(hasSharedData)('document.endpoints', () => {
  it.each(captures)('%s: the hosts and ports tcpdump prints, counted alike', async (name) => {
    const expected = tcpdumpEndpoints(sharedCapture(name));
    const found = await endpointsOf(name);
    expect(new Map(found.hosts.map((h) => [h.address, h.packets]))).toEqual(expected.hosts);
    expect(new Map(found.ports.map((p) => [String(p.port), p.packets]))).toEqual(expected.ports);
    expect(found.skipped).toBe(0);
    // Most frequent first.
    const counts = found.hosts.map((h) => h.packets);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('gives the relay capture\'s two hosts, and its ports with port 25 first', async () => {
    const found = await endpointsOf('01-seed-postfix-relay.pcap');
    expect(found.hosts.map((h) => h.address).sort())
      .toEqual(['198.51.100.110', '198.51.100.112']);
    expect(found.ports[0]).toEqual({ port: 25, packets: 15 });
    expect(found.counted).toBe(15);
  });

  it('keeps to the limit asked, the most frequent first', async () => {
    const all = await endpointsOf('08-two-ifaces.pcapng');
    const two = await endpointsOf('08-two-ifaces.pcapng', 1);
    expect(all.hosts.length).toBeGreaterThan(1);
    expect(two.hosts).toEqual(all.hosts.slice(0, 1));
    expect(two.ports).toEqual(all.ports.slice(0, 1));
  });

  it('refuses a limit above 200 and says so', async () => {
    await expect(endpointsOf('01-seed-postfix-relay.pcap', 201)).rejects
      .toThrow(/document.endpoints: invalid parameters at limit/);
  });

  it('says no file is open when none is', async () => {
    const dispatch = createDispatcher(new TaplineService(), { mode: 'web', version: 'test' });
    await expect(dispatch('document.endpoints', {})).rejects.toThrow(/no capture file is open/);
  });
});
