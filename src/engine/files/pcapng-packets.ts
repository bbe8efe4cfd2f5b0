// Enhanced, Simple and (obsolete) Packet Blocks: each carries one packet record.

import { blockError, bodyEnd, padded, requireLength, type PcapngBlock } from './pcapng-block';
import { BlockType } from './pcapng-block-types';
import type { PcapngInterface } from './pcapng-interface';
import { readComments } from './pcapng-options';
import type { CaptureSink } from './packet-record';

const ENHANCED_FIXED_LENGTH = 32;
const SIMPLE_FIXED_LENGTH = 16;

/** Delivers the packet of an EPB or a PB (which has a 16-bit interface id and drop count). */
export function readTimedPacket(
  block: PcapngBlock, interfaces: readonly PcapngInterface[], sink: CaptureSink,
): void {
  requireLength(block, ENHANCED_FIXED_LENGTH);
  const { view, littleEndian, start } = block;
  const localId = block.type === BlockType.PACKET
    ? view.getUint16(start + 8, littleEndian)
    : view.getUint32(start + 8, littleEndian);
  const owner = interfaceOf(block, interfaces, localId);
  const capturedLength = view.getUint32(start + 20, littleEndian);
  const dataStart = start + 28;
  const optionsStart = dataStart + padded(capturedLength);
  if (optionsStart > bodyEnd(block)) {
    throw blockError(block, `captured length ${capturedLength} does not fit in a block of ` +
      `${block.totalLength} bytes`);
  }

  const clock = owner.clock;
  clock.convert(view.getUint32(start + 12, littleEndian), view.getUint32(start + 16, littleEndian));
  const comments = optionsStart < bodyEnd(block) ? readComments(block, optionsStart) : undefined;
  sink.packet({
    fileOffset: block.fileOffset + 28,
    interfaceId: owner.description.id,
    linkType: owner.description.linkType,
    hasTimestamp: true,
    seconds: clock.seconds,
    nanoseconds: clock.nanoseconds,
    capturedLength,
    originalLength: view.getUint32(start + 24, littleEndian),
    data: block.bytes.subarray(dataStart, dataStart + capturedLength),
    comments,
  });
}

/**
 * Delivers the packet of an SPB: interface 0 of the section, no timestamp, and a captured
 * length implied by the original length and the interface's snaplen (0 means no limit).
 */
export function readSimplePacket(
  block: PcapngBlock, interfaces: readonly PcapngInterface[], sink: CaptureSink,
): void {
  requireLength(block, SIMPLE_FIXED_LENGTH);
  const { view, littleEndian, start } = block;
  const owner = interfaceOf(block, interfaces, 0);
  const originalLength = view.getUint32(start + 8, littleEndian);
  const snapLength = owner.description.snapLength;
  const capturedLength = snapLength > 0 ? Math.min(originalLength, snapLength) : originalLength;
  const dataStart = start + 12;
  if (capturedLength > bodyEnd(block) - dataStart) {
    throw blockError(block, `captured length ${capturedLength} does not fit in a block of ` +
      `${block.totalLength} bytes`);
  }

  sink.packet({
    fileOffset: block.fileOffset + 12,
    interfaceId: owner.description.id,
    linkType: owner.description.linkType,
    hasTimestamp: false,
    seconds: 0,
    nanoseconds: 0,
    capturedLength,
    originalLength,
    data: block.bytes.subarray(dataStart, dataStart + capturedLength),
  });
}

/** The section's interface `localId`; a packet may only name one described before it. */
export function interfaceOf(
  block: PcapngBlock, interfaces: readonly PcapngInterface[], localId: number,
): PcapngInterface {
  const owner = interfaces[localId];
  if (owner) return owner;
  const known = interfaces.length === 0
    ? 'no Interface Description Block precedes it in its section'
    : `its section describes only ${interfaces.length} interface(s)`;
  throw blockError(block, `block names interface ${localId}, but ${known}`,
    'PCAPNG_NO_INTERFACE');
}
