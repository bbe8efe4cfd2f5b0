// One complete pcapng block as the parser sees it, and the errors that point into it.

import { CaptureFileError, type CaptureFileErrorCode } from './capture-file-error';
import { blockTypeName } from './pcapng-block-types';

/** A block lying whole in the parser's buffer. The parser reuses one such object. */
export interface PcapngBlock {
  type: number;
  bytes: Uint8Array;
  view: DataView;
  /** Index in `bytes` of the block's first byte (its type field). */
  start: number;
  totalLength: number;
  littleEndian: boolean;
  /** Stream offset of the block's first byte. */
  fileOffset: number;
}

/** Index in `bytes` just past the options: where the trailing length field begins. */
export function bodyEnd(block: PcapngBlock): number {
  return block.start + block.totalLength - 4;
}

/** Fields are padded to 32 bits. Plain arithmetic: bit operators would wrap at 2^31. */
export function padded(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}

export function blockError(
  block: PcapngBlock, message: string, code: CaptureFileErrorCode = 'PCAPNG_BAD_BLOCK',
): CaptureFileError {
  return new CaptureFileError(code, block.fileOffset, message, blockTypeName(block.type));
}

/** Fails when a block is too short to hold its own fixed fields. */
export function requireLength(block: PcapngBlock, fixedLength: number): void {
  if (block.totalLength >= fixedLength) return;
  throw blockError(block, `block of ${block.totalLength} bytes is shorter than the ` +
    `${fixedLength} bytes of its fixed fields`);
}
