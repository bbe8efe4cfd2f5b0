// VRRP (RFC 3768 version 2, RFC 5798 version 3), as tcpdump summarises it.

import { ipv4String } from './address';
import { onesSum } from './checksum';
import type { DecodeContext } from './decode-context';
import { escapedText } from './text';

export const IPPROTO_VRRP = 112;
const AUTH_TYPES = ['none', 'simple', 'ah'];

export function decodeVrrp(ctx: DecodeContext, at: number, length: number, ttl: number): void {
  const r = ctx.r;
  ctx.protocol = 'vrrp';
  const first = r.u8(at);
  const version = first >> 4;
  const type = first & 0x0f;
  ctx.out += `VRRPv${version}, ${type === 1 ? 'Advertisement' : `unknown type (${type})`}`;
  if (ttl !== 255) ctx.out += `, (ttl ${ttl})`;
  if (version < 2 || version > 3 || type !== 1) return;

  ctx.out += `, vrid ${r.u8(at + 1)}, prio ${r.u8(at + 2)}`;
  const addressCount = r.u8(at + 3);
  const authType = r.u8(at + 4);
  if (version === 2) {
    ctx.out += `, authtype ${AUTH_TYPES[authType] ?? '(null)'}` +
      `, intvl ${r.u8(at + 5)}s, length ${length}`;
  } else {
    const interval = ((r.u8(at + 4) & 0x0f) << 8) | r.u8(at + 5);
    ctx.out += `, intvl ${interval}cs, length ${length}`;
  }
  if (!ctx.verbose) return;

  if (r.has(at, length) && onesSum(r, at, length) !== 0xffff) {
    ctx.out += `, (bad vrrp cksum ${r.u16(at + 6).toString(16)})`;
  }
  ctx.out += ', addrs';
  if (addressCount > 1) ctx.out += `(${addressCount})`;
  ctx.out += ':';
  let separator = ' ';
  for (let i = 0; i < addressCount; i++) {
    ctx.out += separator + ipv4String(r, at + 8 + i * 4);
    separator = ',';
  }
  if (version === 2 && authType === 1) {
    const password = at + 8 + addressCount * 4;
    r.need(password, 8);
    let end = 0;
    while (end < 8 && r.data[password + end] !== 0) end++;
    ctx.out += ` auth "${escapedText(r, password, end)}"`;
  }
}
