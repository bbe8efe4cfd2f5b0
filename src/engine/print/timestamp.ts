// tcpdump's timestamp column (-t ... -ttttt, --nano), as Debian's tcpdump 4.99 prints it.

import type { PacketRecord } from '../files/packet-record';

/**
 * none is -t, epoch -tt, delta-previous -ttt, date-time -tttt, delta-first -ttttt;
 * time (no -t) is the default.
 */
export type TimestampStyle =
  | 'time' | 'none' | 'epoch' | 'delta-previous' | 'date-time' | 'delta-first';

/** The tcpdump style for a count of -t flags (0 to 5). */
export function timestampStyleForCount(count: number): TimestampStyle {
  const styles: TimestampStyle[] =
    ['time', 'none', 'epoch', 'delta-previous', 'date-time', 'delta-first'];
  return styles[Math.min(Math.max(count, 0), 5)];
}

/**
 * A time as libpcap hands it to tcpdump: whole seconds and a fraction in microseconds, or
 * nanoseconds with --nano. The fraction can lie outside 0..unit-1: a classic pcap record
 * may hold any 32-bit value there, and tcpdump prints it rather than correcting it.
 */
export interface PacketTime {
  readonly seconds: number;
  readonly fraction: number;
}

/** Where a record came from, which decides how libpcap reads its time fields. */
export interface TimeSource {
  /** Classic pcap stores both fields as 32-bit values that libpcap reads as signed. */
  readonly classicPcap: boolean;
  /** Ticks per second of the record's interface (1e6 or 1e9 for classic pcap). */
  readonly ticksPerSecond: number;
}

const TWO_32 = 2 ** 32;
const TWO_31 = 2 ** 31;
const ERROR_TEXT = '[Error converting time]';

function signed32(value: number): number {
  // Nearly every time is already in range; the float remainders below cost more than a test.
  if (value >= 0 && value < TWO_31 && Number.isInteger(value)) return value;
  const low = ((value % TWO_32) + TWO_32) % TWO_32;
  return low >= TWO_31 ? low - TWO_32 : low;
}

function unsigned32(value: number): number {
  if (value >= 0 && value < TWO_32 && Number.isInteger(value)) return value;
  return ((value % TWO_32) + TWO_32) % TWO_32;
}

/** One view over the parser's current buffer, reused while records come from it. */
let headerBuffer: ArrayBufferLike | undefined;
let headerView: DataView | undefined;

function viewOver(buffer: ArrayBufferLike): DataView {
  if (buffer !== headerBuffer || !headerView) {
    headerBuffer = buffer;
    headerView = new DataView(buffer);
  }
  return headerView;
}

/** Byte order of a record header that matches the record: none, little or big endian. */
const StoredOrder = { None: 0, Little: 1, Big: 2 } as const;
type StoredOrder = (typeof StoredOrder)[keyof typeof StoredOrder];

function matchesRecord(
  header: DataView, at: number, little: boolean, record: PacketRecord, tickToNano: number,
): boolean {
  if (header.getUint32(at + 8, little) !== record.capturedLength) return false;
  if (header.getUint32(at + 12, little) !== record.originalLength) return false;
  const nanos = header.getUint32(at + 4, little) * tickToNano;
  const carried = header.getUint32(at, little) + Math.floor(nanos / 1e9);
  return carried === record.seconds && nanos % 1e9 === record.nanoseconds;
}

/**
 * Whether the record's two 32-bit time fields can be read exactly as stored, and in which
 * byte order. The pcap parser carries a fraction of a second or more into the seconds, but
 * tcpdump prints such a fraction as stored, so we need the stored fields back. The parser
 * hands out `data` as a view just after the 16-byte record header in the same buffer; we
 * read the header there and accept it only if it reproduces the record's lengths and time.
 * Known gap: this leans on that layout; a raw-time field on PacketRecord would be cleaner.
 */
function storedOrder(record: PacketRecord, header: DataView, ticksPerSecond: number): StoredOrder {
  const at = record.data.byteOffset - 16;
  if (at < 0) return StoredOrder.None;
  const tickToNano = ticksPerSecond === 1e9 ? 1 : 1000;
  if (matchesRecord(header, at, true, record, tickToNano)) return StoredOrder.Little;
  if (matchesRecord(header, at, false, record, tickToNano)) return StoredOrder.Big;
  return StoredOrder.None;
}

