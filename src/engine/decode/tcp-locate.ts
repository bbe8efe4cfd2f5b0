// Walks a frame from its link header to its TCP header, reading no text and building no tree.
//
// Reassembly needs only where TCP starts and how long the IP header says it is, for every
// packet of a capture; the printing decoders would build a whole tcpdump line for that.
// This walk reads through the same bounds-checked reader and stops at the same limits.

import { Truncated } from './byte-reader';
import type { DecodeContext } from './decode-context';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from './ethertype';
import { IPPROTO_TCP } from './ip-demux';
import { IPPROTO_DSTOPTS, IPPROTO_HOPOPTS, IPPROTO_ROUTING } from './ipv6-extensions';
import { networkStart } from './network-start';

const IPV4_MIN_HEADER_LENGTH = 20;
const IPV6_HEADER_LENGTH = 40;
const TCP_MIN_HEADER_LENGTH = 20;
const IPV4_MORE_FRAGMENTS = 0x2000;
const IPV4_OFFSET_MASK = 0x1fff;

/** Where one packet's TCP header is; offsets count from the start of the frame. */
export interface TcpLocation {
  ipVersion: 4 | 6;
  /** Start of the innermost IP header, whose addresses name the endpoints. */
  ipAt: number;
  tcpAt: number;
  /** TCP header length from its data offset field, checked to be captured. */
  tcpHeaderLength: number;
  /** TCP header plus payload as the IP length fields announce it. */
  tcpLength: number;
}

function locateInIpv4(ctx: DecodeContext, at: number): TcpLocation | undefined {
  const r = ctx.r;
  r.need(at, IPV4_MIN_HEADER_LENGTH);
  const headerLength = (r.u8(at) & 0x0f) * 4;
  const totalLength = r.u16(at + 2);
  if (headerLength < IPV4_MIN_HEADER_LENGTH || totalLength < headerLength) return undefined;

  // IP fragments are not put back together, so only a whole datagram is read. TCP over
  // fragmented IP is rare where Tapline is used (TCP sizes its segments to the path MTU).
  const fragment = r.u16(at + 6);
  if ((fragment & IPV4_MORE_FRAGMENTS) !== 0 || (fragment & IPV4_OFFSET_MASK) !== 0) {
    return undefined;
  }
  if (r.u8(at + 9) !== IPPROTO_TCP) return undefined;
  r.narrow(at, totalLength);
  return locateTcpHeader(ctx, 4, at, at + headerLength, totalLength - headerLength);
}

function locateInIpv6(ctx: DecodeContext, at: number): TcpLocation | undefined {
  const r = ctx.r;
  r.need(at, IPV6_HEADER_LENGTH);
  // A zero payload length announces a jumbogram (RFC 2675), which is not followed here:
  // no capture of TCP over a jumbogram has been seen to test it against.
  const payloadLength = r.u16(at + 4);
  if (payloadLength === 0) return undefined;
  r.narrow(at, IPV6_HEADER_LENGTH + payloadLength);

  let next = r.u8(at + 6);
  let cursor = at + IPV6_HEADER_LENGTH;
  let remaining = payloadLength;
  // Each extension header is at least 8 bytes, so the captured length bounds this loop.
  while (next !== IPPROTO_TCP) {
    // A fragment header (IPPROTO_FRAGMENT) stops the walk, as IPv4 fragments do above.
    const skippable = next === IPPROTO_HOPOPTS || next === IPPROTO_ROUTING ||
      next === IPPROTO_DSTOPTS;
    if (!skippable) return undefined;
    const extensionLength = (r.u8(cursor + 1) + 1) * 8;
    next = r.u8(cursor);
    cursor += extensionLength;
    remaining -= extensionLength;
    if (remaining < 0) return undefined;
  }
  return locateTcpHeader(ctx, 6, at, cursor, remaining);
}

function locateTcpHeader(
  ctx: DecodeContext, ipVersion: 4 | 6, ipAt: number, tcpAt: number, tcpLength: number,
): TcpLocation | undefined {
  const r = ctx.r;
  r.need(tcpAt, TCP_MIN_HEADER_LENGTH);
  const tcpHeaderLength = (r.u8(tcpAt + 12) >> 4) * 4;
  if (tcpHeaderLength < TCP_MIN_HEADER_LENGTH || tcpLength < tcpHeaderLength) return undefined;
  r.need(tcpAt, tcpHeaderLength);
  return { ipVersion, ipAt, tcpAt, tcpHeaderLength, tcpLength };
}

/**
 * The TCP header of the frame `ctx.begin` was given, or undefined when the frame is not
 * TCP over IP or its headers were not all captured. IP-in-IP and other tunnels are not
 * entered: reassembly has not needed them, and the printer decodes them for display.
 */
export function locateTcp(ctx: DecodeContext, linkType: number): TcpLocation | undefined {
  try {
    const start = networkStart(ctx.r, linkType);
    if (!start) return undefined;
    const version = ctx.r.u8(start.at) >> 4;
    const wantsIpv4 = start.type === ETHERTYPE_IPV4 || start.type === 0;
    const wantsIpv6 = start.type === ETHERTYPE_IPV6 || start.type === 0;
    if (version === 4 && wantsIpv4) return locateInIpv4(ctx, start.at);
    if (version === 6 && wantsIpv6) return locateInIpv6(ctx, start.at);
    return undefined;
  } catch (error) {
    if (error instanceof Truncated) return undefined;
    throw error;
  }
}
