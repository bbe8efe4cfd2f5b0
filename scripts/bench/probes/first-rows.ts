// Probe: time from TaplineService.openPath to the first 100 rows, in a fresh process.

import { TaplineService } from '../../../src/main/service/tapline-service';
import { argument, report, startClock } from './probe-io';

const ROWS = 100;
const path = argument(0, 'capture file');

const clock = startClock();
const service = new TaplineService();
// The renderer asks for rows when a status says there are packets; so does this probe.
const enough = new Promise<void>((resolve) => {
  service.onStatus((status) => {
    if (status.packetCount >= ROWS || !status.loading) resolve();
  });
});
await service.openPath(path);
await enough;
const rows = await service.rows(0, ROWS);
const { ms, cpuMs } = clock();

if (rows.length !== ROWS) throw new Error(`asked for ${ROWS} rows, got ${rows.length}`);
report({ ms, cpuMs, infos: rows.map((row) => row.info) });
// Indexing of the rest of the file is not part of this figure.
process.exit(0);
