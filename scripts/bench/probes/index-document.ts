// Probe: indexes one file with CaptureDocument (the app's packet store) in a fresh process.

import { CaptureDocument } from '../../../src/main/service/capture-document';
import { argument, collectGarbage, report, sampleMemory } from './probe-io';

const path = argument(0, 'capture file');

collectGarbage();
const before = sampleMemory();
const started = performance.now();
const { document, done } = await CaptureDocument.open(path);
await done;
const ms = performance.now() - started;
collectGarbage();
const after = sampleMemory();

const status = document.status();
if (status.error) throw new Error(`indexing stopped: ${status.error}`);
report({ packets: status.packetCount, ms, before, after });
await document.close();
