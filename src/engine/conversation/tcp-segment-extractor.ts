// Turns a captured packet into a TcpSegment, or nothing when it carries no whole TCP header.

import { ipv4String, ipv6String } from '../decode/address';
import { DecodeContext } from '../decode/decode-context';
import { locateTcp } from '../decode/tcp-locate';
import type { PacketRecord } from '../files/packet-record';
import { parseTcpOptions } from './tcp-options';
import type { TcpSegment } from './tcp-segment';

const TCP_MIN_HEADER_LENGTH = 20;

/**
 * One context for every call: extraction is synchronous and keeps nothing from a packet
 * once its segment is built, and a context per packet would cost more than the walk.
 */
const ctx = new DecodeContext();

/** The TCP segment in `record`, or undefined when it is not TCP or too short to read. */
export function extractTcpSegment(record: PacketRecord, frame: number): TcpSegment | undefined {
  ctx.begin(record.data);
  const tcp = locateTcp(ctx, record.linkType);
  if (!tcp) return undefined;

  // The walk checked that the IP addresses and the whole TCP header were captured.
  const r = ctx.r;
  const at = tcp.tcpAt;
  const isIpv6 = tcp.ipVersion === 6;
  const payloadAt = at + tcp.tcpHeaderLength;
  const payloadLength = tcp.tcpLength - tcp.tcpHeaderLength;
  const capturedEnd = Math.min(r.end, payloadAt + payloadLength);
  return {
    frame,
    time: record.seconds + record.nanoseconds / 1e9,
    ipVersion: tcp.ipVersion,
    source: isIpv6 ? ipv6String(r, tcp.ipAt + 8) : ipv4String(r, tcp.ipAt + 12),
    destination: isIpv6 ? ipv6String(r, tcp.ipAt + 24) : ipv4String(r, tcp.ipAt + 16),
    sourcePort: r.u16(at),
    destinationPort: r.u16(at + 2),
    seq: r.u32(at + 4),
    ack: r.u32(at + 8),
    flags: r.u8(at + 13),
    window: r.u16(at + 14),
    options: parseTcpOptions(r, at + TCP_MIN_HEADER_LENGTH,
      tcp.tcpHeaderLength - TCP_MIN_HEADER_LENGTH),
    length: payloadLength,
    // A copy: the parser may reuse the record's buffer for the next packet.
    payload: r.data.slice(payloadAt, Math.max(payloadAt, capturedEnd)),
  };
}
