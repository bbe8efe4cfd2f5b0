// Writes packet records as a classic libpcap file, with micro- or nanosecond timestamps.

import { ChunkBuilder } from './chunk-builder';
import { CaptureWriteError, timeOutOfRange, unknownInterface } from './capture-write-error';
import type { CaptureInterface, PacketRecord } from './packet-record';
import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO } from './pcap-parser';

export interface PcapWriteOptions {
  /** Default: nanoseconds when any interface has a finer clock than microseconds. */
  readonly precision?: 'microseconds' | 'nanoseconds';
  /** Default true: the byte order of the machines that write most captures. */
  readonly littleEndian?: boolean;
}

/** libpcap's snaplen for "no limit", used when the source did not set one. */
const UNLIMITED_SNAPLEN = 262144;
const MAX_UINT32 = 0xffffffff;

/**
 * The file as chunks. pcap has one link type for the whole file, so interfaces of different
 * link types are refused (pcapng holds them). Records without a timestamp get time 0.
 */
export function* writePcap(
  interfaces: readonly CaptureInterface[], packets: Iterable<PacketRecord>,
  options: PcapWriteOptions = {},
): Generator<Uint8Array> {
  const writer = new PcapWriter(interfaces, options);
  for (const packet of packets) {
    writer.add(packet);
    yield* writer.take();
  }
  yield* writer.flush();
}

/** Writes a classic pcap file incrementally: the header at once, packets as they come. */
export class PcapWriter {
  private readonly out = new ChunkBuilder();
  private readonly known: Set<number>;
  private readonly nano: boolean;
  private readonly little: boolean;

  constructor(interfaces: readonly CaptureInterface[], options: PcapWriteOptions = {}) {
    const linkType = commonLinkType(interfaces);
    this.known = new Set(interfaces.map((found) => found.id));
    this.nano = (options.precision ??
      (interfaces.some((found) => found.ticksPerSecond > 1e6) ? 'nanoseconds' : 'microseconds'))
      === 'nanoseconds';
    const little = this.little = options.littleEndian ?? true;
    const snapLength = interfaces.some((found) => found.snapLength === 0)
      ? UNLIMITED_SNAPLEN
      : Math.max(...interfaces.map((found) => found.snapLength));

    const at = this.out.reserve(24);
    const header = this.out.view;
    header.setUint32(at, this.nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, little);
    header.setUint16(at + 4, 2, little);
    header.setUint16(at + 6, 4, little);
    header.setUint32(at + 8, 0, little);
    header.setUint32(at + 12, 0, little);
    header.setUint32(at + 16, snapLength, little);
    header.setUint32(at + 20, linkType, little);
  }

  add(packet: PacketRecord): void {
    if (!this.known.has(packet.interfaceId)) throw unknownInterface(packet.interfaceId);
    const seconds = packet.hasTimestamp ? packet.seconds : 0;
    if (seconds < 0 || seconds > MAX_UINT32) throw timeOutOfRange(seconds, 'pcap');
    const fraction = packet.hasTimestamp
      ? (this.nano ? packet.nanoseconds : Math.floor(packet.nanoseconds / 1000))
      : 0;
    const at = this.out.reserve(16 + packet.capturedLength);
    const view = this.out.view;
    const little = this.little;
    view.setUint32(at, seconds, little);
    view.setUint32(at + 4, fraction, little);
    view.setUint32(at + 8, packet.capturedLength, little);
    view.setUint32(at + 12, packet.originalLength, little);
    this.out.bytes.set(packet.data.subarray(0, packet.capturedLength), at + 16);
  }

  /** Full chunks, ready to write. */
  take(): Uint8Array[] {
    return this.out.take();
  }

  /** Every chunk written so far, the partly filled one included. */
  flush(): Uint8Array[] {
    return this.out.flush();
  }
}

function commonLinkType(interfaces: readonly CaptureInterface[]): number {
  if (interfaces.length === 0) {
    throw new CaptureWriteError('CAPTURE_NO_INTERFACE',
      'there is no interface to describe the packets: nothing can be written');
  }
  const types = [...new Set(interfaces.map((found) => found.linkType))];
  if (types.length > 1) {
    throw new CaptureWriteError('PCAP_MIXED_LINK_TYPES', `these packets have link types ` +
      `${types.join(' and ')}, but a pcap file holds only one: save as pcapng instead`);
  }
  return types[0];
}
