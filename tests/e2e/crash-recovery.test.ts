// A capture survives a crash: the app is killed mid-capture, and the next run offers the
// spooled packets, which tcpdump also reads.

import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tcpdump } from '../support/tcpdump';
import { startWebMode, type RunningApp } from '../support/web-mode';

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('[e2e] skipping the crash-recovery test: capturing needs root here');

// Answers are checked field by field below; their exact types live in src/shared/api.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { result?: any; error?: { code: string; message: string } };

/** A minimal client of the web mode's API, as the renderer's adapter speaks it. */
async function connect(app: RunningApp) {
  const url = new URL('/api/ws', app.origin.replace('http', 'ws'));
  url.searchParams.set('token', app.token);
  const ws = new WebSocket(url, { origin: app.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  return {
    call(method: string, params: object): Promise<Answer> {
      const mine = ++id;
      return new Promise((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const answer = JSON.parse(String(data));
          if (answer.id !== mine) return;
          ws.off('message', onMessage);
          resolve(answer);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id: mine, method, params }));
      });
    },
    close: () => ws.close(),
  };
}

describe.runIf(isRoot)('crash recovery', () => {
  it('offers the capture of a killed run, with every packet it had listed', async () => {
    const spool = mkdtempSync(join(tmpdir(), 'tapline-crash-'));
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const first = await startWebMode([], { TAPLINE_SPOOL_DIR: spool });
    const api = await connect(first);
    const started = await api.call('capture.start', {
      interface: 'lo', filter: `udp port ${port}`, snapLength: 262144, promiscuous: false,
    });
    expect(started.error).toBeUndefined();
    const socket = createSocket('udp4');
    for (let i = 0; i < 25; i++) {
      await new Promise<void>((done) => socket.send(`n${i}`, port, '127.0.0.1', () => done()));
    }
    socket.close();
    await expect.poll(async () => (await api.call('document.status', {})).result.packetCount)
      .toBe(25);
    first.process.kill('SIGKILL');
    api.close();

    const second = await startWebMode([], { TAPLINE_SPOOL_DIR: spool });
    try {
      const again = await connect(second);
      const unsaved = (await again.call('captures.unsaved', {})).result;
      expect(unsaved).toHaveLength(1);
      const reopened = await again.call('captures.reopen', { name: unsaved[0].name });
      expect(reopened.error).toBeUndefined();
      await expect.poll(async () => (await again.call('document.status', {})).result)
        .toMatchObject({ loading: false, packetCount: 25 });
      const file = join(spool, unsaved[0].name);
      expect(tcpdump(['-nn', '-r', file]).trim().split('\n')).toHaveLength(25);
      const refused = await again.call('captures.reopen', { name: '../../etc/passwd' });
      expect(refused.error?.code).toBe('BAD_REQUEST');
      again.close();
    } finally {
      await second.stop();
    }
  });
});
