// Fills one packet's slot of the header columns from its captured bytes (RFC 791 offsets).

import { HeaderKind, type HeaderColumnArrays } from './header-columns';
import { ipv4Offset } from './ipv4-offset';

const TCP = 6;
const UDP = 17;
const SCTP = 132;

/**
 * Writes slot `i`. A packet is IPv4 here only when every byte a supported filter test reads
 * was captured (the addresses, and the ports where a port test would read them), so the
 * columns never have to imitate the compiled filter's out-of-bounds rule.
 */
export function extractHeader(linkType: number, d: Uint8Array, columns: HeaderColumnArrays,
  i: number): void {
  const at = ipv4Offset(linkType, d);
  if (at < 0 || at + 20 > d.length) {
    columns.kinds[i] = HeaderKind.UNKNOWN;
    return;
  }

  const protocol = d[at + 9];
  columns.protocols[i] = protocol;
  columns.sources[i] = word(d, at + 12);
  columns.destinations[i] = word(d, at + 16);

  const laterFragment = ((d[at + 6] & 0x1f) | d[at + 7]) !== 0;
  if (laterFragment || (protocol !== TCP && protocol !== UDP && protocol !== SCTP)) {
    columns.kinds[i] = HeaderKind.IPV4;
    return;
  }
  // The filter takes the header length from IHL as it stands, even a bogus one: so do we.
  const ports = at + 4 * (d[at] & 0x0f);
  if (ports + 4 > d.length) {
    columns.kinds[i] = HeaderKind.UNKNOWN;
    return;
  }
  columns.kinds[i] = HeaderKind.IPV4_PORTS;
  columns.sourcePorts[i] = (d[ports] << 8) | d[ports + 1];
  columns.destinationPorts[i] = (d[ports + 2] << 8) | d[ports + 3];
}

function word(d: Uint8Array, at: number): number {
  return ((d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3]) >>> 0;
}
