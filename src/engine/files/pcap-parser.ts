// Classic libpcap files: a 24-byte header, then a 16-byte header before each packet.
// Format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/

import { CaptureFileError } from './capture-file-error';
import type { CaptureInterface, CaptureSink } from './packet-record';
import { StreamBuffer } from './stream-buffer';

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/**
 * Larger captured lengths are taken as damage rather than allocated. libpcap's own limit is
 * 256 KiB for most link types; 16 MiB leaves room for odd writers and still bounds memory.
 */
export const MAX_RECORD_LENGTH = 16 * 1024 * 1024;

/** libpcap's largest snapshot length for the link types Tapline reads. */
const LIBPCAP_MAX_SNAPLEN = 262144;

export class PcapParser {
  private readonly buffer = new StreamBuffer();
  private littleEndian = true;
  private nanosecondTicks = false;
  private captureInterface?: CaptureInterface;
  private snapshotLength = LIBPCAP_MAX_SNAPLEN;

  constructor(private readonly sink: CaptureSink) {}

  push(chunk: Uint8Array): void {
    this.buffer.append(chunk);
    if (this.captureInterface || this.readFileHeader()) this.readRecords();
    this.buffer.detach();
  }

  end(): void {
    const left = this.buffer.available;
    if (!this.captureInterface) {
      throw new CaptureFileError('PCAP_BAD_HEADER', 0,
        `file ends inside the pcap file header (${left} of ${FILE_HEADER_LENGTH} bytes)`);
    }
    if (left > 0) {
      throw new CaptureFileError('PCAP_TRUNCATED_RECORD', this.buffer.offset,
        `file ends inside a packet record (${left} bytes left over): it was probably cut ` +
        'short while being written or copied', 'packet record');
    }
  }

  private readFileHeader(): boolean {
    const buffer = this.buffer;
    if (buffer.available < FILE_HEADER_LENGTH) return false;
    const view = buffer.view();
    const at = buffer.position;
    const magicBig = view.getUint32(at, false);
    const magicLittle = view.getUint32(at, true);
    if (magicLittle === PCAP_MAGIC_MICRO || magicLittle === PCAP_MAGIC_NANO) {
      this.littleEndian = true;
    } else if (magicBig === PCAP_MAGIC_MICRO || magicBig === PCAP_MAGIC_NANO) {
      this.littleEndian = false;
    } else {
      throw new CaptureFileError('PCAP_BAD_HEADER', 0, 'not a pcap file (unknown magic number)');
    }
    const magic = this.littleEndian ? magicLittle : magicBig;
    this.nanosecondTicks = magic === PCAP_MAGIC_NANO;

    const snapLength = view.getUint32(at + 16, this.littleEndian);
    // The upper bits of the link-type field carry FCS information, not the link type.
    const linkType = view.getUint32(at + 20, this.littleEndian) & 0x0fffffff;
    buffer.consume(FILE_HEADER_LENGTH);

    // As libpcap does, a snapshot length of 0 or beyond its maximum means the maximum.
    this.snapshotLength = snapLength === 0 || snapLength > LIBPCAP_MAX_SNAPLEN
      ? LIBPCAP_MAX_SNAPLEN : snapLength;
    this.captureInterface = {
      id: 0,
      linkType,
      snapLength,
      ticksPerSecond: this.nanosecondTicks ? 1e9 : 1e6,
    };
    this.sink.format?.('pcap', {});
    this.sink.interface?.(this.captureInterface);
    return true;
  }

  private readRecords(): void {
    const buffer = this.buffer;
    const linkType = this.captureInterface!.linkType;
    const little = this.littleEndian;
    const tickToNano = this.nanosecondTicks ? 1 : 1000;
    let view = buffer.view();
    let viewOf = buffer.bytes;

    while (buffer.available >= RECORD_HEADER_LENGTH) {
      if (viewOf !== buffer.bytes) {
        view = buffer.view();
        viewOf = buffer.bytes;
      }
      const at = buffer.position;
      const capturedLength = view.getUint32(at + 8, little);
      if (capturedLength > MAX_RECORD_LENGTH) {
        throw new CaptureFileError('PCAP_BAD_RECORD', buffer.offset,
          `packet record claims ${capturedLength} captured bytes, more than the ` +
          `${MAX_RECORD_LENGTH} any capture holds`, 'packet record');
      }
      if (buffer.available < RECORD_HEADER_LENGTH + capturedLength) return;

      const start = at + RECORD_HEADER_LENGTH;
      // libpcap hands over at most the file's snapshot length and skips the rest of a longer
      // record; tcpdump, and so Tapline, then sees the packet cut there.
      const kept = Math.min(capturedLength, this.snapshotLength);
      let seconds = view.getUint32(at, little);
      let nanoseconds = view.getUint32(at + 4, little) * tickToNano;
      if (nanoseconds >= 1e9) {
        // Some writers let the fraction overflow; carrying keeps the record's contract.
        seconds += Math.floor(nanoseconds / 1e9);
        nanoseconds %= 1e9;
      }
      this.sink.packet({
        fileOffset: buffer.offset + RECORD_HEADER_LENGTH,
        interfaceId: 0,
        linkType,
        hasTimestamp: true,
        seconds,
        nanoseconds,
        capturedLength: kept,
        originalLength: view.getUint32(at + 12, little),
        data: buffer.bytes.subarray(start, start + kept),
      });
      buffer.consume(RECORD_HEADER_LENGTH + capturedLength);
    }
  }
}
