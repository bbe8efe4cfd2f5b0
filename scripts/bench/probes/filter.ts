// Probe: a pcap-filter expression over every packet of a file, costed four ways.

import { createReadStream, readFileSync } from 'node:fs';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import { compileFilter } from '../../../src/engine/filter/compile-filter';
import { CaptureDocument } from '../../../src/main/service/capture-document';
import { headerColumns } from '../header-columns';
import { argument, median, report } from './probe-io';

const REPEATS = 3;
/** Packets read back from the store per request, as a long rows() call would. */
const DOCUMENT_WINDOW = 10_000;

const path = argument(0, 'capture file');
const expression = argument(1, 'filter expression');
const host = argument(2, 'the IPv4 host of the expression');
const port = Number(argument(3, 'the port of the expression'));

function timed(run: () => number): { ms: number; matched: number } {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    matched = run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), matched };
}

async function timedAsync(run: () => Promise<number>) {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    matched = await run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), matched };
}

const compileStarted = performance.now();
const filter = compileFilter(expression);
const compileMs = performance.now() - compileStarted;

// 1. Reading the file and testing each packet as it is parsed: the cost from nothing.
const streamed = await timedAsync(async () => {
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
const inMemory = timed(() => {
  let matched = 0;
  for (let i = 0; i < packets; i++) {
    const data = bytes.subarray(offsets[i], offsets[i] + captured[i]);
    if (filter.matches(linkType, data, original[i])) matched++;
  }
  return matched;
});

// 3. What a header-column index would allow: a scan of typed arrays, no packet bytes.
const columnsStarted = performance.now();
const columns = headerColumns(bytes, offsets, captured, linkType);
const columnBuildMs = performance.now() - columnsStarted;
const hostValue = host.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
const columnScan = timed(() => columns.count(hostValue, port));

// 4. Through the app's store: the index is built, packet bytes are read back from the file.
const { document, done } = await CaptureDocument.open(path);
await done;
const throughStore = await timedAsync(async () => {
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
  packets, compileMs, streamed, inMemory, columnScan, throughStore,
  columnBytesPerPacket: columns.bytesPerPacket, columnFallbacks: columns.fallbacks,
  columnBuildMs,
});
