// Probe: a pcap-filter expression over every packet of a file, costed five ways.

import { createReadStream, readFileSync } from 'node:fs';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { compileFilter } from '../../../src/engine/filter/compile-filter';
import { CaptureDocument } from '../../../src/main/service/capture-document';
import { DisplayFilter } from '../../../src/main/service/display-filter';
import { headerColumns } from '../header-columns';
import { argument, report, type Sample, startClock } from './probe-io';

/** Packets read back from the store per request, as a long rows() call would. */
const DOCUMENT_WINDOW = 10_000;

const path = argument(0, 'capture file');
const expression = argument(1, 'filter expression');
const host = argument(2, 'the IPv4 host of the expression');
const port = Number(argument(3, 'the port of the expression'));

type Timed = Sample & { matched: number };

async function timed(run: () => number | Promise<number>): Promise<Timed> {
  const clock = startClock();
  const matched = await run();
  return { ...clock(), matched };
}

// Each way runs once, in this order, in a fresh process: the first pays for warming up
// the evaluator, as a first filter in the app would.
const compileClock = startClock();
const filter = compileFilter(expression);
const compiled = compileClock();

// 1. Reading the file and testing each packet as it is parsed: the cost from nothing.
const streamed = await timed(async () => {
  let matched = 0;
  const parser = createCaptureParser({
    packet(record) {
      if (filter.matches(record.linkType, record.data, record.originalLength)) matched++;
    },
  });
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) parser.push(chunk);
  parser.end();
  return matched;
});

// 2. Every packet's bytes already in memory: the evaluator alone (plus one subarray each).
const file = readFileSync(path);
const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
const offsets: number[] = [];
const captured: number[] = [];
const original: number[] = [];
let linkType = 1;
createCaptureParser({
  packet(record) {
    linkType = record.linkType;
    offsets.push(record.fileOffset);
    captured.push(record.capturedLength);
    original.push(record.originalLength);
  },
}).push(bytes);
const packets = offsets.length;
const inMemory = await timed(() => {
  let matched = 0;
  for (let i = 0; i < packets; i++) {
    const data = bytes.subarray(offsets[i], offsets[i] + captured[i]);
    if (filter.matches(linkType, data, original[i])) matched++;
  }
  return matched;
});

// 3. What a header-column index would allow: a scan of typed arrays, no packet bytes.
const buildClock = startClock();
const columns = headerColumns(bytes, offsets, captured, linkType);
const columnBuild = buildClock();
const hostValue = host.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
const columnScan = await timed(() => columns.count(hostValue, port));

// 4. The filter bar's path: the store's index with its header columns, as the app applies it.
const { document, done } = await CaptureDocument.open(path);
await done;
let displayFilter: DisplayFilter | undefined;
const displayed = await timed(async () => {
  displayFilter = DisplayFilter.compile(expression);
  await displayFilter.extend(document);
  return displayFilter.displayed;
});
const answered = displayFilter?.answered;

// 5. Through the app's store, every packet's bytes read back from the file.
const throughStore = await timed(async () => {
  let matched = 0;
  for (let start = 0; start < document.index.count; start += DOCUMENT_WINDOW) {
    for (const { record } of await document.packets(start, DOCUMENT_WINDOW)) {
      if (filter.matches(record.linkType, record.data, record.originalLength)) matched++;
    }
  }
  return matched;
});
await document.close();

report({
  // The runner's interleaving and medians go by the first way, the whole cost.
  ms: streamed.ms, cpuMs: streamed.cpuMs,
  packets, compiled, streamed, inMemory, columnScan, throughStore, columnBuild, displayed,
  answeredByColumns: answered?.columns ?? 0, answeredByBytes: answered?.bytes ?? 0,
  columnBytesPerPacket: columns.bytesPerPacket, columnFallbacks: columns.fallbacks,
});
