// Linux cooked v2 captures name interfaces by ifindex on this machine: capture live on "any"
// with tcpdump while sending UDP datagrams, then compare the interface column with tcpdump -r.

import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, identicalLines, runCli, type BuiltCli } from './helpers/cli';
import { linesOf, tcpdump } from './helpers/oracle';

const DATAGRAMS = 4;

function cannotCapture(): string | undefined {
  const probe = spawnSync('tcpdump', ['-D'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0 || !/\bany\b/.test(probe.stdout)) {
    const reason = 'tcpdump cannot list an "any" device here (needs root); skipping';
    console.log(reason);
    return reason;
  }
  return undefined;
}

async function sendDatagrams(port: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < DATAGRAMS; i++) {
    await new Promise<void>((resolve, reject) => {
      const sent = (error: Error | null): void => (error ? reject(error) : resolve());
      socket.send(`tapline ${i}`, port, '127.0.0.1', sent);
    });
  }
  socket.close();
}

/** Captures DATAGRAMS packets on "any" (cooked v2 in libpcap 1.10) into `file`. */
async function captureCookedV2(file: string, port: number): Promise<void> {
  const args = ['-i', 'any', '-y', 'LINUX_SLL2', '-U', '-c', String(DATAGRAMS), '-w', file,
    'udp', 'and', 'dst', 'port', String(port)];
  const child = spawn('tcpdump', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening on')) resolve();
    });
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGINT'), 10_000);
  await ready;
  await sendDatagrams(port);
  await closed;
  clearTimeout(timer);
}

const skip = cannotCapture();

describe.skipIf(skip)('Linux cooked v2: interface names from this machine', () => {
  let cli: BuiltCli;
  let workDir: string;
  beforeAll(() => {
    cli = buildCli();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-sll2-'));
  });
  afterAll(() => {
    cli?.dispose();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('names the interface as tcpdump -r does', async () => {
    const file = path.join(workDir, 'any.pcap');
    const port = 40000 + Math.floor(Math.random() * 20000);
    await captureCookedV2(file, port);

    const theirs = linesOf(tcpdump(['-nn', '-r', file]).stdout);
    const ours = runCli(cli, ['read', '-nn', file]);
    expect(ours.status, ours.stderr).toBe(0);
    expect(ours.stderr).toMatch(/LINUX_SLL2.*\nWarning: interface names might be incorrect/);
    const lines = linesOf(ours.stdout);
    expect(theirs).toHaveLength(DATAGRAMS);
    expect(lines).toHaveLength(DATAGRAMS);
    // Column two is the interface name: "lo" for datagrams to 127.0.0.1.
    expect(lines.map((line) => line.split(/\s+/)[1])).toEqual(
      theirs.map((line) => line.split(/\s+/)[1]));
    console.log(`cooked v2: ${identicalLines(lines, theirs)} of ${DATAGRAMS} lines identical`);
  });
});
