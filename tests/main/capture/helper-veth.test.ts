// The capture helper inside a network namespace, on one end of a veth pair
// (198.51.100.0/24): the veth taken down or deleted mid-capture ends it by itself, with the
// interface error the app shows, and every packet kept.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureHelper } from '../../../src/main/capture';
import { buildHelper } from './support/helper-run';
import { isRoot } from './support/live-test-env';
import { readPcapFile } from './support/read-pcap';
import { startTcpdump } from './support/tcpdump-writer';
import { createVethLab, type VethLab } from './support/veth-lab';

const PEER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'peer.mjs');

/** Sends `count` UDP datagrams from namespace A to B with the test peer. */
function sendFromA(lab: VethLab, port: number, count: number): Promise<void> {
  const prefix = lab.inA();
  return new Promise((resolve, reject) => {
    execFile(prefix[0], [...prefix.slice(1), process.execPath, PEER, 'udp', lab.addressB4,
      String(port), String(count)], { timeout: 15_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`peer failed: ${stderr || error.message}`));
      else resolve();
    });
  });
}

describe.skipIf(!isRoot)('the capture helper on a veth that goes away', () => {
  let helper: string;
  let workDir: string;
  let lab: VethLab | undefined;

  beforeAll(() => {
    helper = buildHelper();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-helper-veth-'));
  });
  afterEach(() => {
    lab?.destroy();
    lab = undefined;
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  for (const how of ['down', 'deleted'] as const) {
    it(`ends by itself and keeps every packet when the veth is ${how}`, async () => {
      lab = createVethLab();
      const port = 20_000 + Math.floor(Math.random() * 40_000);
      const filter = `udp port ${port}`;
      const oracleFile = path.join(workDir, `${how}.pcap`);
      const tcpdump = await startTcpdump(lab.vethA, filter, oracleFile, lab.inA());
      let packets = 0;
      const capture = await startCaptureHelper(
        { helper, capture: { interface: lab.vethA, filter }, launcher: lab.inA() },
        (batch) => { packets += batch.count; });

      await sendFromA(lab, port, 40);
      if (how === 'down') lab.ipA('link', 'set', lab.vethA, 'down');
      else lab.ipA('link', 'del', lab.vethA);
      // No stop(): the helper must end by itself.
      const end = await capture.ended;
      await tcpdump.stop();

      expect(end.error?.code).toBe('CAPTURE_INTERFACE_DOWN');
      expect(end.error?.message).toBe(`Interface ${lab.vethA} `
        + `${how === 'down' ? 'went down' : 'was removed'} during the capture; the packets `
        + 'captured until then are kept. Start a new capture when it is back.');
      expect(readPcapFile(oracleFile).packets.length).toBe(40);
      expect(packets).toBe(40);
      expect(end.packets).toBe(40);
      expect(end.stats.received).toBeGreaterThanOrEqual(40);
    });
  }
});
