// DNS (RFC 1035) messages on port 53, summarised the way tcpdump prints them by default.

import { ipv4String, ipv6String } from './address';
import { TRUNCATED } from './byte-reader';
import type { DecodeContext } from './decode-context';
import { escapedChar } from './text';

export const DNS_PORT = 53;
/** Multicast DNS (RFC 6762): DNS messages with two class bits of their own. */
export const MDNS_PORT = 5353;
const HEADER_LENGTH = 12;
const CLASS_IN = 1;
const TYPE_OPT = 41;
const MAX_NAME_STEPS = 128;

const OPCODES = [
  '', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7', ' op8', ' updateA',
  ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef',
];
const RCODES = [
  '', ' FormErr', ' ServFail', ' NXDomain', ' NotImp', ' Refused', ' YXDomain', ' YXRRSet',
  ' NXRRSet', ' NotAuth', ' NotZone', ' Resp11', ' Resp12', ' Resp13', ' Resp14', ' NoChange',
];

/** The type names Debian's tcpdump 4.99 knows; newer types print as `Type65`. */
const TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'A'], [2, 'NS'], [3, 'MD'], [4, 'MF'], [5, 'CNAME'], [6, 'SOA'], [7, 'MB'], [8, 'MG'],
  [9, 'MR'], [10, 'NULL'], [11, 'WKS'], [12, 'PTR'], [13, 'HINFO'], [14, 'MINFO'],
  [15, 'MX'], [16, 'TXT'], [17, 'RP'], [18, 'AFSDB'], [19, 'X25'], [20, 'ISDN'], [21, 'RT'],
  [22, 'NSAP'], [23, 'NSAP_PTR'], [24, 'SIG'], [25, 'KEY'], [26, 'PX'], [27, 'GPOS'],
  [28, 'AAAA'], [29, 'LOC'], [30, 'NXT'], [31, 'EID'], [32, 'NIMLOC'], [33, 'SRV'],
  [34, 'ATMA'], [35, 'NAPTR'], [36, 'KX'], [37, 'CERT'], [38, 'A6'], [39, 'DNAME'],
  [40, 'SINK'], [41, 'OPT'], [42, 'APL'], [43, 'DS'], [44, 'SSHFP'], [45, 'IPSECKEY'],
  [46, 'RRSIG'], [47, 'NSEC'], [48, 'DNSKEY'], [99, 'SPF'], [100, 'UINFO'], [101, 'UID'],
  [102, 'GID'], [103, 'UNSPEC'], [104, 'UNSPECA'], [249, 'TKEY'], [250, 'TSIG'],
  [251, 'IXFR'], [252, 'AXFR'], [253, 'MAILB'], [254, 'MAILA'], [255, 'ANY'], [256, 'URI'],
]);

const CLASS_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'IN'], [3, 'CHAOS'], [4, 'HS'], [255, 'ANY'],
]);

function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `Type${type}`;
}

function className(value: number): string {
  return CLASS_NAMES.get(value) ?? `(Class ${value})`;
}

/**
 * Reads the domain name at `at` (following compression pointers, each of which must point
 * backwards, so the walk ends). Returns its text and the offset after it in place.
 */
function readName(ctx: DecodeContext, message: number, at: number): [string, number] {
  const r = ctx.r;
  let text = '';
  let after = -1;
  let limit = at;
  for (let steps = 0; steps < MAX_NAME_STEPS; steps++) {
    const length = r.u8(at);
    if ((length & 0xc0) === 0xc0) {
      const target = message + (((length & 0x3f) << 8) | r.u8(at + 1));
      if (after < 0) after = at + 2;
      if (target >= limit) return [`${text}<BAD PTR>`, -1];
      limit = target;
      at = target;
      continue;
    }
    if (length & 0xc0) return [`${text}<ELT ${length.toString(16)}>`, -1];
    if (length === 0) {
      if (after < 0) after = at + 1;
      return [text || '.', after];
    }
    r.need(at + 1, length);
    for (let i = 0; i < length; i++) {
      const c = r.data[at + 1 + i];
      text += c === 0x2e || c === 0x5c ? `\\${String.fromCharCode(c)}` : escapedChar(c);
    }
    text += '.';
    at += length + 1;
  }
  return [`${text}<LOOP>`, -1];
}

