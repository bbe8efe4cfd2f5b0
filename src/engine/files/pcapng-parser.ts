// pcapng stream parser: frames blocks, tracks sections and interfaces, hands out records.
// Format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/

import { CaptureFileError } from './capture-file-error';
import type { PcapngBlock } from './pcapng-block';
import { BlockType, blockTypeName } from './pcapng-block-types';
import { readInterface, type PcapngInterface } from './pcapng-interface';
import { readNameRecords } from './pcapng-name-resolution';
import { readSimplePacket, readTimedPacket } from './pcapng-packets';
import { readSection, sectionByteOrder } from './pcapng-section';
import { readStatistics } from './pcapng-statistics';
import type { CaptureSink } from './packet-record';
import { StreamBuffer } from './stream-buffer';

/** The smallest block: type, total length, trailing total length. */
const MIN_BLOCK_LENGTH = 12;
/** Longer blocks are taken as damage rather than buffered, which bounds memory. */
export const MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

export class PcapngParser {
  private readonly buffer = new StreamBuffer();
  private readonly block: PcapngBlock = {
    type: 0, bytes: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)),
    start: 0, totalLength: 0, littleEndian: true, fileOffset: 0,
  };
  private section = -1;
  /** Interfaces of the current section, by their id within it. */
  private interfaces: PcapngInterface[] = [];
  /** Interfaces described by earlier sections; ids run on across sections. */
  private interfacesBefore = 0;
  private failure?: CaptureFileError;

  constructor(private readonly sink: CaptureSink) {}

  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.buffer.append(chunk);
    try {
      this.readBlocks();
      this.buffer.detach();
    } catch (error) {
      if (error instanceof CaptureFileError) this.failure = error;
      throw error;
    }
  }

  end(): void {
    if (this.failure) throw this.failure;
    const left = this.buffer.available;
    if (left === 0 && this.section >= 0) return;
    const buffer = this.buffer;
    const little = this.block.littleEndian;
    const type = left >= 4 ? blockTypeName(buffer.view().getUint32(buffer.position, little)) : '';
    const where = type === '' ? 'a block header' : 'a block';
    this.failure = left === 0
      ? new CaptureFileError('PCAPNG_BAD_BLOCK', 0, 'the file is empty', 'SHB')
      : new CaptureFileError('PCAPNG_TRUNCATED_BLOCK', buffer.offset,
        `file ends inside ${where} (${left} bytes left over): it was probably cut short ` +
        'while being written or copied', type || undefined);
    throw this.failure;
  }

  private readBlocks(): void {
    const buffer = this.buffer;
    const block = this.block;
    let viewOf: Uint8Array | undefined;
    while (buffer.available >= 8) {
      if (viewOf !== buffer.bytes) {
        viewOf = buffer.bytes;
        block.bytes = viewOf;
        block.view = buffer.view();
      }
      const at = buffer.position;
      const type = block.view.getUint32(at, block.littleEndian);
      if (type === BlockType.SECTION_HEADER) {
        if (buffer.available < 12) return;
        block.littleEndian = sectionByteOrder(block.view, at, buffer.offset);
      } else if (this.section < 0) {
        throw new CaptureFileError('PCAPNG_BAD_BLOCK', buffer.offset,
          'a pcapng file must start with a Section Header Block', blockTypeName(type));
      }
      block.type = type;
      block.start = at;
      block.fileOffset = buffer.offset;
      block.totalLength = block.view.getUint32(at + 4, block.littleEndian);
      this.checkLength(block);
      if (buffer.available < block.totalLength) return;

      const trailing = block.view.getUint32(at + block.totalLength - 4, block.littleEndian);
      if (trailing !== block.totalLength) {
        throw this.lengthError(block, `its trailing length ${trailing} differs from its ` +
          `leading length ${block.totalLength}`);
      }
      this.readBlock(block);
      buffer.consume(block.totalLength);
    }
  }

  private checkLength(block: PcapngBlock): void {
    const length = block.totalLength;
    if (length < MIN_BLOCK_LENGTH) {
      throw this.lengthError(block, `its length ${length} is below the minimum of 12`);
    }
    if (length % 4 !== 0) {
      throw this.lengthError(block, `its length ${length} is not a multiple of 4`);
    }
    if (length > MAX_BLOCK_LENGTH) {
      throw this.lengthError(block, `its length ${length} exceeds the ${MAX_BLOCK_LENGTH}-byte ` +
        'limit on one block');
    }
  }

  private lengthError(block: PcapngBlock, why: string): CaptureFileError {
    return new CaptureFileError('PCAPNG_BAD_BLOCK', block.fileOffset,
      `damaged block: ${why}`, blockTypeName(block.type));
  }

  private readBlock(block: PcapngBlock): void {
    const sink = this.sink;
    switch (block.type) {
      case BlockType.ENHANCED_PACKET:
      case BlockType.PACKET:
        return readTimedPacket(block, this.interfaces, sink);
      case BlockType.SIMPLE_PACKET:
        return readSimplePacket(block, this.interfaces, sink);
      case BlockType.INTERFACE_DESCRIPTION:
        return this.describeInterface(block);
      case BlockType.SECTION_HEADER:
        return this.startSection(block);
      // Names and statistics are read only for a sink that asks: indexing needs neither,
      // so damage inside them goes unnoticed there.
      case BlockType.NAME_RESOLUTION:
        if (sink.names) sink.names(readNameRecords(block));
        return;
      case BlockType.INTERFACE_STATISTICS:
        if (sink.statistics) sink.statistics(readStatistics(block, this.interfaces));
        return;
      default:
        // Custom blocks and types from later drafts carry nothing Tapline shows.
        return;
    }
  }

  private startSection(block: PcapngBlock): void {
    const details = readSection(block);
    this.section++;
    this.interfacesBefore += this.interfaces.length;
    this.interfaces = [];
    this.sink.format?.('pcapng', details);
  }

  private describeInterface(block: PcapngBlock): void {
    const id = this.interfacesBefore + this.interfaces.length;
    const captureInterface = readInterface(block, id, this.section);
    this.interfaces.push(captureInterface);
    this.sink.interface?.(captureInterface.description);
  }
}
