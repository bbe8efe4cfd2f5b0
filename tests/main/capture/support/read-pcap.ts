// Reads the classic pcap files tcpdump writes, so tests compare with the oracle's own output.

import { readFileSync } from 'node:fs';

export interface OraclePacket {
  seconds: number;
  /** Scaled to nanoseconds whatever the file's precision. */
  nanoseconds: number;
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
}

export interface OracleCapture {
  linkType: number;
  nanosecondFile: boolean;
  packets: OraclePacket[];
}

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;

/** Written for this machine's tcpdump (little-endian host); throws on anything else. */
export function readPcapFile(file: string): OracleCapture {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== MAGIC_MICRO && magic !== MAGIC_NANO) {
    throw new Error(`${file}: not a little-endian pcap file`);
  }
  const nanosecondFile = magic === MAGIC_NANO;
  const packets: OraclePacket[] = [];
  let at = 24;
  while (at + 16 <= bytes.length) {
    const capturedLength = view.getUint32(at + 8, true);
    if (at + 16 + capturedLength > bytes.length) break;
    const fraction = view.getUint32(at + 4, true);
    packets.push({
      seconds: view.getUint32(at, true),
      nanoseconds: nanosecondFile ? fraction : fraction * 1000,
      capturedLength,
      originalLength: view.getUint32(at + 12, true),
      data: bytes.subarray(at + 16, at + 16 + capturedLength),
    });
    at += 16 + capturedLength;
  }
  return { linkType: view.getUint32(20, true), nanosecondFile, packets };
}