/** The time tcpdump sees for a record, at microsecond or (--nano) nanosecond precision. */
export function packetTime(record: PacketRecord, source: TimeSource, nano: boolean): PacketTime {
  // A pcapng Simple Packet Block has no time; libpcap reports zero.
  if (!record.hasTimestamp) return { seconds: 0, fraction: 0 };

  if (!source.classicPcap) {
    const fraction = nano ? record.nanoseconds : Math.trunc(record.nanoseconds / 1000);
    return { seconds: record.seconds, fraction };
  }

  // libpcap reads the record's two 32-bit fields as signed, then scales the fraction by
  // 1000 up or down (C division, so toward zero) when the file and the precision differ.
  const fileIsNano = source.ticksPerSecond === 1e9;
  const header = viewOver(record.data.buffer);
  const order = storedOrder(record, header, source.ticksPerSecond);
  let storedSeconds: number;
  let storedFraction: number;
  if (order === StoredOrder.None) {
    storedSeconds = record.seconds;
    storedFraction = fileIsNano ? record.nanoseconds : Math.round(record.nanoseconds / 1000);
  } else {
    const at = record.data.byteOffset - 16;
    const little = order === StoredOrder.Little;
    storedSeconds = header.getUint32(at, little);
    storedFraction = header.getUint32(at + 4, little);
  }
  let fraction = signed32(storedFraction);
  if (nano && !fileIsNano) fraction *= 1000;
  if (!nano && fileIsNano) fraction = Math.trunc(fraction / 1000);
  return { seconds: signed32(storedSeconds), fraction };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** tcpdump prints the fraction through an unsigned 32-bit conversion: "%06u" or "%09u". */
function fractionText(fraction: number, nano: boolean): string {
  const value = unsigned32(fraction);
  // Most fractions already have all their digits: no padding to build.
  if (value >= (nano ? 100_000_000 : 100_000) && value < (nano ? 1e9 : 1e6)) return String(value);
  return pad(value, nano ? 9 : 6);
}

/** tcpdump refuses any time whose low 32 bits have the top bit set (a negative time_t). */
function convertible(seconds: number): boolean {
  return unsigned32(seconds) < TWO_31;
}

function dateOf(seconds: number): Date | undefined {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function clockText(date: Date, utc: boolean): string {
  const hours = utc ? date.getUTCHours() : date.getHours();
  const minutes = utc ? date.getUTCMinutes() : date.getMinutes();
  const seconds = utc ? date.getUTCSeconds() : date.getSeconds();
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}`;
}

function dayText(date: Date): string {
  const year = pad(date.getFullYear(), 4);
  return `${year}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}

function isBefore(a: PacketTime, b: PacketTime): boolean {
  return a.seconds === b.seconds ? a.fraction < b.fraction : a.seconds < b.seconds;
}

/** Subtracts with a single borrow, as tcpdump does, so odd fractions stay odd. */
function subtract(a: PacketTime, b: PacketTime, nano: boolean): PacketTime {
  let seconds = a.seconds - b.seconds;
  let fraction = a.fraction - b.fraction;
  if (fraction < 0) {
    seconds -= 1;
    fraction += nano ? 1e9 : 1e6;
  }
  return { seconds, fraction };
}

export interface TimestampOptions {
  readonly style: TimestampStyle;
  /** --nano: nine fraction digits instead of six. */
  readonly nano?: boolean;
}

/**
 * Formats the timestamp column of each packet in turn; the delta styles remember the
 * previous or first packet, so use one formatter per file, in file order.
 */
export class TimestampFormatter {
  readonly style: TimestampStyle;
  readonly nano: boolean;
  private reference: PacketTime = { seconds: 0, fraction: 0 };
  /**
   * The clock (and date) text of the last whole second printed: packets come many to a
   * second, and building the text through Date costs more than the rest of the column.
   */
  private lastSecond = { seconds: Number.NaN, text: '' };

  constructor(options: TimestampOptions) {
    this.style = options.style;
    this.nano = options.nano ?? false;
  }

  /** The column text followed by one space, or '' for -t. */
  format(time: PacketTime): string {
    switch (this.style) {
      case 'none':
        return '';
      case 'epoch':
        return this.epoch(time) + ' ';
      case 'time':
        return this.clock(time, false) + ' ';
      case 'date-time':
        return this.clock(time, true) + ' ';
      case 'delta-previous':
      case 'delta-first':
        return this.delta(time) + ' ';
    }
  }

  private epoch(time: PacketTime): string {
    if (!convertible(time.seconds)) return ERROR_TEXT;
    return `${unsigned32(time.seconds)}.${fractionText(time.fraction, this.nano)}`;
  }

  private clock(time: PacketTime, withDate: boolean): string {
    if (time.seconds !== this.lastSecond.seconds) {
      const date = convertible(time.seconds) ? dateOf(time.seconds) : undefined;
      const text = !date ? '' : withDate ? `${dayText(date)} ${clockText(date, false)}`
        : clockText(date, false);
      this.lastSecond = { seconds: time.seconds, text };
    }
    const text = this.lastSecond.text;
    if (text === '') return ERROR_TEXT;
    return `${text}.${fractionText(time.fraction, this.nano)}`;
  }

  private delta(time: PacketTime): string {
    // tcpdump takes an all-zero reference as "not set yet", so a packet stamped exactly
    // at the epoch makes the next packet a new starting point.
    const unset = this.reference.seconds === 0 && this.reference.fraction === 0;
    if (unset) this.reference = time;

    const negative = isBefore(time, this.reference);
    const difference = negative
      ? subtract(this.reference, time, this.nano)
      : subtract(time, this.reference, this.nano);
    if (this.style === 'delta-previous') this.reference = time;

    // The difference goes through the same calendar conversion as a time of day, in UTC,
    // so a gap of more than a day shows only its hours within the day.
    const date = convertible(difference.seconds) ? dateOf(difference.seconds) : undefined;
    const sign = negative ? '-' : ' ';
    if (!date) return sign + ERROR_TEXT;
    return `${sign}${clockText(date, true)}.${fractionText(difference.fraction, this.nano)}`;
  }
}
