// Writes packet records as one pcapng section: SHB, one IDB per interface, EPBs.

import { ChunkBuilder } from './chunk-builder';
import { timeOutOfRange, unknownInterface } from './capture-write-error';
import { BlockType, BYTE_ORDER_MAGIC } from './pcapng-block-types';
import { padded } from './pcapng-block';
import { OPTION_COMMENT } from './pcapng-options';
import type { CaptureInterface, PacketRecord, SectionDetails } from './packet-record';
import { encodeUtf8 } from './utf8';

export interface PcapngWriteOptions {
  readonly section?: SectionDetails;
  /** Default true. */
  readonly littleEndian?: boolean;
}

type Option = readonly [code: number, value: Uint8Array];

const SHB_HARDWARE = 2;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FILTER = 11;
const IF_OS = 12;
const MAX_UINT32 = 0xffffffff;
/** Where a packet's bytes start in its block: block header, then the fixed body fields. */
const EPB_DATA_OFFSET = 8 + 20;
const SPB_DATA_OFFSET = 8 + 4;

/** How an interface's timestamps are written: if_tsresol as a power of ten. */
interface OutputClock {
  readonly index: number;
  readonly resolution: number;
  readonly ticksPerSecond: number;
  readonly nanosPerTick: number;
  readonly snapLength: number;
}

/**
 * The file as chunks. Times are written absolute (if_tsoffset is already in the records).
 * Each interface keeps its resolution when it is a power of ten down to nanoseconds; other
 * clocks are written in nanoseconds, the finest a record holds. A record without timestamp
 * becomes a Simple Packet Block when the format allows (interface 0, length cut only by the
 * snaplen), otherwise an EPB at time 0, since pcapng has no untimed EPB. Name resolution,
 * statistics and custom blocks are not written: the records and interfaces do not hold them.
 */
export function* writePcapng(
  interfaces: readonly CaptureInterface[], packets: Iterable<PacketRecord>,
  options: PcapngWriteOptions = {},
): Generator<Uint8Array> {
  const writer = new PcapngWriter(interfaces, options);
  for (const packet of packets) {
    writer.add(packet);
    yield* writer.take();
  }
  yield* writer.flush();
}

/**
 * Writes one section incrementally, for a file that grows as packets arrive (the live
 * capture's spool): the section header and interfaces at once, then packets as they come.
 */
export class PcapngWriter {
  private readonly out = new ChunkBuilder();
  private readonly little: boolean;
  private readonly clocks = new Map<number, OutputClock>();

  constructor(interfaces: readonly CaptureInterface[], options: PcapngWriteOptions = {}) {
    const little = this.little = options.littleEndian ?? true;
    const out = this.out;
    const details = options.section ?? {};
    writeBlock(out, little, BlockType.SECTION_HEADER, 16, (view, at) => {
      view.setUint32(at, BYTE_ORDER_MAGIC, little);
      view.setUint16(at + 4, 1, little);
      view.setUint16(at + 6, 0, little);
      // Section length -1: not given, so the section may be of any length.
      view.setUint32(at + 8, MAX_UINT32, little);
      view.setUint32(at + 12, MAX_UINT32, little);
    }, textOptions([[OPTION_COMMENT, details.sectionComment], [SHB_HARDWARE, details.hardware],
      [SHB_OS, details.os], [SHB_USERAPPL, details.userApplication ?? 'Tapline']]));

    interfaces.forEach((found, index) => {
      const clock = outputClock(found, index);
      this.clocks.set(found.id, clock);
      const filter = found.filter === undefined ? undefined
        : Uint8Array.of(0, ...encodeUtf8(found.filter));
      writeBlock(out, little, BlockType.INTERFACE_DESCRIPTION, 8, (view, at) => {
        view.setUint16(at, found.linkType, little);
        view.setUint16(at + 2, 0, little);
        view.setUint32(at + 4, found.snapLength, little);
      }, [
        ...textOptions([[IF_NAME, found.name], [IF_DESCRIPTION, found.description]]),
        ...(filter ? [[IF_FILTER, filter] as const] : []),
        ...textOptions([[IF_OS, found.os]]),
        [IF_TSRESOL, Uint8Array.of(clock.resolution)],
      ]);
    });
  }

  /** Adds a packet; returns the offset in the output where its captured bytes start. */
  add(packet: PacketRecord): number {
    const clock = this.clocks.get(packet.interfaceId);
    if (!clock) throw unknownInterface(packet.interfaceId);
    const comments = textOptions((packet.comments ?? []).map((text) => [OPTION_COMMENT, text]));
    const blockStart = this.out.position;
    if (fitsSimplePacket(packet, clock, comments)) {
      writeSimplePacket(this.out, this.little, packet);
      return blockStart + SPB_DATA_OFFSET;
    }
    writeEnhancedPacket(this.out, this.little, packet, clock, comments);
    return blockStart + EPB_DATA_OFFSET;
  }

