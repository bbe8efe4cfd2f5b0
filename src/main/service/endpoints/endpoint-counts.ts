// How many packets carry each host and each port, counted from the index's header columns
// and, for packets the columns do not describe, from a bounded number of packets' bytes.

import { HeaderKind } from '../../../engine/filter/columns/header-columns';
import { ipEndpoints } from '../../../engine/decode/ip-endpoints';
import type { FrequentEndpoints } from '../../../shared/endpoints-api';
import type { CaptureDocument } from '../capture-document';

/** Packets whose bytes may be read for a document, in all: IPv6 is cheap only while rare. */
export const MAX_BYTE_READS = 100_000;
/** Packets without columns at most this far apart are read from the file in one piece. */
const READ_GAP = 64;
const MAX_PORT = 65_535;

export class EndpointCounts {
  private readonly ipv4 = new Map<number, number>();
  private readonly ipv6 = new Map<string, number>();
  private readonly ports = new Uint32Array(MAX_PORT + 1);
  private counted = 0;
  private byteReads = 0;
  private skipped = 0;

  /** Counts the packets the document gained since the last call. */
  async extend(document: CaptureDocument): Promise<void> {
    const end = document.index.count;
    const start = this.counted;
    if (start >= end) return;
    const columns = document.index.headerColumns();
    const { kinds, sources, destinations, sourcePorts, destinationPorts } = columns;
    for (let i = start; i < end; i++) {
      const kind = kinds[i];
      if (kind === HeaderKind.UNKNOWN) continue;
      this.addIpv4(sources[i], destinations[i]);
      if (kind === HeaderKind.IPV4_PORTS) this.addPorts(sourcePorts[i], destinationPorts[i]);
    }
    this.counted = end;
    await this.readUnknown(document, kinds, start, end);
  }

  /** The `limit` most frequent hosts and ports; ties go to the lower address or port. */
  top(limit: number): FrequentEndpoints {
    // Only the hosts kept are turned into text: a scan may have met a great many.
    const ipv4 = [...this.ipv4].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit)
      .map(([address, packets]) => ({ address: dotted(address), packets }));
    const ipv6 = [...this.ipv6].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit).map(([address, packets]) => ({ address, packets }));
    const hosts = [...ipv4, ...ipv6].sort((a, b) => b.packets - a.packets);
    const ports: { port: number; packets: number }[] = [];
    for (let port = 0; port <= MAX_PORT; port++) {
      if (this.ports[port] > 0) ports.push({ port, packets: this.ports[port] });
    }
    ports.sort((a, b) => b.packets - a.packets || a.port - b.port);
    return {
      hosts: hosts.slice(0, limit), ports: ports.slice(0, limit),
      counted: this.counted, skipped: this.skipped,
    };
  }

  /** Packets start..end-1 the columns left unknown, read in runs, until the bound. */
  private async readUnknown(document: CaptureDocument, kinds: Uint8Array, start: number,
    end: number): Promise<void> {
    let i = start;
    while (i < end) {
      if (kinds[i] !== HeaderKind.UNKNOWN) {
        i++;
        continue;
      }
      if (this.byteReads >= MAX_BYTE_READS) {
        this.skipped++;
        i++;
        continue;
      }
      let last = i;
      const limit = Math.min(end, i + MAX_BYTE_READS - this.byteReads);
      for (let j = i + 1; j < limit && j - last <= READ_GAP; j++) {
        if (kinds[j] === HeaderKind.UNKNOWN) last = j;
      }
      for (const { number, record } of await document.packets(i, last - i + 1)) {
        if (kinds[number - 1] !== HeaderKind.UNKNOWN) continue;
        this.byteReads++;
        this.addBytes(record.linkType, record.data);
      }
      i = last + 1;
    }
  }

  private addBytes(linkType: number, data: Uint8Array): void {
    const found = ipEndpoints(linkType, data);
    if (!found) return;
    if (found.version === 4) this.addIpv4(found.source, found.destination);
    else {
      this.ipv6.set(found.source, (this.ipv6.get(found.source) ?? 0) + 1);
      if (found.destination !== found.source) {
        this.ipv6.set(found.destination, (this.ipv6.get(found.destination) ?? 0) + 1);
      }
    }
    if (found.ports) this.addPorts(found.ports[0], found.ports[1]);
  }

  // A packet from a host to itself, or between equal ports, counts once.
  private addIpv4(source: number, destination: number): void {
    this.ipv4.set(source, (this.ipv4.get(source) ?? 0) + 1);
    if (destination !== source) {
      this.ipv4.set(destination, (this.ipv4.get(destination) ?? 0) + 1);
    }
  }

  private addPorts(source: number, destination: number): void {
    this.ports[source]++;
    if (destination !== source) this.ports[destination]++;
  }
}

function dotted(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}
