// Name Resolution Block: addresses and the host names the capturing machine knew for them.

import { blockError, bodyEnd, padded, type PcapngBlock } from './pcapng-block';
import type { NameRecord } from './packet-record';
import { decodeUtf8 } from './utf8';

const RECORD_END = 0;
/** Record type -> address kind and length, per the draft's nrb_record_* list. */
const ADDRESS_KINDS = new Map<number, [NameRecord['addressType'], number]>([
  [1, ['ipv4', 4]],
  [2, ['ipv6', 16]],
  [3, ['eui48', 6]],
  [4, ['eui64', 8]],
]);

/** The records of an NRB. Unknown record types are skipped, as the format asks. */
export function readNameRecords(block: PcapngBlock): NameRecord[] {
  const { view, littleEndian, bytes } = block;
  const end = bodyEnd(block);
  const records: NameRecord[] = [];
  let at = block.start + 8;
  while (at + 4 <= end) {
    const type = view.getUint16(at, littleEndian);
    const length = view.getUint16(at + 2, littleEndian);
    if (type === RECORD_END) break;
    const valueStart = at + 4;
    if (valueStart + length > end) {
      throw blockError(block, `name record (${length} bytes) runs past the end of the block`);
    }
    const kind = ADDRESS_KINDS.get(type);
    if (kind && length >= kind[1]) {
      const [addressType, addressLength] = kind;
      const address = bytes.slice(valueStart, valueStart + addressLength);
      const names = readNames(bytes.subarray(valueStart + addressLength, valueStart + length));
      records.push({ addressType, address, names });
    }
    at = valueStart + padded(length);
  }
  return records;
}

/** Names are NUL-terminated strings packed one after another. */
function readNames(field: Uint8Array): string[] {
  const names: string[] = [];
  let from = 0;
  while (from < field.length) {
    let to = field.indexOf(0, from);
    if (to < 0) to = field.length;
    if (to > from) names.push(decodeUtf8(field.subarray(from, to)));
    from = to + 1;
  }
  return names;
}
