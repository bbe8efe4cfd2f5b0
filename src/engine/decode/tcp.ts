// TCP (RFC 9293): ports, flags, relative seq/ack, window, options, then the payload.

import { ipv4String, ipv6String } from './address';
import { TRUNCATED } from './byte-reader';
import { checksumShouldBe, transportChecksum } from './checksum';
import type { DecodeContext } from './decode-context';
import { printTcpOptions } from './tcp-options';
import { printTcpPayload } from './tcp-payload';
import { escapedText } from './text';

const HEADER_LENGTH = 20;
const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;
const URG = 0x20;
const MAX_RST_DATA = 30;

/** tcpdump's flag letters, in its order: FIN, SYN, RST, PSH, ACK, URG, ECE, CWR. */
const FLAG_LETTERS = ['F', 'S', 'R', 'P', '.', 'U', 'E', 'W'];
const FLAG_TEXT: string[] = [];
for (let flags = 0; flags < 256; flags++) {
  let text = '';
  for (let bit = 0; bit < 8; bit++) if (flags & (1 << bit)) text += FLAG_LETTERS[bit];
  FLAG_TEXT.push(text || 'none');
}

/** Source or destination address of the enclosing IP header. */
function address(ctx: DecodeContext, destination: boolean): string {
  const r = ctx.r;
  const at = ctx.ipAt;
  if (ctx.ipVersion === 6) return ipv6String(r, at + (destination ? 24 : 8));
  return ipv4String(r, at + (destination ? 16 : 12));
}

/** The IP header's own protocol field says TCP (not an extension header chain). */
function ipSaysTcp(ctx: DecodeContext): boolean {
  const r = ctx.r;
  return r.u8(ctx.ipVersion === 6 ? ctx.ipAt + 6 : ctx.ipAt + 9) === 6;
}

function addTree(ctx: DecodeContext, at: number, headerLength: number): void {
  const r = ctx.r;
  const tree = ctx.tree!;
  tree.layer('tcp', 'Transmission Control Protocol', at);
  tree.add('tcp.srcport', 'Source port', at, 2, r.u16(at));
  tree.add('tcp.dstport', 'Destination port', at + 2, 2, r.u16(at + 2));
  tree.add('tcp.seq_raw', 'Sequence number', at + 4, 4, r.u32(at + 4));
  tree.add('tcp.ack_raw', 'Acknowledgment number', at + 8, 4, r.u32(at + 8));
  tree.add('tcp.hdr_len', 'Header length', at + 12, 1, headerLength);
  tree.add('tcp.flags', 'Flags', at + 12, 2, r.u16(at + 12) & 0x0fff);
  tree.add('tcp.window_size_value', 'Window', at + 14, 2, r.u16(at + 14));
  tree.add('tcp.checksum', 'Checksum', at + 16, 2, r.u16(at + 16));
  tree.add('tcp.urgent_pointer', 'Urgent pointer', at + 18, 2, r.u16(at + 18));
  if (headerLength > HEADER_LENGTH && r.has(at, headerLength)) {
    tree.add('tcp.options', 'Options', at + 20, headerLength - 20, headerLength - 20);
  }
}

/** The payload of a reset, which RFC 1122 suggests may explain it; shown with -v. */
function printResetData(ctx: DecodeContext, at: number, length: number): void {
  ctx.out += ctx.r.has(at, length) ? ' [RST' : ' [!RST';
  if (length > MAX_RST_DATA) {
    length = MAX_RST_DATA;
    ctx.out += '+';
  }
  ctx.out += ` ${escapedText(ctx.r, at, length)}]`;
}

export function decodeTcp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'tcp';
  const src = address(ctx, false);
  const dst = address(ctx, true);
  if (!r.has(at + 2, 2)) {
    ctx.out += `${src} > ${dst}: [|tcp]`;
    return;
  }
  const sourcePort = r.u16(at);
  const destinationPort = r.u16(at + 2);
  if (ipSaysTcp(ctx)) ctx.out += `${src}.${sourcePort} > ${dst}.${destinationPort}: `;
  else ctx.out += `${sourcePort} > ${destinationPort}: `;

  const headerLength = (r.u8(at + 12) >> 4) * 4;
  if (headerLength < HEADER_LENGTH) {
    ctx.out += ` tcp ${length - headerLength} [bad hdr length ${headerLength} - too short, < 20]`;
    return;
  }
  let seq = r.u32(at + 4);
  let ack = r.u32(at + 8);
  const window = r.u16(at + 14);
  const urgent = r.u16(at + 18);
  if (ctx.tree) addTree(ctx, at, headerLength);

  if (ctx.quiet) {
    ctx.out += `tcp ${length - headerLength}`;
    if (headerLength > length) {
      ctx.out += ` [bad hdr length ${headerLength} - too long, > ${length}]`;
    }
    return;
  }

  const flags = r.u8(at + 13);
  ctx.out += `Flags [${FLAG_TEXT[flags]}]`;
  const state = ctx.tcp;
  if (!ctx.absoluteSequence && flags & ACK) {
    let source: number | string;
    let destination: number | string;
    if (ctx.ipVersion === 4) {
      // Address and port in one number (48 bits), so the table needs no strings for IPv4.
      source = r.u32(ctx.ipAt + 12) * 65536 + sourcePort;
      destination = r.u32(ctx.ipAt + 16) * 65536 + destinationPort;
    } else {
      source = `${src}.${sourcePort}`;
      destination = `${dst}.${destinationPort}`;
    }
    state.relate(source, destination, seq, ack, (flags & SYN) !== 0);
    seq = state.seq;
    ack = state.ack;
  } else {
    state.baseSeq = 0;
    state.baseAck = 0;
    state.reversed = false;
  }

  if (ctx.verbose && !ctx.ipFragmented && r.has(at, length)) {
    const stored = r.u16(at + 16);
    const sum = transportChecksum(r, ctx.ipVersion, ctx.ipAt, 6, at, length,
      ctx.ipv6DestinationAt);
    ctx.out += `, cksum 0x${stored.toString(16).padStart(4, '0')}`;
    if (sum !== 0) {
      const should = checksumShouldBe(stored, sum).toString(16).padStart(4, '0');
      ctx.out += ` (incorrect -> 0x${should})`;
    } else {
      ctx.out += ' (correct)';
    }
  }

  if (headerLength > length) {
    ctx.out += ` [bad hdr length ${headerLength} - too long, > ${length}]`;
    return;
  }
  const payloadLength = length - headerLength;
  if (ctx.verbose > 1 || payloadLength > 0 || flags & (SYN | FIN | RST)) {
    ctx.out += `, seq ${seq}`;
    if (payloadLength > 0) ctx.out += `:${(seq + payloadLength) >>> 0}`;
  }
  if (flags & ACK) ctx.out += `, ack ${ack}`;
  ctx.out += `, win ${window}`;
  if (flags & URG) ctx.out += `, urg ${urgent}`;
  if (headerLength > HEADER_LENGTH) {
    if (!printTcpOptions(ctx, at + HEADER_LENGTH, headerLength - HEADER_LENGTH, flags)) return;
  }
  ctx.out += `, length ${payloadLength}`;
  if (payloadLength <= 0) return;

  if (!r.has(at, headerLength)) {
    ctx.out += ` [remaining caplen(${r.left(at)}) < header length(${headerLength})]`;
    throw TRUNCATED;
  }
  const payloadAt = at + headerLength;
  if (flags & RST && ctx.verbose) {
    printResetData(ctx, payloadAt, payloadLength);
    return;
  }
  printTcpPayload(ctx, sourcePort, destinationPort, payloadAt, payloadLength);
}
