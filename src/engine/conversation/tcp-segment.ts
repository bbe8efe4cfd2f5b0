// One TCP segment as reassembly sees it: addresses, ports, sequence space and options.

/** TCP header flag bits (RFC 9293 section 3.1). */
export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
} as const;

/** Options from the TCP header that the handshake facts and notes need. */
export interface TcpOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  /** TSval and TSecr (RFC 7323). */
  timestamp?: { readonly value: number; readonly echoReply: number };
  /** SACK blocks (RFC 2018) as [left edge, right edge) pairs. */
  sackBlocks?: ReadonlyArray<readonly [number, number]>;
}

export interface TcpSegment {
  /** 1-based position of the packet in the capture, as tshark and tcpdump count. */
  readonly frame: number;
  /** Seconds since the epoch, with the fraction. */
  readonly time: number;
  readonly ipVersion: 4 | 6;
  /** Printable address: dotted quad or RFC 5952 IPv6 text. */
  readonly source: string;
  readonly destination: string;
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly options: TcpOptions;
  /** Payload length on the wire, from the IP length fields. */
  readonly length: number;
  /**
   * The payload bytes that were captured, a copy; shorter than `length` when the snapshot
   * length cut the packet, and the difference is reported as missing bytes.
   */
  readonly payload: Uint8Array;
}

export function hasFlag(segment: TcpSegment, flag: number): boolean {
  return (segment.flags & flag) !== 0;
}
