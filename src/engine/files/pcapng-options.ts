// The type-length-value options that end most pcapng blocks.

import { blockError, bodyEnd, padded, type PcapngBlock } from './pcapng-block';
import { decodeUtf8 } from './utf8';

/** opt_comment: valid in every block that has options. */
export const OPTION_COMMENT = 1;
const OPTION_END = 0;

export type OptionVisitor = (code: number, valueStart: number, valueLength: number) => void;

/** Calls `visit` for each option from `from` to the block's end or opt_endofopt. */
export function readOptions(block: PcapngBlock, from: number, visit: OptionVisitor): void {
  const { view, littleEndian } = block;
  const end = bodyEnd(block);
  let at = from;
  while (at + 4 <= end) {
    const code = view.getUint16(at, littleEndian);
    const length = view.getUint16(at + 2, littleEndian);
    if (code === OPTION_END) return;
    const valueStart = at + 4;
    if (valueStart + length > end) {
      throw blockError(block, `option ${code} (${length} bytes) runs past the end of the block`);
    }
    visit(code, valueStart, length);
    at = valueStart + padded(length);
  }
}

/** An option value as text. Some writers add a NUL terminator, which is not text. */
export function optionText(block: PcapngBlock, valueStart: number, valueLength: number): string {
  let end = valueStart + valueLength;
  while (end > valueStart && block.bytes[end - 1] === 0) end--;
  return decodeUtf8(block.bytes.subarray(valueStart, end));
}

/** Every opt_comment from `from` on, or undefined when there is none. */
export function readComments(block: PcapngBlock, from: number): string[] | undefined {
  let comments: string[] | undefined;
  readOptions(block, from, (code, start, length) => {
    if (code !== OPTION_COMMENT) return;
    (comments ??= []).push(optionText(block, start, length));
  });
  return comments;
}

/** A 64-bit unsigned option value; above 2^53 it is rounded, which no counter reaches. */
export function optionUint64(block: PcapngBlock, valueStart: number): number {
  const { view, littleEndian } = block;
  const first = view.getUint32(valueStart, littleEndian);
  const second = view.getUint32(valueStart + 4, littleEndian);
  return littleEndian ? second * 2 ** 32 + first : first * 2 ** 32 + second;
}