/** ` A? example.com.`; returns the offset after the question, or -1 when it is broken. */
function printQuestion(
  ctx: DecodeContext, message: number, at: number, multicast: boolean,
): number {
  const r = ctx.r;
  const [name, after] = readName(ctx, message, at);
  if (after < 0) throw TRUNCATED;
  r.need(after, 4);
  const type = r.u16(after);
  const rawClass = r.u16(after + 2);
  // In mDNS the top bit of a question's class asks for a unicast response.
  const questionClass = multicast ? rawClass & 0x7fff : rawClass;
  ctx.out += ` ${typeName(type)}`;
  if (questionClass !== CLASS_IN) ctx.out += ` ${className(questionClass)}`;
  if (multicast) ctx.out += rawClass & 0x8000 ? ' (QU)' : ' (QM)';
  ctx.out += `? ${name}`;
  return after + 4;
}

/** ` A 192.0.2.1` and friends; returns the offset after the record. */
function printRecord(
  ctx: DecodeContext, message: number, at: number, multicast: boolean,
): number {
  const r = ctx.r;
  let after: number;
  if (ctx.verbose) {
    const [name, end] = readName(ctx, message, at);
    ctx.out += ` ${name}`;
    after = end;
  } else {
    after = readName(ctx, message, at)[1];
  }
  if (after < 0) throw TRUNCATED;
  r.need(after, 10);
  const type = r.u16(after);
  const rawClass = r.u16(after + 2);
  // In mDNS the top bit of a record's class tells caches to flush older records.
  const recordClass = multicast && type !== TYPE_OPT ? rawClass & 0x7fff : rawClass;
  if (recordClass !== CLASS_IN && type !== TYPE_OPT) ctx.out += ` ${className(recordClass)}`;
  if (multicast && type !== TYPE_OPT && rawClass & 0x8000) ctx.out += ' (Cache flush)';
  const optFlags = type === TYPE_OPT ? r.u16(after + 6) : 0;
  const length = r.u16(after + 8);
  const data = after + 10;
  const end = data + length;
  ctx.out += ` ${typeName(type)}`;
  if (end > r.end) throw TRUNCATED;
  switch (type) {
    case 1:
      ctx.out += ` ${ipv4String(r, data)}`;
      break;
    case 28:
      ctx.out += ` ${ipv6String(r, data)}`;
      break;
    case 2: case 5: case 12: case 39:
      ctx.out += ` ${readName(ctx, message, data)[0]}`;
      break;
    case 15:
      ctx.out += ` ${readName(ctx, message, data + 2)[0]} ${r.u16(data)}`;
      break;
    case 33:
      ctx.out += ` ${readName(ctx, message, data + 6)[0]}:${r.u16(data + 4)}` +
        ` ${r.u16(data)} ${r.u16(data + 2)}`;
      break;
    case 16:
      for (let i = data; i < end;) {
        const count = r.u8(i);
        r.need(i + 1, count);
        let text = '';
        for (let j = 0; j < count; j++) text += escapedChar(r.data[i + 1 + j]);
        ctx.out += ` "${text}"`;
        i += 1 + count;
      }
      break;
    case TYPE_OPT:
      ctx.out += ` UDPsize=${recordClass}`;
      if (optFlags & 0x8000) ctx.out += ' DO';
      if (data < end) {
        ctx.out += ' [';
        for (let i = data; i < end;) {
          i = printEdnsOption(ctx, i);
          if (i < end) ctx.out += ',';
        }
        ctx.out += ']';
      }
      break;
    case 6:
      if (ctx.verbose) {
        const [primary, next] = readName(ctx, message, data);
        if (next < 0) throw TRUNCATED;
        const [mailbox, after] = readName(ctx, message, next);
        if (after < 0) throw TRUNCATED;
        ctx.out += ` ${primary} ${mailbox} ${r.u32(after)} ${r.u32(after + 4)}` +
          ` ${r.u32(after + 8)} ${r.u32(after + 12)} ${r.u32(after + 16)}`;
      }
      break;
  }
  return end;
}

const EDNS_OPTIONS = [
  '', 'LLQ', 'UL', 'NSID', '', 'DAU', 'DHU', 'N3U', 'ECS', 'EXPIRE', 'COOKIE', 'KEEPALIVE',
  'PADDING', 'CHAIN', 'KEY-TAG', 'EDE', 'CLIENT-TAG', 'SERVER-TAG',
];

/** One EDNS(0) option (RFC 6891); cookies (RFC 7873) in hex, client and server apart. */
function printEdnsOption(ctx: DecodeContext, at: number): number {
  const r = ctx.r;
  const code = r.u16(at);
  const length = r.u16(at + 2);
  ctx.out += EDNS_OPTIONS[code] || `Opt${code}`;
  r.need(at + 4, length);
  if (length > 0) {
    ctx.out += ' ';
    if (code === 10 && (length < 8 || (length > 8 && length < 16) || length > 40)) {
      ctx.out += '(invalid)';
    } else if (code !== 12) {
      for (let i = 0; i < length; i++) {
        if (code === 10 && i === 8) ctx.out += ' ';
        ctx.out += r.data[at + 4 + i].toString(16).padStart(2, '0');
      }
    }
  }
  return at + 4 + length;
}