  /** Output bytes so far, header included. */
  get position(): number {
    return this.out.position;
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

function outputClock(found: CaptureInterface, index: number): OutputClock {
  const exponent = Math.round(Math.log10(found.ticksPerSecond));
  const resolution = exponent >= 0 && exponent <= 9 && 10 ** exponent === found.ticksPerSecond
    ? exponent : 9;
  const ticksPerSecond = 10 ** resolution;
  return {
    index, resolution, ticksPerSecond, nanosPerTick: 1e9 / ticksPerSecond,
    snapLength: found.snapLength,
  };
}

function fitsSimplePacket(packet: PacketRecord, clock: OutputClock, comments: Option[]) {
  if (packet.hasTimestamp || clock.index !== 0 || comments.length > 0) return false;
  const cut = clock.snapLength > 0
    ? Math.min(packet.originalLength, clock.snapLength) : packet.originalLength;
  return cut === packet.capturedLength;
}

function writeSimplePacket(out: ChunkBuilder, little: boolean, packet: PacketRecord): void {
  const length = packet.capturedLength;
  writeBlock(out, little, BlockType.SIMPLE_PACKET, 4 + padded(length), (view, at) => {
    view.setUint32(at, packet.originalLength, little);
    out.bytes.set(packet.data.subarray(0, length), at + 4);
  }, []);
}

function writeEnhancedPacket(
  out: ChunkBuilder, little: boolean, packet: PacketRecord, clock: OutputClock,
  comments: Option[],
): void {
  const seconds = packet.hasTimestamp ? packet.seconds : 0;
  if (seconds < 0 || seconds > MAX_UINT32) throw timeOutOfRange(seconds, 'pcapng');
  const fraction = packet.hasTimestamp ? Math.floor(packet.nanoseconds / clock.nanosPerTick) : 0;
  const [high, low] = ticks(seconds, fraction, clock.ticksPerSecond);
  const length = packet.capturedLength;
  writeBlock(out, little, BlockType.ENHANCED_PACKET, 20 + padded(length), (view, at) => {
    view.setUint32(at, clock.index, little);
    view.setUint32(at + 4, high, little);
    view.setUint32(at + 8, low, little);
    view.setUint32(at + 12, length, little);
    view.setUint32(at + 16, packet.originalLength, little);
    out.bytes.set(packet.data.subarray(0, length), at + 20);
  }, comments);
}

/**
 * seconds * perSecond + fraction as two 32-bit words, exactly: the product reaches 2^62,
 * beyond a double's 2^53, so seconds is split in 16-bit halves.
 */
export function ticks(seconds: number, fraction: number, perSecond: number): [number, number] {
  const upper = Math.floor(seconds / 65536) * perSecond;
  const lower = (seconds % 65536) * perSecond + fraction;
  const upperHigh = Math.floor(upper / 65536);
  const lowerHigh = Math.floor(lower / 2 ** 32);
  let low = (upper % 65536) * 65536 + (lower - lowerHigh * 2 ** 32);
  const carry = Math.floor(low / 2 ** 32);
  low -= carry * 2 ** 32;
  return [upperHigh + lowerHigh + carry, low];
}

/** An option value's length field has 16 bits. */
const MAX_OPTION_LENGTH = 0xffff;

/** Text options that are set, UTF-8 encoded; text beyond 64 KiB is cut, as it cannot fit. */
function textOptions(entries: ReadonlyArray<readonly [number, string | undefined]>): Option[] {
  return entries.filter((entry): entry is [number, string] => entry[1] !== undefined)
    .map(([code, text]) => [code, encodeUtf8(text).subarray(0, MAX_OPTION_LENGTH)] as const);
}

/**
 * One block: header, `bodyLength` bytes filled by `fill` (which receives the view and index
 * of the body), options ended by opt_endofopt, trailing length.
 */
function writeBlock(
  out: ChunkBuilder, little: boolean, type: number, bodyLength: number,
  fill: (view: DataView, at: number) => void, options: readonly Option[],
): void {
  let optionsLength = 0;
  for (const [, value] of options) optionsLength += 4 + padded(value.length);
  if (options.length > 0) optionsLength += 4;
  const total = 12 + bodyLength + optionsLength;

  const start = out.reserve(total);
  const view = out.view;
  out.bytes.fill(0, start, start + total);
  view.setUint32(start, type, little);
  view.setUint32(start + 4, total, little);
  fill(view, start + 8);
  let at = start + 8 + bodyLength;
  for (const [code, value] of options) {
    view.setUint16(at, code, little);
    view.setUint16(at + 2, value.length, little);
    out.bytes.set(value, at + 4);
    at += 4 + padded(value.length);
  }
  // opt_endofopt is all zeros, already written by the fill above.
  view.setUint32(start + total - 4, total, little);
}
