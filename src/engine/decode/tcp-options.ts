// TCP options as tcpdump lists them: `options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]`.
// RFC 9293 (mss), 7323 (wscale, TS), 2018 (SACK), 2385 (md5), 5482 (uto), 5925 (tcp-ao),
// 7413 (tfo), 6994 (exp), 8684 (mptcp).

import type { DecodeContext } from './decode-context';
import { printMptcpOption } from './mptcp';

/** Option names by kind; an array, as this lookup runs for every option of every packet. */
const OPTION_NAMES: string[] = [];
for (let kind = 0; kind < 256; kind++) OPTION_NAMES.push(`unknown-${kind}`);
const KNOWN: [number, string][] = [
  [0, 'eol'], [1, 'nop'], [2, 'mss'], [3, 'wscale'], [4, 'sackOK'], [5, 'sack'],
  [6, 'echo'], [7, 'echoreply'], [8, 'TS'], [11, 'cc'], [12, 'ccnew'], [13, 'ccecho'],
  [19, 'md5'], [20, 'scps'], [28, 'uto'], [29, 'tcp-ao'], [30, 'mptcp'], [34, 'tfo'],
  [254, 'exp'],
];
for (const [kind, name] of KNOWN) OPTION_NAMES[kind] = name;

/** Thrown (once per bad packet) when an option's length does not fit: tcpdump's "bad opt". */
class BadOption extends Error {}

/** Thrown when an option's announced data was not captured (tcpdump's LENCHECK). */
class UncapturedOption extends Error {}

function hexBytes(ctx: DecodeContext, at: number, count: number, room: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i + 1 > room) throw new BadOption();
    text += ctx.r.u8(at + i).toString(16).padStart(2, '0');
  }
  return text;
}

/** tcpdump's LENCHECK: the option must hold `count` more bytes, and they must be captured. */
function checkRoom(ctx: DecodeContext, at: number, count: number, left: number): void {
  if (count > left) throw new BadOption();
  if (!ctx.r.has(at, count)) throw new UncapturedOption();
}

function printFastOpen(ctx: DecodeContext, at: number, length: number): void {
  if (length === 0) ctx.out += ' cookiereq';
  else if (length % 2 !== 0 || length < 4 || length > 16) ctx.out += ' invalid';
  else ctx.out += ` cookie ${hexBytes(ctx, at, length, length)}`;
}

/** The options are exactly nop, nop and a whole timestamp option, all captured. */
function isNopNopTimestamp(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  return length === 12 && r.has(at, 12) && r.u8(at) === 1 && r.u8(at + 1) === 1 &&
    r.u8(at + 2) === 8 && r.u8(at + 3) === 10;
}

/**
 * Prints the options in [at, at + length). `flags` is the TCP flags byte (MPTCP needs it).
 * Truncation ends the line with ` [|tcp]`, or ` [|tcp]>` inside an option's data, as
 * tcpdump's does.
 * Returns false after a malformed option, when tcpdump prints nothing more of the segment.
 */
