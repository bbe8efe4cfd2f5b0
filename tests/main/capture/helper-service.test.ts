// The service capturing through the tapline-capture helper instead of the Node capture
// process: rows, status counters, spool and errors, with tcpdump reading the spool.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaplineService } from '../../../src/main/service/tapline-service';
import { buildHelper, tcpdumpLines } from './support/helper-run';
import { isRoot } from './support/live-test-env';
import { sendDatagrams, waitFor } from './support/loopback-traffic';

/** Command lines of the running processes that start with `binary`. */
function processesRunning(binary: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (words[0] === binary) found.push(words.join(' ').trim());
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

describe.skipIf(!isRoot)('live capture in the service through the capture helper', () => {
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  let service: TaplineService;
  let helper: string;
  let spoolDir: string;

  beforeAll(() => {
    helper = buildHelper();
    spoolDir = mkdtempSync(path.join(tmpdir(), 'tapline-helper-spool-'));
    process.env.TAPLINE_SPOOL_DIR = spoolDir;
    service = new TaplineService({ captureHelper: helper });
  });
  afterAll(async () => {
    await service?.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('lists the packets, counts them in the status, and spools what tcpdump reads', async () => {
    await service.startCapture({
      interface: 'lo', filter: `udp port ${port}`, snapLength: 262144, promiscuous: false,
    });
    // The helper, not a Node child, holds the socket, with the options asked for.
    expect(processesRunning(helper)).toEqual([
      `${helper} -i lo -s 262144 -B 32768 -p -t 100 -f udp port ${port}`]);
    await sendDatagrams(port, 40);
    await waitFor(() => service.status().packetCount === 40, '40 packets');
    // The helper's statistics blocks reach the status while it runs (once a second).
    await waitFor(() => (service.status().capture?.received ?? 0) >= 40, 'the counters');
    const stopped = await service.stopCapture();

    expect(processesRunning(helper)).toEqual([]);
    // lo counts each packet twice, plus what crossed it before the filter was attached
    // (other tests' traffic, which may also have overflowed the ring then).
    const { received, droppedByKernel } = stopped.capture!;
    expect(received).toBeGreaterThanOrEqual(80);
    expect(stopped.capture).toMatchObject({ running: false, droppedByInterface: 0 });
    expect(stopped.capture?.error).toBeUndefined();
    const summary = new RegExp('^40 packets captured\n(\\d+) packets received by filter\n'
      + '(\\d+) packets? dropped by kernel$').exec(stopped.capture?.summary ?? '');
    expect(summary?.slice(1).map(Number)).toEqual([received, droppedByKernel]);
    const lines = tcpdumpLines(stopped.capture!.spoolFile, ['-t']);
    expect(lines).toHaveLength(40);
    const rows = await service.rows(0, 40);
    expect(rows.map((row) => row.info)).toEqual(lines);
    expect(rows[0].info).toContain(`> 127.0.0.1.${port}: UDP, length 18`);
  });

  it('stops by itself after N packets', async () => {
    await service.startCapture({
      interface: 'lo', filter: `udp port ${port}`, snapLength: 128, promiscuous: true,
      stopAfterPackets: 10,
    });
    await sendDatagrams(port, 25);
    await waitFor(() => service.status().capture?.running === false, 'the capture to stop');
    expect(service.status().packetCount).toBe(10);
    expect(processesRunning(helper)).toEqual([]);
  });

  it('checks capture filters against the link type the helper reports', () => {
    expect(service.checkCaptureFilter('lo', 'udp port 53 and ether src 00:00:00:00:00:00'))
      .toEqual({ ok: true });
    expect(service.checkCaptureFilter('lo', 'udp prt 53')).toEqual({
      ok: false, message: expect.stringContaining('"udp prt 53" is not valid: '),
    });
    // The helper, not the app's own libpcap, answers: a missing helper is said as such.
    const without = new TaplineService({ captureHelper: path.join(spoolDir, 'no-helper') });
    expect(() => without.checkCaptureFilter('lo', 'udp')).toThrow(/capture helper .* is missing/);
  });

  it('refuses a wrong filter and an unknown interface with the usual codes', async () => {
    await expect(service.startCapture({
      interface: 'lo', filter: 'host and', snapLength: 262144, promiscuous: false,
    })).rejects.toMatchObject({
      code: 'CAPTURE_BAD_FILTER',
      message: 'The capture filter "host and" is not valid: can\'t parse filter expression: '
        + 'syntax error. Fix it and start again.',
    });
    await expect(service.startCapture({
      interface: 'tapline-nosuch0', filter: '', snapLength: 262144, promiscuous: false,
    })).rejects.toMatchObject({ code: 'CAPTURE_NO_SUCH_INTERFACE' });
    expect(service.status().capture?.running).toBe(false);
  });
});
