// Reads the TCP options area (RFC 9293 3.2, RFC 7323, RFC 2018) without trusting lengths.

import type { TcpOptions } from './tcp-segment';

const END_OF_OPTIONS = 0;
const NO_OPERATION = 1;
const MSS = 2;
const WINDOW_SCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMP = 8;

/** Parses options in `bytes`; a malformed option ends parsing, keeping what came before. */
export function parseTcpOptions(bytes: Uint8Array): TcpOptions {
  const options: TcpOptions = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;

  while (at < bytes.length) {
    const kind = bytes[at];
    if (kind === END_OF_OPTIONS) break;
    if (kind === NO_OPERATION) {
      at += 1;
      continue;
    }
    if (at + 1 >= bytes.length) break;
    const length = bytes[at + 1];
    if (length < 2 || at + length > bytes.length) break;

    if (kind === MSS && length === 4) options.mss = view.getUint16(at + 2);
    if (kind === WINDOW_SCALE && length === 3) options.windowScale = bytes[at + 2];
    if (kind === SACK_PERMITTED && length === 2) options.sackPermitted = true;
    if (kind === TIMESTAMP && length === 10) {
      options.timestamp = { value: view.getUint32(at + 2), echoReply: view.getUint32(at + 6) };
    }
    if (kind === SACK && (length - 2) % 8 === 0) {
      const blocks: Array<readonly [number, number]> = [];
      for (let edge = at + 2; edge < at + length; edge += 8) {
        blocks.push([view.getUint32(edge), view.getUint32(edge + 4)]);
      }
      options.sackBlocks = blocks;
    }
    at += length;
  }
  return options;
}
