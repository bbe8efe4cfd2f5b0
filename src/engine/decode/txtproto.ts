// Line-oriented text protocols (SMTP, HTTP): tcpdump shows the first line, all lines with -v.

import type { DecodeContext } from './decode-context';

const MAX_TOKEN = 128;

function isPrintable(b: number): boolean {
  return b >= 0x20 && b < 0x7f;
}

/**
 * Reads the whitespace-delimited token at `at` and skips the blanks after it. Returns the
 * index after them and the token, or 0 when there is no printable token there.
 */
function fetchToken(
  ctx: DecodeContext, start: number, index: number, length: number,
): [number, string] {
  const r = ctx.r;
  let token = '';
  for (; index < length; index++) {
    if (!r.has(start + index, 1)) return [0, ''];
    const c = r.data[start + index];
    if (c > 0x7f) return [0, ''];
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
    if (!isPrintable(c)) return [0, ''];
    if (token.length + 2 > MAX_TOKEN) return [0, ''];
    token += String.fromCharCode(c);
  }
  if (token.length === 0) return [0, ''];
  for (; index < length; index++) {
    if (!r.has(start + index, 1)) break;
    const c = r.data[start + index];
    if (c === 0x0d || c === 0x0a || !isPrintable(c)) break;
    if (c !== 0x20 && c !== 0x09) break;
  }
  return [index, token];
}

/**
 * Prints the line starting at `index` after `prefix` if it is printable text ending in
 * CRLF or LF (or running to the end of the payload). Returns the index of the next line,
 * or 0 when there is none to print after this one.
 */
function printLine(
  ctx: DecodeContext, prefix: string, start: number, index: number, length: number,
): number {
  const r = ctx.r;
  const first = index;
  let lineLength: number;
  while (index < length) {
    const c = r.u8(start + index);
    if (c === 0x0a) {
      lineLength = index - first;
      index++;
      ctx.out += prefix + lineText(ctx, start + first, lineLength);
      return index;
    }
    if (c === 0x0d) {
      if (index + 1 >= length) return 0;
      if (r.u8(start + index + 1) === 0x0a) {
        lineLength = index - first;
        index += 2;
        ctx.out += prefix + lineText(ctx, start + first, lineLength);
        return index;
      }
      return 0;
    }
    if (!isPrintable(c) && c !== 0x09) return 0;
    index++;
  }
  // Printable to the end with no line ending: tcpdump shows it and marks it truncated.
  ctx.out += prefix + lineText(ctx, start + first, index - first) + ` [|${ctx.protocol}]`;
  return 0;
}

function lineText(ctx: DecodeContext, at: number, length: number): string {
  return ctx.r.latin1(at, length);
}

export interface TextProtocol {
  /** Upper-case name tcpdump prints (`SMTP`); the lower-case one names truncation. */
  readonly name: string;
  /** Request verbs; when given, only requests and responses are printed. */
  readonly commands?: ReadonlySet<string>;
  /** The response code is the second token (`HTTP/1.1 200 OK`). */
  readonly codeIsSecondToken?: boolean;
}

export function printTextProtocol(
  ctx: DecodeContext, protocol: TextProtocol, at: number, length: number,
): void {
  ctx.protocol = protocol.name.toLowerCase();
  let show = protocol.commands === undefined;
  if (protocol.commands) {
    let [index, token] = fetchToken(ctx, at, 0, length);
    if (index !== 0) {
      if (protocol.commands.has(token.toUpperCase())) show = true;
      if (protocol.codeIsSecondToken) [index, token] = fetchToken(ctx, at, index, length);
      if (index !== 0 && /^[0-9]{3}$/.test(token)) show = true;
    }
  }
  ctx.out += protocol.name;
  if (!show) return;
  if (ctx.verbose) {
    ctx.out += `, length: ${length}`;
    for (let index = 0; index < length;) {
      index = printLine(ctx, '\n\t', at, index, length);
      if (index === 0) break;
    }
  } else {
    printLine(ctx, ': ', at, 0, length);
  }
}
