// Live capture in a capture process inside a network namespace, on one end of a veth pair:
// TCP traffic against `tcpdump -w` on the same filter, then the interface taken down or
// deleted mid-capture.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureProcess, type LivePacket } from '../../../src/main/capture';
import { expectSamePackets, keepPackets } from './support/compare-packets';
import { isRoot, prepareAddon } from './support/live-test-env';
import { readPcapFile } from './support/read-pcap';
import { startTcpdump } from './support/tcpdump-writer';
import { createVethLab, type VethLab } from './support/veth-lab';

const PEER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'peer.mjs');
// Seen here: UDP datagrams get one stamp that both sockets read, while the TCP segments
// that namespace A sends get a stamp per packet socket as each copy is delivered (their
// own stamp is a departure time on another clock), so tcpdump's and ours differ by the
// time between the two deliveries: under a microsecond usually, a few at worst.
const MAX_MEDIAN_SKEW_NS = 5_000;
const MAX_SKEW_NS = 100_000;

function randomPort(): number {
  return 20000 + Math.floor(Math.random() * 40000);
}

/** Runs the peer to its end; rejects unless it exits with 0. */
function runPeer(prefix: string[], ...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(prefix[0], [...prefix.slice(1), process.execPath, PEER, ...args],
      { timeout: 15_000 }, (error, _stdout, stderr) => {
        if (error) reject(new Error(`peer ${args[0]} failed: ${stderr || error.message}`));
        else resolve();
      });
  });
}

/** Starts the echo server and resolves once it listens; `done` settles when it exits. */
function startServer(prefix: string[], port: number, connections: number) {
  const child = spawn(prefix[0], [...prefix.slice(1), process.execPath, PEER, 'server', '::',
    String(port), String(connections)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  return { ready, done };
}

describe.skipIf(!isRoot)('live capture on a veth between two namespaces', () => {
  let workDir: string;
  let lab: VethLab | undefined;

  beforeAll(() => {
    prepareAddon();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-veth-'));
  });
  afterEach(() => {
    lab?.destroy();
    lab = undefined;
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('captures TCP over IPv4 and IPv6 as tcpdump does, from a capture process', async () => {
    lab = createVethLab();
    const port = randomPort();
    const filter = `tcp port ${port}`;
    const oracleFile = path.join(workDir, 'tcp.pcap');
    const tcpdump = await startTcpdump(lab.vethA, filter, oracleFile, lab.inA());
    const ours: LivePacket[] = [];
    const capture = await startCaptureProcess(
      { capture: { interface: lab.vethA, filter }, launcher: lab.inA() },
      (batch) => keepPackets(batch, ours));
    expect(capture.info?.linkType).toBe(1);

    const server = startServer(lab.inB(), port, 2);
    await server.ready;
    await runPeer(lab.inA(), 'client', lab.addressB4, String(port), '200000');
    await runPeer(lab.inA(), 'client', lab.addressB6, String(port), '150000');
    expect(await server.done).toBe(0);
    const end = await capture.stop();
    await tcpdump.stop();

    const oracle = readPcapFile(oracleFile);
    // Two handshakes, data both ways and two closes: well over a few dozen segments.
    expect(oracle.packets.length).toBeGreaterThan(20);
    expect(end.error).toBeUndefined();
    expect(end.packets).toBe(oracle.packets.length);
    expect(end.droppedPackets).toBe(0);
    expect(end.stats.droppedByKernel).toBe(0);
    const skew = expectSamePackets(ours, oracle.packets);
    console.log(`[capture test] veth ${oracle.packets.length} packets, skew ns`, skew);
    expect(skew.median).toBeLessThanOrEqual(MAX_MEDIAN_SKEW_NS);
    expect(skew.worst).toBeLessThanOrEqual(MAX_SKEW_NS);
  });

  for (const how of ['down', 'deleted'] as const) {
    it(`stops cleanly and keeps every packet when the veth is ${how}`, async () => {
      lab = createVethLab();
      const port = randomPort();
      const filter = `udp port ${port}`;
      const oracleFile = path.join(workDir, `${how}.pcap`);
      const tcpdump = await startTcpdump(lab.vethA, filter, oracleFile, lab.inA());
      const ours: LivePacket[] = [];
      const capture = await startCaptureProcess(
        { capture: { interface: lab.vethA, filter }, launcher: lab.inA() },
        (batch) => keepPackets(batch, ours));

      await runPeer(lab.inA(), 'udp', lab.addressB4, String(port), '40');
      if (how === 'down') lab.ipA('link', 'set', lab.vethA, 'down');
      else lab.ipA('link', 'del', lab.vethA);
      // No stop(): the capture must end by itself.
      const end = await capture.ended;
      await tcpdump.stop();

      expect(end.error?.code).toBe('CAPTURE_INTERFACE_DOWN');
      expect(end.error?.message).toContain(how === 'down' ? 'went down' : 'was removed');
      const oracle = readPcapFile(oracleFile);
      expect(oracle.packets.length).toBe(40);
      expect(end.packets).toBe(40);
      const skew = expectSamePackets(ours, oracle.packets);
    console.log(`[capture test] veth ${oracle.packets.length} packets, skew ns`, skew);
    expect(skew.median).toBeLessThanOrEqual(MAX_MEDIAN_SKEW_NS);
    expect(skew.worst).toBeLessThanOrEqual(MAX_SKEW_NS);
    });
  }
});
