// `tapline capture`: -D as tcpdump -D lists, and live lines as tcpdump prints them.

import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, prepareAddon } from '../main/capture/support/live-test-env';
import { buildCli, type BuiltCli } from './helpers/cli';
import { repoRoot } from './helpers/oracle';

const addon = path.join(repoRoot, 'native/build/Release/tapline_pcap.node');
const env = { ...process.env, TZ: 'UTC', TAPLINE_PCAP_ADDON: addon };

/** Starts a command that prints packets, resolved once it says it is listening. */
async function listening(command: string, args: string[]) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening: ${stderr}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { exited, output: () => stdout, errors: () => stderr };
}

describe.runIf(isRoot)('tapline capture', () => {
  let cli: BuiltCli;
  beforeAll(() => {
    prepareAddon();
    cli = buildCli();
  });
  afterAll(() => cli?.dispose());

  it('lists interfaces as tcpdump -D does', () => {
    const ours = spawnSync(process.execPath, [cli.bundle, 'capture', '-D'], { env });
    const theirs = spawnSync('tcpdump', ['-D']);
    expect(String(ours.stdout)).toBe(String(theirs.stdout));
  });

  it('prints live packets as tcpdump does, then its summary', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const filter = `udp port ${port}`;
    const ours = await listening(process.execPath,
      [cli.bundle, 'capture', '-i', 'lo', '-c', '5', '-nn', '-t', '-v', filter]);
    const theirs = await listening('tcpdump',
      ['-i', 'lo', '-c', '5', '-nn', '-t', '-v', '--immediate-mode', '-l', filter]);
    const socket = createSocket('udp4');
    for (let i = 0; i < 5; i++) {
      await new Promise<void>((done) => socket.send(`datagram ${i}`, port, '127.0.0.1',
        () => done()));
    }
    socket.close();
    await Promise.all([ours.exited, theirs.exited]);

    expect(ours.output().match(/UDP, length 10/g)).toHaveLength(5);
    expect(ours.output()).toBe(theirs.output());
    expect(ours.errors()).toMatch(/\n5 packets captured\n\d+ packets received by filter\n/);
  });
});
