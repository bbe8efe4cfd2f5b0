// MACsec SecTAG (IEEE 802.1AE section 9.3) inside an Ethernet frame.

import type { DecodeContext } from './decode-context';

export const ETHERTYPE_MACSEC = 0x88e5;
const VERSION = 0x80;
const SCI_PRESENT = 0x20;
const ENCRYPTED = 0x08;
const CHANGED = 0x04;
const ICV_LENGTH = 16;
const MAX_SHORT_LENGTH = 47;

/** tcpdump's letters for the TCI bits, in its order. */
const FLAG_LETTERS: [number, string][] = [[0x08, 'E'], [0x04, 'C'], [0x40, 'S'], [0x10, 'B'],
  [0x20, 'I']];

/** `an 0, pn 68, flags I, sci 2eb73f3995c30001, ` as -e shows it. */
export function macsecHeaderText(ctx: DecodeContext, at: number): string {
  const r = ctx.r;
  const tci = r.u8(at);
  let flags = '';
  for (const [bit, letter] of FLAG_LETTERS) if (tci & bit) flags += letter;
  let text = `an ${tci & 0x03}, pn ${r.u32(at + 2)}, flags ${flags || 'none'}`;
  if (ctx.verbose > 1) text += `, sl ${r.u8(at + 1) & 0x3f}`;
  if (tci & SCI_PRESENT) {
    text += `, sci ${r.u32(at + 6).toString(16).padStart(8, '0')}` +
      r.u32(at + 10).toString(16).padStart(8, '0');
  }
  return `${text}, `;
}

export interface SecTag {
  /** Bytes of the SecTAG, before the protected EtherType. */
  readonly length: number;
  /** The payload is encrypted or modified, so only a dump can follow. */
  readonly opaque: boolean;
  /** Length of what follows the SecTAG, without the ICV. */
  readonly payloadLength: number;
}

/**
 * Reads the SecTAG at `at`; undefined when it is invalid (version bit, short length), in
 * which case tcpdump prints `(invalid)`. Throws TRUNCATED when it was not captured.
 */
export function readSecTag(ctx: DecodeContext, at: number, length: number): SecTag | undefined {
  const r = ctx.r;
  const tci = r.u8(at);
  if (tci & VERSION) return undefined;
  const tagLength = tci & SCI_PRESENT ? 14 : 6;
  r.need(at, tagLength);
  const shortLength = r.u8(at + 1);
  if ((shortLength & ~0x3f) !== 0 || shortLength > MAX_SHORT_LENGTH) return undefined;
  const remaining = length - tagLength;
  return {
    length: tagLength,
    opaque: (tci & (ENCRYPTED | CHANGED)) !== 0,
    payloadLength: shortLength !== 0 ? shortLength : remaining - ICV_LENGTH,
  };
}
