// Reads a rebuilt message's header (RFC 5322) and MIME structure (RFC 2045, 2046) for display.

import type { SmtpMessage } from '../../../engine/smtp/smtp-model';
import type { SmtpMessageSummary, SmtpMimePart } from '../../../shared/api';
import { decodeEncodedWords } from './encoded-words';

const MAX_HEADERS = 200;
const MAX_VALUE_CHARS = 4000;
const MAX_PARTS = 200;
const MAX_DEPTH = 8;
/**
 * MIME parts are looked for in the first 16 MiB only: a larger message still gets its
 * header summary and size, but parts further on are not listed.
 */
const MAX_SCANNED_BYTES = 16 * 1024 * 1024;

interface Header {
  name: string;
  value: string;
}

/** One char per byte, so string positions are byte offsets. */
function byteString(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 8192) {
    text += String.fromCharCode(...bytes.subarray(at, at + 8192));
  }
  return text;
}

/** RFC 6532 allows UTF-8 in header values; anything else shows as U+FFFD. */
function utf8(byteText: string): string {
  const bytes = Uint8Array.from(byteText, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8').decode(bytes);
}

/** Where the header section ends and the body starts (after the empty line). */
function splitHeader(text: string, from: number, to: number): { end: number; body: number } {
  if (text.startsWith('\r\n', from)) return { end: from, body: from + 2 };
  const blank = text.indexOf('\r\n\r\n', from);
  if (blank < 0 || blank >= to) return { end: to, body: to };
  return { end: blank + 2, body: blank + 4 };
}

function parseHeaders(text: string, from: number, end: number): Header[] {
  const headers: Header[] = [];
  for (const line of text.slice(from, end).split('\r\n')) {
    if (line === '') continue;
    const last = headers.at(-1);
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      // Unfolding (RFC 5322 2.2.3): the CRLF goes, the whitespace stays.
      if (last.value.length < MAX_VALUE_CHARS) last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || headers.length >= MAX_HEADERS) continue;
    headers.push({ name: line.slice(0, colon).trim(),
      value: line.slice(colon + 1).trim().slice(0, MAX_VALUE_CHARS) });
  }
  return headers.map(({ name, value }) => ({ name, value: decodeEncodedWords(utf8(value)) }));
}

function find(headers: Header[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/** `text/plain; charset=x; name="a b"`: the lower-cased type and its parameters. */
function contentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (!value) return { type: 'text/plain', params };
  const [type, ...rest] = value.split(';');
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals < 0) continue;
    const key = param.slice(0, equals).trim().toLowerCase();
    params.set(key, param.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

interface Walk {
  text: string;
  parts: SmtpMimePart[];
}

/** Lists the leaf parts of the entity whose header starts at `from`. */
function walkEntity(walk: Walk, from: number, to: number, path: string, depth: number): void {
  if (walk.parts.length >= MAX_PARTS) return;
  const { end, body } = splitHeader(walk.text, from, to);
  const headers = parseHeaders(walk.text, from, end);
  const { type, params } = contentType(find(headers, 'content-type'));
  const boundary = params.get('boundary');
  if (type.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const children = splitMultipart(walk.text, body, to, boundary);
    children.forEach(([start, stop], index) => walkEntity(walk, start, stop,
      path ? `${path}.${index + 1}` : String(index + 1), depth + 1));
    return;
  }
  const disposition = contentType(find(headers, 'content-disposition')).params;
  const filename = disposition.get('filename') ?? params.get('name');
  walk.parts.push({ path: path || '1', contentType: type,
    ...(filename !== undefined && { filename: decodeEncodedWords(filename) }),
    size: Math.max(0, to - body) });
}

/** Body spans between `--boundary` delimiter lines, up to the closing `--boundary--`. */
function splitMultipart(text: string, from: number, to: number, boundary: string):
  Array<[number, number]> {
  const delimiter = `--${boundary}`;
  const spans: Array<[number, number]> = [];
  let start = -1;
  let at = from;
  while (at < to && spans.length < MAX_PARTS) {
    const found = text.indexOf(delimiter, at);
    if (found < 0 || found >= to) break;
    const atLineStart = found === from || text.startsWith('\r\n', found - 2);
    if (!atLineStart) {
      at = found + delimiter.length;
      continue;
    }
    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
    if (start >= 0) spans.push([start, Math.max(start, found - 2)]);
    if (text.startsWith('--', found + delimiter.length)) return spans;
    const lineEnd = text.indexOf('\r\n', found);
    if (lineEnd < 0 || lineEnd >= to) return spans;
    start = lineEnd + 2;
    at = start;
  }
  // No closing delimiter: the capture ended inside the last part.
  if (start >= 0 && spans.length < MAX_PARTS) spans.push([start, to]);
  return spans;
}

export function summarizeMessage(message: SmtpMessage): SmtpMessageSummary {
  const scanned = message.bytes.subarray(0, MAX_SCANNED_BYTES);
  const text = byteString(scanned);
  const { end } = splitHeader(text, 0, text.length);
  const headers = parseHeaders(text, 0, end);
  const walk: Walk = { text, parts: [] };
  walkEntity(walk, 0, text.length, '', 0);
  return {
    number: message.number,
    via: message.via,
    size: message.bytes.length,
    complete: message.complete,
    missingBytes: message.missingBytes,
    accepted: message.accepted,
    packets: [...new Set([message.firstFrame, message.lastFrame])],
    from: find(headers, 'from'),
    to: find(headers, 'to'),
    cc: find(headers, 'cc'),
    subject: find(headers, 'subject'),
    date: find(headers, 'date'),
    messageId: find(headers, 'message-id'),
    headers,
    parts: walk.parts,
  };
}
