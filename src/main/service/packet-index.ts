// The packet store's index: a few numbers per packet in typed arrays, never the bytes.

import type { PacketRecord } from '../../engine/files/packet-record';
import type { HeaderColumnArrays } from '../../engine/filter/columns/header-columns';
import { HeaderColumns } from './header-columns';

const INITIAL_CAPACITY = 1024;

/**
 * 44 bytes a packet: where its bytes are in the file, its lengths, its timestamp and its
 * interface (30), and the header columns a display filter reads instead of the bytes (14).
 * Packet bytes are read back from the file when a row or the hex pane needs them.
 */
export class PacketIndex {
  private capacity = INITIAL_CAPACITY;
  private fileOffsets = new Float64Array(INITIAL_CAPACITY);
  private capturedLengths = new Uint32Array(INITIAL_CAPACITY);
  private originalLengths = new Uint32Array(INITIAL_CAPACITY);
  private seconds = new Float64Array(INITIAL_CAPACITY);
  private nanoseconds = new Uint32Array(INITIAL_CAPACITY);
  private interfaceIds = new Uint16Array(INITIAL_CAPACITY);
  private readonly headers = new HeaderColumns(INITIAL_CAPACITY);
  count = 0;

  add(record: PacketRecord): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.fileOffsets[i] = record.fileOffset;
    this.capturedLengths[i] = record.capturedLength;
    this.originalLengths[i] = record.originalLength;
    this.seconds[i] = record.seconds;
    this.nanoseconds[i] = record.nanoseconds;
    this.interfaceIds[i] = record.interfaceId;
    this.headers.add(i, record.linkType, record.data, this.originalLengths);
  }

  /** The header columns of the first `count` packets; take them again after adding more. */
  headerColumns(): HeaderColumnArrays {
    return this.headers.view(this.originalLengths);
  }

  /** Index entries of packet `i` (0-based). */
  entry(i: number) {
    return {
      fileOffset: this.fileOffsets[i],
      capturedLength: this.capturedLengths[i],
      originalLength: this.originalLengths[i],
      seconds: this.seconds[i],
      nanoseconds: this.nanoseconds[i],
      interfaceId: this.interfaceIds[i],
    };
  }

  /** Seconds since the epoch, as a float (for the Time column, not for exact printing). */
  time(i: number): number {
    return this.seconds[i] + this.nanoseconds[i] / 1e9;
  }

  /** Bytes held per packet, for the memory figure of the benchmark. */
  static readonly BYTES_PER_PACKET = 8 + 4 + 4 + 8 + 4 + 2 + HeaderColumns.BYTES_PER_PACKET;

  private grow(): void {
    this.capacity *= 2;
    this.fileOffsets = resized(this.fileOffsets, new Float64Array(this.capacity));
    this.capturedLengths = resized(this.capturedLengths, new Uint32Array(this.capacity));
    this.originalLengths = resized(this.originalLengths, new Uint32Array(this.capacity));
    this.seconds = resized(this.seconds, new Float64Array(this.capacity));
    this.nanoseconds = resized(this.nanoseconds, new Uint32Array(this.capacity));
    this.interfaceIds = resized(this.interfaceIds, new Uint16Array(this.capacity));
  }
}

function resized<T extends Float64Array | Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
