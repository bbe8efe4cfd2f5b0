// IPv6 (RFC 8200): fixed header, -v details, the extension-header chain, then the payload.

import { ipv6String } from './address';
import type { DecodeContext } from './decode-context';
import { decodeIpPayload, printsOwnAddresses } from './ip-demux';
import {
  IPPROTO_DSTOPTS, IPPROTO_FRAGMENT, IPPROTO_HOPOPTS, IPPROTO_ROUTING,
  printDestinationOptions, printFragment, printHopByHop, printRouting,
} from './ipv6-extensions';
import { IPPROTO_MOBILITY, IPPROTO_MOBILITY_OLD, printMobility } from './mobility';
import { ipProtocolName } from './names';

const HEADER_LENGTH = 40;

function addTree(ctx: DecodeContext, at: number): void {
  const r = ctx.r;
  const tree = ctx.tree!;
  const flow = r.u32(at);
  tree.layer('ipv6', 'Internet Protocol Version 6', at);
  tree.add('ipv6.version', 'Version', at, 1, flow >>> 28);
  // Bit fields: their spans are those Wireshark highlights.
  tree.add('ipv6.tclass', 'Traffic class', at, 4, (flow >>> 20) & 0xff);
  tree.add('ipv6.flow', 'Flow label', at + 1, 3, flow & 0xfffff);
  tree.add('ipv6.plen', 'Payload length', at + 4, 2, r.u16(at + 4));
  tree.add('ipv6.nxt', 'Next header', at + 6, 1, r.u8(at + 6));
  tree.add('ipv6.hlim', 'Hop limit', at + 7, 1, r.u8(at + 7));
  tree.add('ipv6.src', 'Source address', at + 8, 16, ipv6String(r, at + 8));
  tree.add('ipv6.dst', 'Destination address', at + 24, 16, ipv6String(r, at + 24));
}

/** Decodes the IPv6 packet at `at`; `length` is what the link layer says follows. */
export function decodeIpv6(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'ip6';
  r.need(at, HEADER_LENGTH);
  if (length < HEADER_LENGTH) {
    ctx.out += `truncated-ip6 ${length}`;
    return;
  }
  if (!ctx.linkLevel) ctx.out += 'IP6 ';
  const flow = r.u32(at);
  if (flow >>> 28 !== 6) {
    ctx.out += `version error: ${flow >>> 28} != 6`;
    return;
  }

  const payloadLength = r.u16(at + 4);
  let remaining = payloadLength + HEADER_LENGTH;
  if (payloadLength !== 0) {
    if (length < remaining) {
      ctx.out += `truncated-ip6 - ${remaining - length} bytes missing!`;
    }
    r.narrow(at, remaining);
  }
  // A zero payload length announces a jumbogram (RFC 2675): the length comes from a
  // hop-by-hop option, and until then the captured bytes are the limit.
  if (ctx.tree) addTree(ctx, at);
  ctx.ipVersion = 6;
  ctx.ipAt = at;
  ctx.ipFragmented = false;

  let next = r.u8(at + 6);
  if (ctx.verbose) {
    ctx.out += '(';
    if (flow & 0x0ff00000) {
      ctx.out += `class 0x${((flow >>> 20) & 0xff).toString(16).padStart(2, '0')}, `;
    }
    if (flow & 0x000fffff) {
      ctx.out += `flowlabel 0x${(flow & 0xfffff).toString(16).padStart(5, '0')}, `;
    }
    ctx.out += `hlim ${r.u8(at + 7)}, next-header ${ipProtocolName(next)} (${next}) ` +
      `payload length: ${payloadLength}) `;
  }

  let cursor = at;
  let advance = HEADER_LENGTH;
  while (cursor < r.end && advance > 0) {
    // Without a payload length the real one is in a Jumbo option, not yet seen.
    if (payloadLength !== 0 && remaining < advance) {
      ctx.out += ' [|ip6]';
      return;
    }
    cursor += advance;
    remaining -= advance;
    if (cursor === at + HEADER_LENGTH && !printsOwnAddresses(next)) {
      ctx.out += `${ipv6String(r, at + 8)} > ${ipv6String(r, at + 24)}: `;
    }
    switch (next) {
      case IPPROTO_HOPOPTS:
        advance = printHopByHop(ctx, cursor);
        break;
      case IPPROTO_DSTOPTS:
        advance = printDestinationOptions(ctx, cursor);
        break;
      case IPPROTO_FRAGMENT:
        advance = printFragment(ctx, cursor, at);
        if (advance < 0 || r.end <= cursor + advance) return;
        ctx.ipFragmented = true;
        break;
      case IPPROTO_ROUTING:
        advance = printRouting(ctx, cursor);
        break;
      case IPPROTO_MOBILITY:
      case IPPROTO_MOBILITY_OLD:
        printMobility(ctx, cursor);
        return;
      default:
        if (ctx.ipv6Jumbo >= 0) {
          const jumboLength = ctx.ipv6Jumbo + HEADER_LENGTH;
          if (length < jumboLength) {
            ctx.out += `truncated-ip6 - ${jumboLength - length} bytes missing!`;
          }
          remaining = jumboLength - (cursor - at);
        } else if (remaining < 0) {
          remaining = 0;
        }
        decodeIpPayload(ctx, next, cursor, remaining);
        return;
    }
    if (advance < 0) return;
    next = r.u8(cursor);
    ctx.protocol = 'ip6';
  }
}
