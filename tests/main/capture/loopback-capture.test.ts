// Live capture on lo against `tcpdump -w` on the same filter: same packets, same bytes, same
// kernel timestamps; batching; libpcap's statistics.

import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openLiveCapture, startCaptureProcess, type LivePacket,
} from '../../../src/main/capture';
import { expectSamePackets, keepPackets } from './support/compare-packets';
import { isRoot, prepareAddon } from './support/live-test-env';
import { readPcapFile } from './support/read-pcap';
import { startTcpdump } from './support/tcpdump-writer';

const DATAGRAMS_V4 = 150;
const DATAGRAMS_V6 = 50;
const MAX_SKEW_NS = 5_000;
const PEER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'peer.mjs');

function bound(type: 'udp4' | 'udp6', address: string, port = 0): Promise<Socket> {
  const socket = createSocket(type);
  return new Promise((resolve) => socket.bind(port, address, () => resolve(socket)));
}

function send(socket: Socket, size: number, port: number, address: string): Promise<void> {
  const payload = new Uint8Array(size).map((_, index) => (index * 7 + size) & 0xff);
  return new Promise((resolve, reject) => {
    socket.send(payload, port, address, (error) => (error ? reject(error) : resolve()));
  });
}

describe.skipIf(!isRoot)('live capture on lo', () => {
  let workDir: string;

  beforeAll(() => {
    prepareAddon();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-capture-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('captures what tcpdump captures, with the same kernel timestamps', async () => {
    const receiver4 = await bound('udp4', '127.0.0.1');
    const port = receiver4.address().port;
    const receiver6 = await bound('udp6', '::1', port);
    const sender4 = await bound('udp4', '127.0.0.1');
    const sender6 = await bound('udp6', '::1');
    const filter = `udp port ${port}`;
    const oracleFile = path.join(workDir, 'lo.pcap');
    const tcpdump = await startTcpdump('lo', filter, oracleFile);

    const ours: LivePacket[] = [];
    let batches = 0;
    const capture = openLiveCapture({ interface: 'lo', filter }, (batch) => {
      batches++;
      keepPackets(batch, ours);
    });
    expect(capture.linkType).toBe(1);
    expect(capture.precision).toBe('nano');

    for (let index = 0; index < DATAGRAMS_V4; index++) {
      await send(sender4, 1 + ((index * 37) % 1400), port, '127.0.0.1');
    }
    for (let index = 0; index < DATAGRAMS_V6; index++) {
      await send(sender6, 1 + ((index * 53) % 1200), port, '::1');
    }
    const end = await capture.stop();
    await tcpdump.stop();
    for (const socket of [receiver4, receiver6, sender4, sender6]) socket.close();

    const oracle = readPcapFile(oracleFile);
    expect(oracle.nanosecondFile).toBe(true);
    expect(oracle.linkType).toBe(capture.linkType);
    expect(oracle.packets.length).toBe(DATAGRAMS_V4 + DATAGRAMS_V6);
    expect(ours.length).toBe(oracle.packets.length);
    expect(end.error).toBeUndefined();
    expect(end.packets).toBe(ours.length);
    const oracleBytes = oracle.packets.reduce((sum, packet) => sum + packet.capturedLength, 0);
    expect(end.bytes).toBe(oracleBytes);
    // Without immediate mode the kernel hands packets over in blocks: far fewer batches.
    expect(batches).toBeLessThan(ours.length / 4);

    const skew = expectSamePackets(ours, oracle.packets);
    // On lo the skb is stamped once, before either socket sees it.
    expect(skew.worst).toBeLessThanOrEqual(MAX_SKEW_NS);
    // On lo the kernel counts each packet on its way out and in; both are ps_recv.
    expect(end.stats.received).toBeGreaterThanOrEqual(ours.length);
    expect(end.stats.droppedByKernel).toBe(0);
  });

  it('in immediate mode, hands a packet over before the read timeout', async () => {
    const receiver = await bound('udp4', '127.0.0.1');
    const port = receiver.address().port;
    const sender = await bound('udp4', '127.0.0.1');
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => { arrived = resolve; });
    const capture = openLiveCapture(
      { interface: 'lo', filter: `udp dst port ${port}`, immediate: true, timeoutMs: 5000 },
      () => arrived());

    const sentAt = process.hrtime.bigint();
    await send(sender, 64, port, '127.0.0.1');
    await first;
    const waitedMs = Number(process.hrtime.bigint() - sentAt) / 1e6;
    const end = await capture.stop();
    receiver.close();
    sender.close();

    expect(waitedMs).toBeLessThan(1000);
    expect(end.packets).toBe(1);
  });

  it('takes a burst of 20000 datagrams through a capture process in few batches', async () => {
    const burst = 20_000;
    const receiver = await bound('udp4', '127.0.0.1');
    const port = receiver.address().port;
    const sender = await bound('udp4', '127.0.0.1');
    let packets = 0;
    let batches = 0;
    const capture = await startCaptureProcess(
      { capture: { interface: 'lo', filter: `udp dst port ${port}` } },
      (batch) => {
        batches++;
        packets += batch.count;
      });

    for (let index = 0; index < burst; index++) await send(sender, 100, port, '127.0.0.1');
    const end = await capture.stop();
    receiver.close();
    sender.close();

    expect(end.error).toBeUndefined();
    expect(end.stats.droppedByKernel).toBe(0);
    expect(end.droppedPackets).toBe(0);
    expect(end.packets).toBe(burst);
    expect(packets).toBe(burst);
    expect(batches).toBeLessThan(burst / 50);
  });

  it('keeps the event loop free while a burst arrives in the same process', async () => {
    const burst = 20_000;
    const receiver = await bound('udp4', '127.0.0.1');
    const port = receiver.address().port;
    let packets = 0;
    const capture = openLiveCapture({ interface: 'lo', filter: `udp dst port ${port}` },
      (batch) => { packets += batch.count; });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();

    // Another process sends, so that only the capture works on this loop.
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [PEER, 'flood', '127.0.0.1', String(port), String(burst)],
        { timeout: 15_000 }, (error) => (error ? reject(error) : resolve()));
    });
    const end = await capture.stop();
    delay.disable();
    receiver.close();

    expect(end.packets).toBe(burst);
    expect(packets).toBe(burst);
    // A blocking read would hold the loop for the whole burst, seconds long.
    console.log("[capture test] worst event-loop delay ms", delay.max / 1e6);
    expect(delay.max / 1e6).toBeLessThan(200);
  });
});
