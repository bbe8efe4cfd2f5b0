// `tapline capture` run as nobody, without any capability, through the tapline-capture
// helper named by TAPLINE_CAPTURE_HELPER: the same lines as tcpdump, and -w.

import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AS_NOBODY, buildHelper, grantedHelperCopy, missingPrivilegeTools, tcpdumpLines,
} from '../main/capture/support/helper-run';
import { isRoot } from '../main/capture/support/live-test-env';
import { buildCli, type BuiltCli } from './helpers/cli';

const missing = missingPrivilegeTools();
if (isRoot && missing.length > 0) {
  console.warn(`[cli tests] skipping the helper capture tests: no ${missing.join(', ')}`);
}

/** Starts a command that prints packets, resolved once it says it is listening. */
async function listening(command: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command[0], command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not listening: ${stderr}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      if (stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}): ${stderr}`)));
  });
  return { exited, output: () => stdout, errors: () => stderr };
}

async function sendDatagrams(port: number, count: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`datagram ${i}`, port, '127.0.0.1',
      () => done()));
  }
  socket.close();
}

describe.runIf(isRoot && missing.length === 0)('tapline capture through the helper', () => {
  let cli: BuiltCli;
  let helper: string;
  let outDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    cli = buildCli();
    chmodSync(path.dirname(cli.bundle), 0o755);
    helper = grantedHelperCopy(buildHelper());
    outDir = mkdtempSync(path.join(tmpdir(), 'tapline-cli-helper-'));
    chmodSync(outDir, 0o777);
    env = { ...process.env, TZ: 'UTC', TAPLINE_CAPTURE_HELPER: helper };
  });
  afterAll(() => {
    cli?.dispose();
    if (helper) rmSync(path.dirname(helper), { recursive: true, force: true });
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('prints live packets as nobody as tcpdump prints them', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const filter = `udp port ${port}`;
    const ours = await listening([...AS_NOBODY, process.execPath, cli.bundle, 'capture', '-i',
      'lo', '-c', '5', '-nn', '-t', '-v', filter], env);
    const theirs = await listening(['tcpdump', '-i', 'lo', '-c', '5', '-nn', '-t', '-v',
      '--immediate-mode', '-l', filter], env);
    await sendDatagrams(port, 5);
    const [code] = await Promise.all([ours.exited, theirs.exited]);

    expect(code).toBe(0);
    expect(ours.output().match(/UDP, length 10/g)).toHaveLength(5);
    expect(ours.output()).toBe(theirs.output());
    expect(ours.errors()).toMatch(/\n5 packets captured\n\d+ packets received by filter\n/);
  });

  it('writes the packets with -w as nobody, and the same binary without a helper cannot',
    async () => {
      const port = 40_000 + Math.floor(Math.random() * 20_000);
      const file = path.join(outDir, 'nobody.pcap');
      const ours = await listening([...AS_NOBODY, process.execPath, cli.bundle, 'capture', '-i',
        'lo', '-c', '7', '-w', file, `udp port ${port}`], env);
      await sendDatagrams(port, 7);
      expect(await ours.exited).toBe(0);
      expect(tcpdumpLines(file)).toHaveLength(7);

      const without = { ...env };
      delete without.TAPLINE_CAPTURE_HELPER;
      const refused = spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), process.execPath,
        cli.bundle, 'capture', '-i', 'lo', '-c', '1'], { env: without, encoding: 'utf8',
        timeout: 15_000 });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/permission/i);
    });
});
