// IPv4 (RFC 791): header, -v details, options, fragments; then the payload's decoder.

import { ipv4String } from './address';
import { Truncated } from './byte-reader';
import { onesSum, checksumShouldBe } from './checksum';
import type { DecodeContext } from './decode-context';
import { decodeIpPayload, printsOwnAddresses } from './ip-demux';
import { printIpv4Options } from './ipv4-options';
import { ipProtocolName } from './names';

const MIN_HEADER_LENGTH = 20;
const FLAG_RESERVED = 0x8000;
const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;
const OFFSET_MASK = 0x1fff;

function flagsText(offsetField: number): string {
  const names: string[] = [];
  if (offsetField & FLAG_MF) names.push('+');
  if (offsetField & FLAG_DF) names.push('DF');
  if (offsetField & FLAG_RESERVED) names.push('rsvd');
  return names.length ? names.join(', ') : 'none';
}

function ecnText(tos: number): string {
  switch (tos & 3) {
    case 1: return ',ECT(1)';
    case 2: return ',ECT(0)';
    case 3: return ',CE';
    default: return '';
  }
}

function addTree(ctx: DecodeContext, at: number, headerLength: number): void {
  const r = ctx.r;
  const tree = ctx.tree!;
  tree.layer('ip', 'Internet Protocol Version 4', at);
  tree.add('ip.version', 'Version', at, 1, r.u8(at) >> 4);
  tree.add('ip.hdr_len', 'Header length', at, 1, headerLength);
  tree.add('ip.dsfield', 'Differentiated services', at + 1, 1, r.u8(at + 1));
  tree.add('ip.len', 'Total length', at + 2, 2, r.u16(at + 2));
  tree.add('ip.id', 'Identification', at + 4, 2, r.u16(at + 4));
  tree.add('ip.flags', 'Flags', at + 6, 1, r.u8(at + 6) >> 5);
  tree.add('ip.frag_offset', 'Fragment offset', at + 6, 2, (r.u16(at + 6) & OFFSET_MASK) * 8);
  tree.add('ip.ttl', 'Time to live', at + 8, 1, r.u8(at + 8));
  tree.add('ip.proto', 'Protocol', at + 9, 1, r.u8(at + 9));
  tree.add('ip.checksum', 'Header checksum', at + 10, 2, r.u16(at + 10));
  tree.add('ip.src', 'Source address', at + 12, 4, ipv4String(r, at + 12));
  tree.add('ip.dst', 'Destination address', at + 16, 4, ipv4String(r, at + 16));
  if (headerLength > MIN_HEADER_LENGTH && r.has(at, headerLength)) {
    tree.add('ip.options', 'Options', at + 20, headerLength - 20, headerLength - 20);
  }
}

/** Decodes the IPv4 datagram at `at`; `length` is what the link layer says follows. */
export function decodeIpv4(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'ip';
  const version = r.u8(at) >> 4;
  if (version !== 4) {
    ctx.out += version === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${version}`;
    ctx.out += ' (invalid)';
    return;
  }
  if (!ctx.linkLevel) ctx.out += 'IP ';

  r.need(at, MIN_HEADER_LENGTH);
  if (length < MIN_HEADER_LENGTH) {
    ctx.out += `truncated-ip ${length}`;
    return;
  }
  const headerLength = (r.u8(at) & 0x0f) * 4;
  if (headerLength < MIN_HEADER_LENGTH) {
    ctx.out += `bad-hlen ${headerLength}`;
    return;
  }
  const totalLength = r.u16(at + 2);
  if (length < totalLength) ctx.out += `truncated-ip - ${totalLength - length} bytes missing! `;
  if (totalLength < headerLength) {
    // Debian builds tcpdump without GUESS_TSO, so a zero length (a TSO send) is bad too.
    ctx.out += `bad-len ${totalLength}`;
    return;
  }
  r.narrow(at, totalLength);
  if (ctx.tree) addTree(ctx, at, headerLength);

  const offsetField = r.u16(at + 6);
  const protocol = r.u8(at + 9);
  ctx.ipVersion = 4;
  ctx.ipAt = at;
  ctx.ipFragmented = (offsetField & FLAG_MF) !== 0;

  if (ctx.verbose) {
    const tos = r.u8(at + 1);
    ctx.out += `(tos 0x${tos.toString(16)}${ecnText(tos)}`;
    const ttl = r.u8(at + 8);
    if (ttl >= 1) ctx.out += `, ttl ${ttl}`;
    ctx.out += `, id ${r.u16(at + 4)}, offset ${(offsetField & OFFSET_MASK) * 8}` +
      `, flags [${flagsText(offsetField)}], proto ${ipProtocolName(protocol)} (${protocol})` +
      `, length ${r.u16(at + 2)}`;
    let optionsTruncated = false;
    if (headerLength > MIN_HEADER_LENGTH) {
      ctx.out += ', options (';
      try {
        printIpv4Options(ctx, at + MIN_HEADER_LENGTH, headerLength - MIN_HEADER_LENGTH);
      } catch (error) {
        if (!(error instanceof Truncated)) throw error;
        ctx.out += ' [truncated-option]';
        optionsTruncated = true;
      }
      ctx.out += ')';
    }
    if (r.has(at, headerLength)) {
      const sum = (~onesSum(r, at, headerLength)) & 0xffff;
      if (sum !== 0) {
        const stored = r.u16(at + 10);
        const should = checksumShouldBe(stored, sum);
        ctx.out += `, bad cksum ${stored.toString(16)} (->${should.toString(16)})!`;
      }
    }
    ctx.out += ')\n    ';
    if (optionsTruncated) {
      ctx.out += `${ipv4String(r, at + 12)} > ${ipv4String(r, at + 16)}:  [|ip]`;
      return;
    }
  }

  const payloadLength = totalLength - headerLength;
  if ((offsetField & OFFSET_MASK) === 0) {
    if (!printsOwnAddresses(protocol)) {
      ctx.out += `${ipv4String(r, at + 12)} > ${ipv4String(r, at + 16)}: `;
    }
    if (!r.has(at, headerLength)) {
      ctx.out += ` [remaining caplen(${r.left(at)}) < header length(${headerLength})]`;
      r.need(at, headerLength);
    }
    decodeIpPayload(ctx, protocol, at + headerLength, payloadLength);
    return;
  }
  // A later fragment: its transport header is in the first one.
  ctx.out += `${ipv4String(r, at + 12)} > ${ipv4String(r, at + 16)}: ip-proto-${protocol}`;
  if (ctx.tree) ctx.tree.cover(headerLength);
}
