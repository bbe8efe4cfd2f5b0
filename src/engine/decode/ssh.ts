// The SSH identification line (RFC 4253 section 4.2), the one part of SSH sent in clear.

import type { DecodeContext } from './decode-context';

export const SSH_PORT = 22;
const PREFIX = [0x53, 0x53, 0x48, 0x2d]; // "SSH-"

/** Prints `: SSH: SSH-2.0-...` when the payload starts with a complete version line. */
export function printSshVersion(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'ssh';
  for (let i = 0; i < PREFIX.length; i++) if (r.u8(at + i) !== PREFIX[i]) return;
  for (let i = PREFIX.length; i < length; i++) {
    const c = r.u8(at + i);
    let ends = c === 0x0a;
    if (c === 0x0d) {
      if (i + 1 >= length || r.u8(at + i + 1) !== 0x0a) return;
      ends = true;
    }
    if (ends) {
      ctx.out += `: SSH: ${r.latin1(at, i)}`;
      return;
    }
    if (c < 0x20 || c > 0x7e) return;
  }
}
