// Probe: indexes one file with CaptureDocument (the app's packet store) in a fresh process.

import { CaptureDocument } from '../../../src/main/service/capture-document';
import { argument, collectGarbage, report, sampleMemory, startClock } from './probe-io';

const path = argument(0, 'capture file');

collectGarbage();
const before = sampleMemory();
const clock = startClock();
const { document, done } = await CaptureDocument.open(path);
await done;
const { ms, cpuMs } = clock();
collectGarbage();
const after = sampleMemory();

const status = document.status();
if (status.error) throw new Error(`indexing stopped: ${status.error}`);
report({ packets: status.packetCount, ms, cpuMs, before, after });
await document.close();
