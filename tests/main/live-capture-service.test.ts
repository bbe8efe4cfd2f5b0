// Live capture through the service: packets spooled to pcapng, listed, and read back by tcpdump.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { tcpdump } from '../support/tcpdump';
import { sendDatagrams, waitFor } from './capture/support/loopback-traffic';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[capture] skipping live-capture service tests: they need root');

describe.runIf(isRoot)('live capture in the service', () => {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  let service: TaplineService;

  beforeAll(() => {
    process.env.TAPLINE_SPOOL_DIR = mkdtempSync(join(tmpdir(), 'tapline-spool-'));
    service = new TaplineService();
  });
  afterAll(() => service?.close());

  it('lists what it captured, spools it, and tcpdump reads the spool identically', async () => {
    await service.startCapture({
      interface: 'lo', filter: `udp port ${port}`, snapLength: 262144, promiscuous: false,
    });
    await sendDatagrams(port, 40);
    await waitFor(() => service.status().packetCount === 40, '40 packets');
    const stopped = await service.stopCapture();

    expect(stopped.capture?.running).toBe(false);
    expect(stopped.capture?.summary).toMatch(/^40 packets captured\n\d+ packets received by/);
    const spool = stopped.capture!.spoolFile;
    const lines = tcpdump(['-nn', '-t', '-r', spool]).trim().split('\n');
    expect(lines).toHaveLength(40);
    const rows = await service.rows(0, 40);
    expect(rows.map((row) => row.info)).toEqual(lines);
    expect(rows[0].info).toContain(`> 127.0.0.1.${port}: UDP, length 18`);
  });

  it('stops by itself after N packets', async () => {
    await service.startCapture({
      interface: 'lo', filter: `udp port ${port}`, snapLength: 262144, promiscuous: false,
      stopAfterPackets: 10,
    });
    await sendDatagrams(port, 25);
    await waitFor(() => service.status().capture?.running === false, 'the capture to stop');
    expect(service.status().packetCount).toBe(10);
  });

  it('refuses a wrong filter with libpcap\'s own words, and an unknown interface', async () => {
    const check = service.checkCaptureFilter('lo', 'port 99999');
    expect(check).toEqual({ ok: false, message: expect.stringMatching(/port.*99999|illegal/i) });
    expect(service.checkCaptureFilter('lo', 'tcp port 25')).toEqual({ ok: true });
    await expect(service.startCapture({
      interface: 'lo', filter: 'host and', snapLength: 262144, promiscuous: false,
    })).rejects.toMatchObject({ code: 'CAPTURE_BAD_FILTER' });
    await expect(service.startCapture({
      interface: 'tapline-nonexistent0', filter: '', snapLength: 262144, promiscuous: false,
    })).rejects.toMatchObject({ code: expect.stringMatching(/^CAPTURE_/) });
  });
});
