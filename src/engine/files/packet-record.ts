// What a capture-file parser hands to its consumer: interfaces and packet records.

/** LINKTYPE_* values (https://www.tcpdump.org/linktypes.html) that Tapline decodes. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export type CaptureFormat = 'pcap' | 'pcapng';

/** One capture interface: the pcap file header, or one pcapng Interface Description Block. */
export interface CaptureInterface {
  readonly id: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  readonly filter?: string;
  readonly os?: string;
  /** Units per second of this interface's timestamps (1e6 for microseconds). */
  readonly ticksPerSecond: number;
}

/**
 * One captured packet. `data` is a view into the parser's buffer and is valid only during
 * the callback that receives it: copy it to keep it.
 */
export interface PacketRecord {
  /** Byte offset in the file (or stream) of the first captured byte. */
  readonly fileOffset: number;
  readonly interfaceId: number;
  readonly linkType: number;
  /** False for pcapng Simple Packet Blocks, which carry no timestamp. */
  readonly hasTimestamp: boolean;
  readonly seconds: number;
  /** 0 to 999,999,999. */
  readonly nanoseconds: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly data: Uint8Array;
  readonly comments?: readonly string[];
}

/** Receives what a parser finds, in file order. */
export interface CaptureSink {
  format?(format: CaptureFormat, details: { readonly sectionComment?: string }): void;
  interface?(captureInterface: CaptureInterface): void;
  packet(record: PacketRecord): void;
}
