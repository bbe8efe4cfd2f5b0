// NTP (RFC 5905) on port 123: version and mode; with -v the time fields of the header.

import { ipv4String } from './address';
import type { DecodeContext } from './decode-context';
import { escapedText } from './text';

export const NTP_PORT = 123;

const MODES = [
  'unspecified', 'symmetric active', 'symmetric passive', 'Client', 'Server', 'Broadcast',
  'Control Message', 'Reserved',
];
const LEAP = ['', '+1s', '-1s', 'clock unsynchronized'];
const HEADER_LENGTH = 48;
/** Seconds from the NTP era (1900) to the Unix epoch. */
const UNIX_EPOCH = 2208988800;
const TWO_32 = 4294967296;

/** An NTP timestamp: `3919688384.066666666 (2024-03-17T18:19:44Z)`. */
function timestampText(ctx: DecodeContext, at: number): string {
  const seconds = ctx.r.u32(at);
  const fraction = ctx.r.u32(at + 4);
  const billionths = Math.floor((fraction / TWO_32) * 1e9);
  let text = `${seconds}.${String(billionths).padStart(9, '0')}`;
  if (seconds) {
    const date = new Date((seconds - UNIX_EPOCH) * 1000).toISOString();
    text += ` (${date.slice(0, 19)}Z)`;
  }
  return text;
}

/** The signed difference of two timestamps, `+0.043366072`; the later one alone if the
 * earlier is zero, as tcpdump does. */
function deltaText(ctx: DecodeContext, earlierAt: number, laterAt: number): string {
  const r = ctx.r;
  const earlier = r.u32(earlierAt);
  const earlierFraction = r.u32(earlierAt + 4);
  if (earlier === 0 && earlierFraction === 0) return timestampText(ctx, laterAt);
  const later = r.u32(laterAt);
  const laterFraction = r.u32(laterAt + 4);
  // Whole seconds and fraction, as unsigned 32-bit differences with a borrow.
  let negative: boolean;
  let whole: number;
  let fraction: number;
  if (later !== earlier) {
    negative = later < earlier;
    const [big, bigFraction, small, smallFraction] = negative
      ? [earlier, earlierFraction, later, laterFraction]
      : [later, laterFraction, earlier, earlierFraction];
    whole = (big - small) >>> 0;
    fraction = (bigFraction - smallFraction) >>> 0;
    if (smallFraction > bigFraction) whole = (whole - 1) >>> 0;
  } else {
    whole = 0;
    negative = !(laterFraction > earlierFraction);
    fraction = negative ? earlierFraction - laterFraction : laterFraction - earlierFraction;
  }
  const billionths = Math.floor((fraction / TWO_32) * 1e9);
  return `${negative ? '-' : '+'}${whole}.${String(billionths).padStart(9, '0')}`;
}

/** A 16.16 fixed-point number of seconds: `0.004440`. */
function shortText(ctx: DecodeContext, at: number): string {
  const whole = ctx.r.u16(at);
  const fraction = ctx.r.u16(at + 2);
  return `${whole}.${String(Math.floor((fraction / 65536) * 1e6)).padStart(6, '0')}`;
}

function referenceText(ctx: DecodeContext, stratum: number, at: number): string {
  switch (stratum) {
    case 0: return '(unspec)';
    case 1: return escapedText(ctx.r, at, 4);
    case 62: return `${ipv4String(ctx.r, at)} INFO_QUERY`;
    case 63: return `${ipv4String(ctx.r, at)} INFO_REPLY`;
    default: return `0x${ctx.r.u32(at).toString(16).padStart(8, '0')}`;
  }
}

function stratumName(stratum: number): string {
  if (stratum === 0) return 'unspecified or invalid';
  if (stratum === 1) return 'primary reference';
  return stratum <= 15 ? 'secondary reference' : 'reserved';
}

/** The header's time fields, one group a line, for the time-carrying modes. */
function printTimes(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  const leap = r.u8(at) >> 6;
  ctx.out += `\n\tLeap indicator: ${LEAP[leap]} (${leap})`;
  if (length < HEADER_LENGTH) {
    ctx.out += ' (invalid)';
    return;
  }
  const stratum = r.u8(at + 1);
  const poll = (r.u8(at + 2) << 24) >> 24;
  const precision = (r.u8(at + 3) << 24) >> 24;
  ctx.out += `, Stratum ${stratum} (${stratumName(stratum)}), poll ${poll}`;
  if (poll > -32 && poll < 32) ctx.out += poll >= 0 ? ` (${2 ** poll}s)` : ` (1/${2 ** -poll}s)`;
  ctx.out += `, precision ${precision}`;
  ctx.out += `\n\tRoot Delay: ${shortText(ctx, at + 4)}, Root dispersion: ` +
    `${shortText(ctx, at + 8)}, Reference-ID: ${referenceText(ctx, stratum, at + 12)}`;
  ctx.out += `\n\t  Reference Timestamp:  ${timestampText(ctx, at + 16)}` +
    `\n\t  Originator Timestamp: ${timestampText(ctx, at + 24)}` +
    `\n\t  Receive Timestamp:    ${timestampText(ctx, at + 32)}` +
    `\n\t  Transmit Timestamp:   ${timestampText(ctx, at + 40)}` +
    `\n\t    Originator - Receive Timestamp:  ${deltaText(ctx, at + 24, at + 32)}` +
    `\n\t    Originator - Transmit Timestamp: ${deltaText(ctx, at + 24, at + 40)}`;
  const hex = (where: number): string => r.u32(where).toString(16).padStart(8, '0');
  if (length === HEADER_LENGTH + 4) {
    ctx.out += `\n\tKey id: ${r.u32(at + 48)}`;
  } else if (length === HEADER_LENGTH + 20 || length === HEADER_LENGTH + 24) {
    ctx.out += `\n\tKey id: ${r.u32(at + 48)}\n\tAuthentication: `;
    for (let i = 52; i < length; i += 4) ctx.out += hex(at + i);
  } else if (length > HEADER_LENGTH) {
    ctx.out += `\n\t(${length - HEADER_LENGTH} more bytes after the header)`;
  }
}

/**
 * Prints `NTPv4, Client, length 48`, and with -v the time fields. Control messages
 * (mode 6) show only their first line: their -v decoding is not written.
 */
export function printNtp(ctx: DecodeContext, at: number, length: number): void {
  ctx.protocol = 'ntp';
  const status = ctx.r.u8(at);
  const mode = status & 0x7;
  ctx.out += `NTPv${(status >> 3) & 0x7}, ${MODES[mode]}, length ${length}`;
  if (ctx.verbose && mode <= 5) printTimes(ctx, at, length);
}