export function printTcpOptions(
  ctx: DecodeContext, at: number, length: number, flags: number,
): boolean {
  const r = ctx.r;
  const state = ctx.tcp;
  if (isNopNopTimestamp(ctx, at, length)) {
    // Most segments of a connection carry only this: the loop below would print it alike.
    ctx.out += `, options [nop,nop,TS val ${r.u32(at + 4)} ecr ${r.u32(at + 8)}]`;
    return true;
  }
  let separator = '';
  let left = length;
  ctx.out += ', options [';
  try {
    while (left > 0) {
      ctx.out += separator;
      const kind = r.u8(at);
      at++;
      let optionLength = 1;
      if (kind !== 0 && kind !== 1) {
        optionLength = r.u8(at);
        at++;
        if (optionLength < 2 || optionLength > left) throw new BadOption();
        left--;
      }
      left--;
      let dataLength = 0;
      ctx.out += OPTION_NAMES[kind];

      switch (kind) {
        case 2:
          dataLength = 2;
          checkRoom(ctx, at, 2, left);
          ctx.out += ` ${r.u16(at)}`;
          break;
        case 3:
          dataLength = 1;
          checkRoom(ctx, at, 1, left);
          ctx.out += ` ${r.u8(at)}`;
          break;
        case 5:
          dataLength = optionLength - 2;
          if (dataLength % 8 !== 0) {
            ctx.out += ' invalid sack';
            break;
          }
          ctx.out += ` ${dataLength / 8} `;
          for (let i = 0; i < dataLength; i += 8) {
            checkRoom(ctx, at, i + 4, left);
            let start = r.u32(at + i);
            checkRoom(ctx, at, i + 8, left);
            let end = r.u32(at + i + 4);
            const base = state.reversed ? state.baseSeq : state.baseAck;
            start = (start - base) >>> 0;
            end = (end - base) >>> 0;
            ctx.out += `{${start}:${end}}`;
          }
          break;
        case 11: case 12: case 13:
          dataLength = 4;
          checkRoom(ctx, at, 4, left);
          ctx.out += ` ${r.u32(at)}`;
          break;
        case 8:
          dataLength = 8;
          checkRoom(ctx, at, 8, left);
          ctx.out += ` val ${r.u32(at)} ecr ${r.u32(at + 4)}`;
          break;
        case 19:
          dataLength = 16;
          checkRoom(ctx, at, 16, left);
          ctx.out += ` ${hexBytes(ctx, at, 16, 16)}`;
          break;
        case 20:
          dataLength = 2;
          checkRoom(ctx, at, 2, left);
          ctx.out += ` cap ${r.u8(at).toString(16).padStart(2, '0')} id ${r.u8(at + 1)}`;
          break;
        case 29:
          dataLength = optionLength - 2;
          if (dataLength < 2) {
            ctx.out += ' invalid';
            break;
          }
          checkRoom(ctx, at, 1, left);
          ctx.out += ` keyid ${r.u8(at)}`;
          checkRoom(ctx, at, 2, left);
          ctx.out += ` rnextkeyid ${r.u8(at + 1)}`;
          if (dataLength > 2) {
            ctx.out += ' mac 0x';
            for (let i = 2; i < dataLength; i++) {
              checkRoom(ctx, at, i + 1, left);
              ctx.out += r.u8(at + i).toString(16).padStart(2, '0');
            }
          }
          break;
        case 0: case 1: case 4:
          break;
        case 28: {
          dataLength = 2;
          checkRoom(ctx, at, 2, left);
          let timeout = r.u16(at);
          ctx.out += ` 0x${timeout.toString(16)}`;
          timeout = timeout & 1 ? (timeout >> 1) * 60 : timeout >> 1;
          ctx.out += ` ${timeout}`;
          break;
        }
        case 30: {
          dataLength = optionLength - 2;
          checkRoom(ctx, at, dataLength, left);
          const saved = r.narrow(at - 2, optionLength);
          const ok = printMptcpOption(ctx, at - 2, optionLength, flags);
          r.end = saved;
          if (!ok) throw new BadOption();
          break;
        }
        case 34:
          dataLength = optionLength - 2;
          checkRoom(ctx, at, dataLength, left);
          printFastOpen(ctx, at, dataLength);
          break;
        case 254: {
          dataLength = optionLength - 2;
          checkRoom(ctx, at, dataLength, left);
          if (dataLength < 2) throw new BadOption();
          const magic = r.u16(at);
          ctx.out += '-';
          if (magic === 0xf989) {
            ctx.out += 'tfo';
            printFastOpen(ctx, at + 2, dataLength - 2);
          } else {
            ctx.out += magic.toString(16).padStart(4, '0');
          }
          break;
        }
        default:
          dataLength = optionLength - 2;
          if (dataLength) ctx.out += ' 0x';
          for (let i = 0; i < dataLength; i++) {
            checkRoom(ctx, at, i + 1, left);
            ctx.out += r.u8(at + i).toString(16).padStart(2, '0');
          }
      }

      at += dataLength;
      left -= dataLength;
      const spent = dataLength + (kind === 0 || kind === 1 ? 1 : 2);
      if (spent !== optionLength) ctx.out += `[len ${optionLength}]`;
      separator = ',';
      if (kind === 0) break;
    }
  } catch (error) {
    if (error instanceof UncapturedOption) {
      // Here tcpdump leaves through its own exit, which adds '>' after the first option.
      ctx.out += separator ? ' [|tcp]>' : ' [|tcp]';
      return false;
    }
    if (!(error instanceof BadOption)) throw error;
    ctx.out += '[bad opt]';
    if (separator) ctx.out += ']';
    return false;
  }
  ctx.out += ']';
  return true;
}
