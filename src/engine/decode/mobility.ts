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
  if (ctx.verbose && type < MIN_LENGTHS.length) {
    const optionsAt = at + (type === 0 ? 8 : MIN_LENGTHS[type]);
    if (!printOptions(ctx, optionsAt, at + length - optionsAt)) ctx.out += ' [|mobility]';
  }
}

/**
 * Mobility options (RFC 6275 section 6.2), shown with -v. Returns false where tcpdump
 * stops with a truncation mark. Like tcpdump 4.99 it also wants the byte after each
 * option (other than Pad1) to be captured, so an option at the very end ends that way.
 */
function printOptions(ctx: DecodeContext, at: number, length: number): boolean {
  const r = ctx.r;
  for (let i = 0; i < length;) {
    // tcpdump reads the length byte before knowing the option is Pad1, which has none.
    if (!r.has(at + i + 1, 1)) return false;
    const type = r.u8(at + i);
    if (type === 0) {
      ctx.out += '(pad1)';
      i += 1;
      continue;
    }
    if (i + 1 >= length) return false;
    const optionLength = r.u8(at + i + 1) + 2;
    if (i + optionLength > length || !r.has(at + i + optionLength, 1)) return false;
    const data = at + i + 2;
    switch (type) {
      case 1:
        ctx.out += '(padn)';
        break;
      case 2:
        if (length - i < 4) return truncatedOption(ctx, '(refresh: trunc)');
        ctx.out += `(refresh: ${r.u16(data) << 2})`;
        break;
      case 3:
        if (length - i < 18) return truncatedOption(ctx, '(altcoa: trunc)');
        ctx.out += `(alt-CoA: ${ipv6String(r, data)})`;
        break;
      case 4:
        if (length - i < 6) return truncatedOption(ctx, '(ni: trunc)');
        ctx.out += `(ni: ho=0x${hex4(r.u16(data))} co=0x${hex4(r.u16(data + 2))})`;
        break;
      case 5:
        if (length - i < 14) return truncatedOption(ctx, '(auth: trunc)');
        ctx.out += '(auth)';
        break;
      default:
        ctx.out += `(type-0x${type.toString(16).padStart(2, '0')}: len=${optionLength - 2})`;
    }
    i += optionLength;
  }
  return true;
}

function truncatedOption(ctx: DecodeContext, text: string): boolean {
  ctx.out += text;
  return false;
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
