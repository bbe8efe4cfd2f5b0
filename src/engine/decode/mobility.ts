// The IPv6 Mobility Header (RFC 6275 section 6.1), summarised as tcpdump does.

import { ipv6String } from './address';
import type { DecodeContext } from './decode-context';

export const IPPROTO_MOBILITY = 135;
/** The number drafts of RFC 3775 used before 135 was assigned. */
export const IPPROTO_MOBILITY_OLD = 62;

const TYPE_NAMES = ['BRR', 'HoTI', 'CoTI', 'HoT', 'CoT', 'BU', 'BA', 'BE'];
/** The smallest header each message type fits in. */
const MIN_LENGTHS = [8, 16, 16, 24, 24, 12, 12, 24];
const MIN_LENGTH = 8;

function hex8(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** Prints the mobility message at `at`; nothing follows it in the packet's decode. */
export function printMobility(ctx: DecodeContext, at: number): void {
  const r = ctx.r;
  ctx.protocol = 'mobility';
  const length = (r.u8(at + 1) + 1) << 3;
  const type = r.u8(at + 2);
  if (type < MIN_LENGTHS.length && length < MIN_LENGTHS[type]) {
    ctx.out += `(header length ${length} is too small for type ${type}) [|mobility]`;
    return;
  }
  ctx.out += `mobility: ${TYPE_NAMES[type] ?? `type-#${type}`}`;
  const cookie = (name: string, where: number): void => {
    ctx.out += ` ${name}=${hex8(r.u32(where))}:${hex8(r.u32(where + 4))}`;
  };
  switch (type) {
    case 0:
      break;
    case 1:
    case 2:
      if (ctx.verbose) cookie(`${type === 1 ? 'Home' : 'Care-of'} Init Cookie`, at + 8);
      break;
    case 3:
    case 4: {
      ctx.out += ` nonce id=0x${r.u16(at + 6).toString(16)}`;
      const who = type === 3 ? 'Home' : 'Care-of';
      if (ctx.verbose) {
        cookie(`${who} Init Cookie`, at + 8);
        cookie(`${who} Keygen Token`, at + 16);
      }
      break;
    }
    case 5: {
      ctx.out += ` seq#=${r.u16(at + 6)}`;
      const bits = r.u8(at + MIN_LENGTH) >> 4;
      if (bits) {
        let names = '';
        if (bits & 8) names += 'A';
        if (bits & 4) names += 'H';
        if (bits & 2) names += 'L';
        if (bits & 1) names += 'K';
        ctx.out += ` ${names}`;
      }
      ctx.out += ` lifetime=${r.u16(at + MIN_LENGTH + 2) << 2}`;
      break;
    }
    case 6:
      ctx.out += ` status=${r.u8(at + 6)}`;
      if (r.u8(at + 7) & 0x80) ctx.out += ' K';
      ctx.out += ` seq#=${r.u16(at + MIN_LENGTH)}`;
      ctx.out += ` lifetime=${r.u16(at + MIN_LENGTH + 2) << 2}`;
      break;
    case 7:
      ctx.out += ` status=${r.u8(at + 6)}`;
      ctx.out += ` homeaddr ${ipv6String(r, at + MIN_LENGTH)}`;
      break;
    default:
      ctx.out += ` len=${r.u8(at + 1)}`;
  }
  // Mobility options (RFC 6275 6.2) are not decoded: tcpdump shows them only with -v,
  // and no capture we test against carries them.
}
