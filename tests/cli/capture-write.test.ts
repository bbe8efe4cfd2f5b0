// `tapline capture -w FILE`: the packets go to a file tcpdump and capinfos read, pcap by
// default and pcapng by the name; a file that cannot be written is said plainly.

import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, prepareAddon } from '../main/capture/support/live-test-env';
import { tcpdump } from '../support/tcpdump';
import { buildCli, type BuiltCli } from './helpers/cli';
import { repoRoot } from './helpers/oracle';

const addon = path.join(repoRoot, 'native/build/Release/tapline_pcap.node');
const env = { ...process.env, TZ: 'UTC', TAPLINE_PCAP_ADDON: addon };
const folder = mkdtempSync(path.join(tmpdir(), 'tapline-capture-w-'));

/** Runs `tapline capture -i lo -c N -w FILE FILTER`, sends N datagrams once it listens. */
async function captureTo(cli: BuiltCli, file: string, count: number) {
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [cli.bundle, 'capture', '-i', 'lo', '-c', String(count),
    '-w', file, `udp port ${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await expect.poll(() => stderr, { timeout: 15_000 }).toMatch(/listening on lo/);
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`w ${i}`, port, '127.0.0.1', () => done()));
  }
  socket.close();
  return { port, code: await exit, stdout, stderr: () => stderr };
}

describe.runIf(isRoot)('tapline capture -w', () => {
  let cli: BuiltCli;
  beforeAll(() => {
    prepareAddon();
    cli = buildCli();
  });
  afterAll(() => cli?.dispose());

  it('writes pcap that tcpdump reads, printing only the summary', async () => {
    const file = path.join(folder, 'lo.pcap');
    const run = await captureTo(cli, file, 4);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr()).toMatch(/\n4 packets captured\n/);
    const lines = tcpdump(['-nn', '-r', file]).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.includes(`> 127.0.0.1.${run.port}: UDP, length 3`)))
      .toBe(true);
    expect(spawnSync('capinfos', ['-t', file], { encoding: 'utf8' }).stdout)
      .toMatch(/File type:\s+Wireshark\/tcpdump\/\.\.\. - pcap\n/);
  });

  it('writes pcapng when the name says so', async () => {
    const file = path.join(folder, 'lo.pcapng');
    const run = await captureTo(cli, file, 3);
    expect(run.code).toBe(0);
    const info = spawnSync('capinfos', ['-t', '-c', file], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/File type:\s+(Wireshark\/\.\.\. - )?pcapng\n/);
    expect(info).toMatch(/Number of packets:\s+3\n/);
  });

  it('says which file it cannot write', () => {
    const run = spawnSync(process.execPath, [cli.bundle, 'capture', '-i', 'lo', '-c', '1',
      '-w', path.join(folder, 'no/such/folder/x.pcap'), 'udp port 9'],
    { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot write .*x\.pcap: ENOENT \[CLI_FILE_UNWRITABLE\]/);
  });
});
