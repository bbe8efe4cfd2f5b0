// IPv4 options as tcpdump -v lists them (RFC 791, RFC 2113 router alert).

import { ipv4String } from './address';
import type { DecodeContext } from './decode-context';

const OPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'EOL'], [1, 'NOP'], [7, 'RR'], [68, 'timestamp'], [130, 'security'],
  [131, 'LSRR'], [137, 'SSRR'], [148, 'RA'], [82, 'traceroute'],
]);

/** Record route and source routes: a pointer, then addresses; `,` marks those passed. */
function printRoute(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  if (length < 3) {
    ctx.out += ` [bad length ${length}]`;
    return;
  }
  if ((length + 1) & 3) ctx.out += ` [bad length ${length}]`;
  const pointerByte = r.u8(at + 2);
  const pointer = pointerByte - 1;
  if (pointer < 3 || ((pointer + 1) & 3) || pointer > length + 1) {
    ctx.out += ` [bad ptr ${pointerByte}]`;
  }
  for (let i = 3; i < length; i += 4) {
    ctx.out += ` ${ipv4String(r, at + i)}`;
    if (pointer > i) ctx.out += ',';
  }
}

/** RFC 791 timestamps; `^` marks where the next one would go. */
function printTimestamp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  if (length < 4) {
    ctx.out += `[bad length ${length}]`;
    return;
  }
  ctx.out += ' TS{';
  const flags = r.u8(at + 3);
  const hopLength = (flags & 0xf) !== 0 ? 8 : 4;
  if ((length - 4) & (hopLength - 1)) ctx.out += `[bad length ${length}]`;
  const pointerByte = r.u8(at + 2);
  const pointer = pointerByte - 1;
  if (pointer < 4 || ((pointer - 4) & (hopLength - 1)) || pointer > length + 1) {
    ctx.out += `[bad ptr ${pointerByte}]`;
  }
  let i = 0;
  const kind = flags & 0xf;
  if (kind === 0 || kind === 1 || kind === 3) {
    ctx.out += kind === 0 ? 'TSONLY' : kind === 1 ? 'TS+ADDR' : 'PRESPEC';
    for (i = 4; i < length; i += hopLength) {
      const mark = pointer === i ? ' ^ ' : ' ';
      const stamp = r.u32(at + i + hopLength - 4);
      const address = hopLength === 8 ? ipv4String(r, at + i) : '';
      ctx.out += `${mark}${stamp}@${address}`;
    }
  } else {
    ctx.out += `[bad ts type ${kind}]`;
  }
  ctx.out += pointer === i ? ' ^ ' : '';
  if (flags >> 4) ctx.out += ` [${flags >> 4} hops not recorded]} `;
  else ctx.out += '}';
}

/** Prints the options in [at, at + length); throws TRUNCATED past the captured bytes. */
export function printIpv4Options(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  let separator = '';
  while (length > 0) {
    ctx.out += separator;
    separator = ',';
    const code = r.u8(at);
    ctx.out += OPTION_NAMES.get(code) ?? `unknown ${code}`;
    let optionLength = 1;
    if (code !== 0 && code !== 1) {
      optionLength = r.u8(at + 1);
      if (optionLength < 2) {
        ctx.out += ` [bad length ${optionLength}]`;
        return;
      }
    }
    if (optionLength > length) {
      ctx.out += ` [bad length ${optionLength}]`;
      return;
    }
    r.need(at, optionLength);
    if (code === 0) return;
    if (code === 68) printTimestamp(ctx, at, optionLength);
    else if (code === 7 || code === 131 || code === 137) printRoute(ctx, at, optionLength);
    else if (code === 148) {
      if (optionLength < 4) ctx.out += ` [bad length ${optionLength}]`;
      else {
        const value = r.u16(at + 2);
        if (value) ctx.out += ` value ${value}`;
      }
    }
    at += optionLength;
    length -= optionLength;
  }
}
