// Reads the TCP options area (RFC 9293 3.2, RFC 7323, RFC 2018) without trusting lengths.

import type { ByteReader } from '../decode/byte-reader';
import type { TcpOptions } from './tcp-segment';

const END_OF_OPTIONS = 0;
const NO_OPERATION = 1;
const MSS = 2;
const WINDOW_SCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMP = 8;

/**
 * Parses the `length` option bytes at `at`, already checked to be captured. A malformed
 * option ends parsing, keeping what came before: the printer reports it, reassembly
 * needs only the well-formed ones.
 */
export function parseTcpOptions(r: ByteReader, at: number, length: number): TcpOptions {
  const options: TcpOptions = {};
  const end = at + length;

  while (at < end) {
    const kind = r.u8(at);
    if (kind === END_OF_OPTIONS) break;
    if (kind === NO_OPERATION) {
      at += 1;
      continue;
    }
    if (at + 1 >= end) break;
    const optionLength = r.u8(at + 1);
    if (optionLength < 2 || at + optionLength > end) break;

    if (kind === MSS && optionLength === 4) options.mss = r.u16(at + 2);
    if (kind === WINDOW_SCALE && optionLength === 3) options.windowScale = r.u8(at + 2);
    if (kind === SACK_PERMITTED && optionLength === 2) options.sackPermitted = true;
    if (kind === TIMESTAMP && optionLength === 10) {
      options.timestamp = { value: r.u32(at + 2), echoReply: r.u32(at + 6) };
    }
    if (kind === SACK && (optionLength - 2) % 8 === 0) {
      const blocks: Array<readonly [number, number]> = [];
      for (let edge = at + 2; edge < at + optionLength; edge += 8) {
        blocks.push([r.u32(edge), r.u32(edge + 4)]);
      }
      options.sackBlocks = blocks;
    }
    at += optionLength;
  }
  return options;
}
