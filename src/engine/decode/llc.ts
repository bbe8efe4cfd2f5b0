// IEEE 802.2 LLC payloads of 802.3 frames.

import type { DecodeContext } from './decode-context';

/**
 * Not decoded yet: tcpdump's LLC, SNAP, STP and IPX printers cover dozens of protocols and
 * none of our captures carry them. Returning false makes the caller print the frame header
 * and a hex dump, which is what tcpdump does for an LLC payload it does not know.
 */
export function decodeLlc(_ctx: DecodeContext, _at: number, _length: number): boolean {
  return false;
}
