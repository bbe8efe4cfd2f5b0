// Link types with no link header: raw IP (version from the first nibble), IPv4, IPv6.

import type { DecodeContext } from './decode-context';
import { decodeIpv4 } from './ipv4';
import { decodeIpv6 } from './ipv6';

export function decodeRawIp(ctx: DecodeContext): void {
  ctx.protocol = 'raw';
  ctx.networkOffset = 0;
  if (ctx.linkLevel) ctx.out += 'ip: ';
  if (ctx.r.end < 1) {
    ctx.out += ' [|raw]';
    return;
  }
  const version = ctx.r.u8(0) >> 4;
  if (version === 4) decodeIpv4(ctx, 0, ctx.originalLength);
  else if (version === 6) decodeIpv6(ctx, 0, ctx.originalLength);
  else ctx.out += `unknown ip ${version}`;
}
