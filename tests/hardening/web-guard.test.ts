// Who the web mode lets in: the token, the Origin, the Host header (DNS rebinding), and
// peers on loopback only when bound to loopback.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningWebServer } from '../../src/main/web/web-server';
import { call, connect, httpStatus, startTestServer } from './web-client';

let server: RunningWebServer;
let origin: string;

beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.url).origin;
});

afterAll(() => server?.close());

describe('the API socket', () => {
  it('opens with the token, from our origin and under our Host', async () => {
    const ws = await connect(server);
    expect((await call(ws, { id: 1, method: 'app.info', params: {} })).result)
      .toEqual({ mode: 'web', version: 'test' });
    ws.close();
  });

  it('refuses no token, an empty one, a wrong one and a prefix of the right one', async () => {
    await expect(connect(server, { token: null })).rejects.toThrow('refused 401');
    await expect(connect(server, { token: '' })).rejects.toThrow('refused 401');
    await expect(connect(server, { token: 'A'.repeat(server.token.length) }))
      .rejects.toThrow('refused 401');
    await expect(connect(server, { token: server.token.slice(0, -1) }))
      .rejects.toThrow('refused 401');
  });

  it('refuses a wrong Origin, including our address on another port or scheme', async () => {
    const port = Number(new URL(origin).port);
    for (const other of ['http://evil.example', `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`, 'null']) {
      await expect(connect(server, { origin: other }), other).rejects.toThrow('refused 403');
    }
  });

  it('refuses a Host header that is not ours, even with the token (DNS rebinding)', async () => {
    const port = new URL(origin).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.example:${port}`,
      '127.0.0.1', `127.0.0.2:${port}`]) {
      await expect(connect(server, { host }), host).rejects.toThrow('refused 421');
    }
  });
});

describe('the page', () => {
  it('is served under our Host and refused under another name', async () => {
    const port = new URL(origin).port;
    expect(await httpStatus(`${origin}/`, {})).toBe(200);
    expect(await httpStatus(`${origin}/`, { Host: `localhost:${port}` })).toBe(200);
    expect(await httpStatus(`${origin}/`, { Host: `rebind.example:${port}` })).toBe(421);
  });

  it('refuses an upload with a rebinding Host even with the token and Origin', async () => {
    const port = new URL(origin).port;
    const status = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request(`${origin}/api/upload?name=a.pcap`, {
          method: 'POST',
          headers: { Host: `rebind.example:${port}`, Origin: origin,
            'X-Tapline-Token': server.token },
        }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
        req.once('error', reject);
        req.end('x');
      }, reject);
    });
    expect(status).toBe(421);
  });
});
