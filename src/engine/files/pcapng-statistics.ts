// Interface Statistics Block: packet counters an interface reported at some moment.

import { requireLength, type PcapngBlock } from './pcapng-block';
import type { PcapngInterface } from './pcapng-interface';
import { interfaceOf } from './pcapng-packets';
import { OPTION_COMMENT, optionText, optionUint64, readOptions } from './pcapng-options';
import type { InterfaceStatistics } from './packet-record';

const FIXED_LENGTH = 24;
/** isb_ifrecv .. isb_usrdeliv: 64-bit counters. */
const COUNTERS = new Map<number, keyof InterfaceStatistics>([
  [4, 'received'],
  [5, 'droppedByInterface'],
  [6, 'acceptedByFilter'],
  [7, 'droppedByOs'],
  [8, 'deliveredToUser'],
]);

export function readStatistics(
  block: PcapngBlock, interfaces: readonly PcapngInterface[],
): InterfaceStatistics {
  requireLength(block, FIXED_LENGTH);
  const { view, littleEndian, start } = block;
  const owner = interfaceOf(block, interfaces, view.getUint32(start + 8, littleEndian));
  owner.clock.convert(view.getUint32(start + 12, littleEndian),
    view.getUint32(start + 16, littleEndian));

  const counters: Record<string, number> = {};
  const comments: string[] = [];
  readOptions(block, start + 20, (code, at, length) => {
    const counter = COUNTERS.get(code);
    if (counter && length >= 8) counters[counter] = optionUint64(block, at);
    else if (code === OPTION_COMMENT) comments.push(optionText(block, at, length));
  });
  return {
    interfaceId: owner.description.id,
    seconds: owner.clock.seconds,
    nanoseconds: owner.clock.nanoseconds,
    ...counters,
    ...(comments.length > 0 ? { comments } : {}),
  };
}
