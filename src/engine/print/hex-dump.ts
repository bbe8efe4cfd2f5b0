// The packet dumps tcpdump prints under a packet line: -x/-xx, -X/-XX and -A/-AA.

/** hex is -x, hex-ascii -X, ascii -A; the doubled flags only move the start to byte 0. */
export type DumpStyle = 'hex' | 'hex-ascii' | 'ascii';

const BYTES_PER_LINE = 16;
/** Width of a full line of " 4500 003c ..." groups: eight groups of five characters. */
const HEX_COLUMN_WIDTH = 40;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;
const TILDE = 0x7e;

const HEX_DIGITS = '0123456789abcdef';

function hexByte(byte: number): string {
  return HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 0x0f];
}

function offsetText(offset: number): string {
  return '0x' + offset.toString(16).padStart(4, '0');
}

/** Bytes as tcpdump groups them: " 4500 003c", a lone last byte as " 3c". */
function hexGroups(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at += 2) {
    text += ' ' + hexByte(bytes[at]);
    if (at + 1 < end) text += hexByte(bytes[at + 1]);
  }
  return text;
}

/** The -X column shows only visible characters: even a space becomes a dot. */
function graphic(byte: number): boolean {
  return byte > SPACE && byte <= TILDE;
}

function asciiColumn(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at++) {
    text += graphic(bytes[at]) ? String.fromCharCode(bytes[at]) : '.';
  }
  return text;
}

/** -x: lines of "\t0x0010:  4500 ...", each starting on a new line. */
function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_LINE) {
    const end = Math.min(start + BYTES_PER_LINE, bytes.length);
    lines.push(`\n\t${offsetText(start)}: ${hexGroups(bytes, start, end)}`);
  }
  return lines.join('');
}

/** -X: the -x line padded to full width, two spaces, then the bytes as text. */
function hexAsciiDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_LINE) {
    const end = Math.min(start + BYTES_PER_LINE, bytes.length);
    const hex = hexGroups(bytes, start, end).padEnd(HEX_COLUMN_WIDTH, ' ');
    lines.push(`\n\t${offsetText(start)}: ${hex}  ${asciiColumn(bytes, start, end)}`);
  }
  return lines.join('');
}

/**
 * -A: the bytes as text on the lines that follow. Line feeds, tabs and spaces pass through;
 * a carriage return before a line feed, or at the very end (where a segment often splits a
 * CRLF), is dropped, so CRLF text reads as lines.
 */
function asciiDump(bytes: Uint8Array): string {
  const parts: string[] = ['\n'];
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === CR) {
      if (at + 1 < bytes.length && bytes[at + 1] !== LF) parts.push('.');
      continue;
    }
    const passes = graphic(byte) || byte === TAB || byte === SPACE || byte === LF;
    parts.push(passes ? String.fromCharCode(byte) : '.');
  }
  return parts.join('');
}

/**
 * The dump tcpdump appends to a packet line, before the line's own newline: it begins with
 * a newline of its own, and is empty when there are no bytes to show.
 */
export function formatDump(bytes: Uint8Array, style: DumpStyle): string {
  if (bytes.length === 0) return '';
  switch (style) {
    case 'hex':
      return hexDump(bytes);
    case 'hex-ascii':
      return hexAsciiDump(bytes);
    case 'ascii':
      return asciiDump(bytes);
  }
}
