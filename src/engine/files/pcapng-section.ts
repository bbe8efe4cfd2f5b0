// Section Header Block: the byte order and version of a section, and its descriptive text.

import { CaptureFileError } from './capture-file-error';
import { blockError, requireLength, type PcapngBlock } from './pcapng-block';
import { BYTE_ORDER_MAGIC } from './pcapng-block-types';
import { OPTION_COMMENT, optionText, readOptions } from './pcapng-options';
import type { SectionDetails } from './packet-record';

const SHB_HARDWARE = 2;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const FIXED_LENGTH = 28;
const SUPPORTED_MAJOR_VERSION = 1;

/**
 * The byte order a section declares, read from the byte-order magic after the type and
 * length fields (so it needs 12 bytes at `at`).
 */
export function sectionByteOrder(view: DataView, at: number, fileOffset: number): boolean {
  const magic = view.getUint32(at + 8, true);
  if (magic === BYTE_ORDER_MAGIC) return true;
  if (view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) return false;
  throw new CaptureFileError('PCAPNG_BAD_BLOCK', fileOffset,
    'section header has no valid byte-order magic: the file is damaged or not pcapng', 'SHB');
}

/** Reads an SHB whose byte order the caller has already set on `block`. */
export function readSection(block: PcapngBlock): SectionDetails {
  requireLength(block, FIXED_LENGTH);
  const { view, littleEndian, start } = block;
  const major = view.getUint16(start + 12, littleEndian);
  const minor = view.getUint16(start + 14, littleEndian);
  if (major !== SUPPORTED_MAJOR_VERSION) {
    throw blockError(block, `pcapng version ${major}.${minor} is not supported (only 1.x)`);
  }

  // SectionDetails holds one comment: of several, the first is kept.
  const details: { -readonly [K in keyof SectionDetails]: SectionDetails[K] } = {};
  readOptions(block, start + 24, (code, at, length) => {
    if (code === OPTION_COMMENT) details.sectionComment ??= optionText(block, at, length);
    else if (code === SHB_HARDWARE) details.hardware = optionText(block, at, length);
    else if (code === SHB_OS) details.os = optionText(block, at, length);
    else if (code === SHB_USERAPPL) details.userApplication = optionText(block, at, length);
  });
  return details;
}
