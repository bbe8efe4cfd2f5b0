// BSD loopback headers: a 4-byte address family, host order (NULL) or network order (LOOP).

import type { DecodeContext } from './decode-context';
import { linkDefaultPrint } from './default-print';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';

const HEADER_LENGTH = 4;

/** AF_ values of the BSDs; IPv6 has a different number on each of them. */
const FAMILY_NAMES: ReadonlyMap<number, string> = new Map([
  [2, 'IPv4'], [24, 'IPv6'], [28, 'IPv6'], [30, 'IPv6'], [7, 'OSI'], [16, 'Appletalk'],
  [23, 'IPX'],
]);

function headerText(ctx: DecodeContext, family: number, length: number): string {
  const name = FAMILY_NAMES.get(family);
  const text = ctx.quiet ? name ?? `Unknown AF ${family}` : `AF ${name ?? 'Unknown'} (${family})`;
  return `${text}, length ${length}: `;
}

export function decodeNullLoop(ctx: DecodeContext, networkOrder: boolean): void {
  const r = ctx.r;
  ctx.protocol = networkOrder ? 'loop' : 'null';
  if (r.end < HEADER_LENGTH) {
    ctx.networkOffset = r.end;
    ctx.out += ` [|${ctx.protocol}]`;
    return;
  }

  // The writer's byte order is not recorded; families are small, so a value with high
  // bits set was written in the other order.
  let family = networkOrder ? r.u32(0) : r.u32le(0);
  if (!networkOrder && (family & 0xffff0000) !== 0) family = r.u32(0);
  if (ctx.tree) {
    ctx.tree.layer('null', 'Null/Loopback', 0);
    ctx.tree.add('null.family', 'Family', 0, 4, family);
  }
  ctx.networkOffset = HEADER_LENGTH;
  const length = ctx.originalLength - HEADER_LENGTH;
  if (ctx.linkLevel) ctx.out += headerText(ctx, family, ctx.originalLength);

  const name = FAMILY_NAMES.get(family);
  if (name === 'IPv4') decodeIpv4(ctx, HEADER_LENGTH, length);
  else if (name === 'IPv6') decodeIpv6(ctx, HEADER_LENGTH, length);
  else {
    if (!ctx.linkLevel) ctx.out += headerText(ctx, family, ctx.originalLength);
    linkDefaultPrint(ctx, HEADER_LENGTH, length);
  }
}
