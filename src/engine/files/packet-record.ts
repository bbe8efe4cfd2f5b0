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
  /** pcapng if_tsoffset: seconds added to every timestamp of this interface. */
  readonly timestampOffset?: number;
  /** pcapng: index of the section (Section Header Block) that described it, from 0. */
  readonly section?: number;
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

/** What a pcapng Section Header Block says about the capture; empty for pcap. */
export interface SectionDetails {
  readonly sectionComment?: string;
  readonly hardware?: string;
  readonly os?: string;
  readonly userApplication?: string;
}

/** One entry of a pcapng Name Resolution Block: an address and the names it had. */
export interface NameRecord {
  readonly addressType: 'ipv4' | 'ipv6' | 'eui48' | 'eui64';
  /** The address bytes in network order (a copy: safe to keep). */
  readonly address: Uint8Array;
  readonly names: readonly string[];
}

/** A pcapng Interface Statistics Block. Counters are absent when the block omits them. */
export interface InterfaceStatistics {
  readonly interfaceId: number;
  readonly seconds: number;
  readonly nanoseconds: number;
  readonly received?: number;
  readonly droppedByInterface?: number;
  readonly acceptedByFilter?: number;
  readonly droppedByOs?: number;
  readonly deliveredToUser?: number;
  readonly comments?: readonly string[];
}

/** Receives what a parser finds, in file order. */
export interface CaptureSink {
  /** Once for pcap; once per section (Section Header Block) for pcapng. */
  format?(format: CaptureFormat, details: SectionDetails): void;
  interface?(captureInterface: CaptureInterface): void;
  packet(record: PacketRecord): void;
  /** pcapng Name Resolution Block records, one call per block. */
  names?(records: readonly NameRecord[]): void;
  statistics?(statistics: InterfaceStatistics): void;
}
