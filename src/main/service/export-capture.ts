// Writes the open document's packets (all, the displayed ones, or a range) as pcap or
// pcapng chunks, reading them back from the source file a run at a time.

import { PcapWriter } from '../../engine/files/pcap-writer';
import { PcapngWriter } from '../../engine/files/pcapng-writer';
import { ApiError } from '../../shared/api';
import type { SaveOptions } from '../../shared/save-api';
import type { CaptureDocument } from './capture-document';
import type { DisplayFilter } from './display-filter';

/** Longest run of consecutive packets read from the file in one go. */
const MAX_RUN = 4096;

/** The 0-based indexes of the packets to write, in file order. */
export function* selectedIndexes(document: CaptureDocument, display: DisplayFilter | undefined,
  scope: SaveOptions['scope']): Generator<number> {
  if (scope === 'displayed' && display) {
    for (let row = 0; row < display.displayed; row++) yield display.packetIndex(row);
    return;
  }
  let first = 0;
  let last = document.index.count - 1;
  if (typeof scope === 'object') {
    if (scope.first > scope.last || scope.last > document.index.count) {
      throw new ApiError('BAD_RANGE', `packets ${scope.first} to ${scope.last} are not in ` +
        `this file of ${document.index.count} packets`);
    }
    first = scope.first - 1;
    last = scope.last - 1;
  }
  for (let index = first; index <= last; index++) yield index;
}

/** Groups indexes into runs of consecutive packets, so each run is one read. */
function* runs(indexes: Iterable<number>): Generator<[start: number, count: number]> {
  let start = -1;
  let count = 0;
  for (const index of indexes) {
    if (count > 0 && index === start + count && count < MAX_RUN) {
      count++;
      continue;
    }
    if (count > 0) yield [start, count];
    start = index;
    count = 1;
  }
  if (count > 0) yield [start, count];
}

export async function* exportCapture(document: CaptureDocument, indexes: Iterable<number>,
  format: SaveOptions['format'], counter: { packets: number } = { packets: 0 },
): AsyncGenerator<Uint8Array> {
  const writer = format === 'pcap'
    ? new PcapWriter(document.interfaces)
    : new PcapngWriter(document.interfaces);
  for (const [start, count] of runs(indexes)) {
    for (const { record } of await document.packets(start, count)) {
      writer.add(record);
      counter.packets++;
    }
    yield* writer.take();
  }
  yield* writer.flush();
}
