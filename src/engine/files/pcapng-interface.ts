// Interface Description Block: link type, snaplen, names and the interface's clock.

import { blockError, requireLength, type PcapngBlock } from './pcapng-block';
import { optionText, readOptions } from './pcapng-options';
import { TimestampClock } from './pcapng-timestamp';
import type { CaptureInterface } from './packet-record';

const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const IF_FILTER = 11;
const IF_OS = 12;
const IF_TSOFFSET = 14;
/** if_filter's first byte says what follows; 0 is a libpcap filter expression. */
const FILTER_LIBPCAP_STRING = 0;
const FIXED_LENGTH = 20;

/** An interface of the current section: what the sink sees plus its clock. */
export interface PcapngInterface {
  readonly description: CaptureInterface;
  readonly clock: TimestampClock;
}

/** Reads an IDB; `id` counts interfaces across sections, as capinfos numbers them. */
export function readInterface(block: PcapngBlock, id: number, section: number): PcapngInterface {
  requireLength(block, FIXED_LENGTH);
  const { view, littleEndian, start } = block;
  const linkType = view.getUint16(start + 8, littleEndian);
  const snapLength = view.getUint32(start + 12, littleEndian);

  const text: { name?: string; description?: string; filter?: string; os?: string } = {};
  let resolution = 6;
  let offsetSeconds = 0;
  readOptions(block, start + 16, (code, at, length) => {
    if (code === IF_NAME) text.name = optionText(block, at, length);
    else if (code === IF_DESCRIPTION) text.description = optionText(block, at, length);
    else if (code === IF_OS) text.os = optionText(block, at, length);
    else if (code === IF_FILTER && length > 1 && block.bytes[at] === FILTER_LIBPCAP_STRING) {
      text.filter = optionText(block, at + 1, length - 1);
    } else if (code === IF_TSRESOL) {
      if (length < 1) throw blockError(block, 'if_tsresol option is empty');
      resolution = block.bytes[at];
    } else if (code === IF_TSOFFSET) {
      if (length < 8) throw blockError(block, `if_tsoffset option has ${length} bytes, not 8`);
      offsetSeconds = readInt64(view, at, littleEndian);
    }
  });

  const clock = new TimestampClock(resolution, offsetSeconds);
  const description: CaptureInterface = {
    id, linkType, snapLength, ...text,
    ticksPerSecond: clock.ticksPerSecond,
    timestampOffset: offsetSeconds,
    section,
  };
  return { description, clock };
}

/** A signed 64-bit value as a number; offsets beyond 2^53 seconds do not occur. */
function readInt64(view: DataView, at: number, littleEndian: boolean): number {
  const high = view.getInt32(littleEndian ? at + 4 : at, littleEndian);
  const low = view.getUint32(littleEndian ? at : at + 4, littleEndian);
  return high * 2 ** 32 + low;
}