/** A record section under -vv: ` ns:` or ` ar:` and its records, comma-separated. */
function printSection(
  ctx: DecodeContext, message: number, cursor: number, count: number, label: string,
  multicast: boolean,
): number {
  if (count === 0) return cursor;
  ctx.out += label;
  cursor = printRecord(ctx, message, cursor, multicast);
  count--;
  while (cursor < ctx.r.end && count) {
    ctx.out += ',';
    cursor = printRecord(ctx, message, cursor, multicast);
    count--;
  }
  if (count) throw TRUNCATED;
  return cursor;
}

/** Prints a DNS message; over TCP it starts with a two-byte length (RFC 7766). */
export function printDns(
  ctx: DecodeContext, at: number, length: number, overTcp: boolean, multicast = false,
): void {
  const r = ctx.r;
  if (overTcp) {
    if (length < 2) {
      ctx.out += ` [DNS over TCP: length ${length} < 2] (invalid)`;
      return;
    }
    length -= 2;
    const prefix = r.u16(at);
    if (prefix !== length) {
      ctx.out += ` [prefix length(${prefix}) != length(${length})] (invalid)`;
      return;
    }
    at += 2;
    ctx.out += ' ';
  }
  ctx.protocol = 'domain';
  if (length < HEADER_LENGTH) {
    ctx.out += `domain [length ${length} < ${HEADER_LENGTH}] (invalid)`;
    return;
  }
  const id = r.u16(at);
  const flags = r.u16(at + 2);
  let questions = r.u16(at + 4);
  let answers = r.u16(at + 6);
  const authorities = r.u16(at + 8);
  const additional = r.u16(at + 10);
  const opcode = (flags >> 11) & 0xf;
  let cursor = at + HEADER_LENGTH;

  if (flags & 0x8000) {
    ctx.out += `${id}${OPCODES[opcode]}${RCODES[flags & 0xf]}` +
      `${flags & 0x0400 ? '*' : ''}${flags & 0x0080 ? '' : '-'}${flags & 0x0200 ? '|' : ''}`;
    if (questions !== 1) ctx.out += ` [${questions}q]`;
    for (let i = 0; i < questions; i++) {
      if (ctx.verbose > 1) {
        if (i > 0) ctx.out += ',';
        ctx.out += ' q:';
        cursor = printQuestion(ctx, at, cursor, multicast);
        continue;
      }
      const after = readName(ctx, at, cursor)[1];
      if (after < 0) throw TRUNCATED;
      cursor = after + 4;
    }
    ctx.out += ` ${answers}/${authorities}/${additional}`;
    if (answers) {
      cursor = printRecord(ctx, at, cursor, multicast);
      answers--;
      while (cursor < r.end && answers) {
        ctx.out += ',';
        cursor = printRecord(ctx, at, cursor, multicast);
        answers--;
      }
    }
    if (answers) throw TRUNCATED;
    if (ctx.verbose > 1) {
      cursor = printSection(ctx, at, cursor, authorities, ' ns:', multicast);
      printSection(ctx, at, cursor, additional, ' ar:', multicast);
    }
  } else {
    ctx.out += `${id}${OPCODES[opcode]}${flags & 0x0100 ? '+' : ''}${flags & 0x0010 ? '%' : ''}`;
    if (flags & 0x6cf) ctx.out += ` [b2&3=0x${flags.toString(16)}]`;
    if (opcode === 1) {
      if (questions) ctx.out += ` [${questions}q]`;
      if (answers !== 1) ctx.out += ` [${answers}a]`;
    } else {
      if (answers) ctx.out += ` [${answers}a]`;
      if (questions !== 1) ctx.out += ` [${questions}q]`;
    }
    if (authorities) ctx.out += ` [${authorities}n]`;
    if (additional) ctx.out += ` [${additional}au]`;
    if (questions) {
      cursor = printQuestion(ctx, at, cursor, multicast);
      questions--;
      while (cursor < r.end && questions) {
        cursor = printQuestion(ctx, at, cursor, multicast);
        questions--;
      }
    }
    if (questions) throw TRUNCATED;
    if (ctx.verbose > 1) {
      cursor = printSection(ctx, at, cursor, answers, '', multicast);
      cursor = printSection(ctx, at, cursor, authorities, ' ns:', multicast);
      printSection(ctx, at, cursor, additional, ' ar:', multicast);
    }
  }
  ctx.out += ` (${length})`;
}
