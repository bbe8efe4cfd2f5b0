// Per-packet IPv4 header fields kept in typed arrays, so a filter can run without the bytes.

/** What the columns know of a packet. */
export const HeaderKind = {
  /** Not IPv4 as the filter sees it, or cut short: only its bytes can answer. */
  UNKNOWN: 0,
  /** IPv4 whose ports are not there for a filter: a later fragment, or not TCP/UDP/SCTP. */
  IPV4: 1,
  /** IPv4 TCP, UDP or SCTP, fragment offset zero, both ports captured. */
  IPV4_PORTS: 2,
} as const;

/**
 * The arrays, one slot per packet: 14 bytes a packet (kind, IP protocol, two addresses,
 * two ports). `originalLengths` belongs to the packet index and is shared, for `less`.
 */
export interface HeaderColumnArrays {
  readonly kinds: Uint8Array;
  readonly protocols: Uint8Array;
  readonly sources: Uint32Array;
  readonly destinations: Uint32Array;
  readonly sourcePorts: Uint16Array;
  readonly destinationPorts: Uint16Array;
  readonly originalLengths: Uint32Array;
}

export const HEADER_COLUMN_BYTES = 1 + 1 + 4 + 4 + 2 + 2;
