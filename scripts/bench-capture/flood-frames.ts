// Builds the frames of the loopback flood: Ethernet/IPv4/UDP to 127.0.0.1, one port, as a
// pcap that tcpreplay sends in a loop. Checksums are left zero (UDP allows it over IPv4).

import type { CaptureInterface, PacketRecord } from '../../src/engine/files/packet-record';
import { writePcap } from '../../src/engine/files/pcap-writer';

const PAYLOAD_BYTES = 64;

function frame(port: number, sequence: number): Uint8Array {
  const udpLength = 8 + PAYLOAD_BYTES;
  const ipLength = 20 + udpLength;
  const bytes = new Uint8Array(14 + ipLength);
  const view = new DataView(bytes.buffer);
  view.setUint16(12, 0x0800);
  view.setUint8(14, 0x45);
  view.setUint16(16, ipLength);
  view.setUint16(18, sequence & 0xffff);
  view.setUint8(22, 64);
  view.setUint8(23, 17);
  view.setUint32(26, 0x7f000001);
  view.setUint32(30, 0x7f000001);
  let sum = 0;
  for (let i = 14; i < 34; i += 2) sum += view.getUint16(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  view.setUint16(24, ~sum & 0xffff);
  view.setUint16(34, 40000 + (sequence % 1000));
  view.setUint16(36, port);
  view.setUint16(38, udpLength);
  view.setUint32(42, sequence);
  return bytes;
}

/** `count` distinct frames as pcap chunks. */
export function floodPcap(port: number, count: number): Uint8Array[] {
  const captureInterface: CaptureInterface = {
    id: 0, linkType: 1, snapLength: 262144, ticksPerSecond: 1e6,
  };
  const records: PacketRecord[] = [];
  for (let i = 0; i < count; i++) {
    const data = frame(port, i);
    records.push({
      fileOffset: 0, interfaceId: 0, linkType: 1, hasTimestamp: true, seconds: 1,
      nanoseconds: i * 1000, capturedLength: data.length, originalLength: data.length, data,
    });
  }
  return [...writePcap([captureInterface], records)];
}
