// A server bound to 127.0.0.1 refuses peers whose address is not loopback. The other peer
// is real: a veth pair into a network namespace, addressed in 198.51.100.0/24 (TEST-NET-2).
//
// A host in the namespace cannot reach our 127.0.0.1 at all (the kernel drops martians),
// so the refused peer is the host end of the veth, 198.51.100.1, connecting to 127.0.0.1:
// the same thing a local process or a forwarded connection with that source would be.

import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebServer } from '../../src/main/web/web-server';
import { repoRoot } from '../support/shared-data';
import { call, connect, httpStatus, startTestServer } from './web-client';

const suffix = String(process.pid % 100_000);
const namespace = `tapline-hard-${suffix}`;
const hostEnd = `tlh${suffix}`;
const nsEnd = `tln${suffix}`;
const HOST_ADDRESS = '198.51.100.1';
const NS_ADDRESS = '198.51.100.2';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

/** Creates the namespace and veth; returns why it could not, or undefined. */
function makeNetwork(): string | undefined {
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root';
  if (spawnSync('ip', ['-V']).status !== 0) return 'the ip command (iproute2) is missing';
  try {
    ip('netns', 'add', namespace);
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', nsEnd, 'netns', namespace);
    ip('addr', 'add', `${HOST_ADDRESS}/24`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('-n', namespace, 'addr', 'add', `${NS_ADDRESS}/24`, 'dev', nsEnd);
    ip('-n', namespace, 'link', 'set', nsEnd, 'up');
    return undefined;
  } catch (error) {
    removeNetwork();
    return `could not create a veth pair: ${(error as Error).message.split('\n')[0]}`;
  }
}

function removeNetwork(): void {
  spawnSync('ip', ['link', 'del', hostEnd]);
  spawnSync('ip', ['netns', 'del', namespace]);
}

const skipReason = makeNetwork();
if (skipReason) console.warn(`[tests] skipping the non-loopback peer tests: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('a peer that is not loopback', () => {
  let loopback: RunningWebServer;
  let exposed: RunningWebServer;

  beforeAll(async () => {
    loopback = await startTestServer('127.0.0.1');
    exposed = await startTestServer(HOST_ADDRESS);
  });

  afterAll(async () => {
    await loopback?.close();
    await exposed?.close();
    removeNetwork();
  });

  it('is refused by a loopback-bound server, page and API, even with the token', async () => {
    const origin = new URL(loopback.url).origin;
    expect(await httpStatus(`${origin}/`, {}, HOST_ADDRESS)).toBe(403);
    await expect(connect(loopback, { localAddress: HOST_ADDRESS })).rejects.toThrow('refused 403');

    const ws = await connect(loopback, { localAddress: '127.0.0.1' });
    expect((await call(ws, { id: 1, method: 'app.info', params: {} })).result).toBeDefined();
    ws.close();
  });

  it('cannot reach a loopback-bound server from the namespace at all', () => {
    const port = new URL(loopback.url).port;
    const probe = spawnSync('ip', ['netns', 'exec', namespace, process.execPath, '-e',
      `require('net').connect(${port}, '${HOST_ADDRESS}')
        .on('connect', () => process.exit(0)).on('error', () => process.exit(3))`],
    { timeout: 10_000 });
    expect(probe.status).toBe(3);
  });

  it('reaches a server bound to that address by choice, with the token only', async () => {
    const origin = new URL(exposed.url).origin;
    const script = `
      const url = ${JSON.stringify(origin.replace('http', 'ws'))} + '/api/ws?token=';
      const WebSocket = require('ws');
      const open = (token) => new Promise((resolve) => {
        const ws = new WebSocket(url + token, { origin: ${JSON.stringify(origin)} });
        ws.on('open', () => { ws.close(); resolve('open'); });
        ws.on('unexpected-response', (_q, r) => resolve(String(r.statusCode)));
        ws.on('error', (e) => resolve(e.message));
      });
      Promise.all([open(${JSON.stringify(exposed.token)}), open('wrong')])
        .then((r) => { console.log(r.join(' ')); process.exit(0); });`;
    // Asynchronous: this process serves the requests the probe makes.
    const probe = await promisify(execFile)('ip',
      ['netns', 'exec', namespace, process.execPath, '-e', script], { timeout: 10_000 });
    expect(probe.stdout.trim()).toBe('open 401');
  });

  it.skipIf(!existsSync(join(repoRoot, 'out/main/serve.js')))(
    'is what `tapline serve --host` warns about when it listens there', async () => {
      const child = spawn(process.execPath,
        [join(repoRoot, 'out/main/serve.js'), '--host', HOST_ADDRESS]);
      let stderr = '';
      child.stderr.on('data', (chunk) => { stderr += chunk; });
      const url = await new Promise<string>((resolve) => {
        child.stdout.on('data', (chunk) => resolve(String(chunk)));
      });
      const closed = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await closed;
      expect(url).toContain(`http://${HOST_ADDRESS}:`);
      expect(stderr).toContain(`warning: listening on ${HOST_ADDRESS}, not loopback`);
    });
});
