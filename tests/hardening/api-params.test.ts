// Every API method, reached through the web socket, refuses bad parameters with a code and
// a sentence, and the service keeps answering. Methods are read from API_METHODS, so a new
// one is covered the day it is added.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { API_METHODS, RequestSchemas } from '../../src/shared/api';
import { MAX_RPC_MESSAGE_BYTES } from '../../src/shared/rpc-messages';
import type { RunningWebServer } from '../../src/main/web/web-server';
import { call, connect, startTestServer } from './web-client';

let server: RunningWebServer;
let ws: WebSocket;

beforeAll(async () => {
  server = await startTestServer();
  ws = await connect(server);
});

afterAll(async () => {
  ws?.close();
  await server?.close();
});

/** The keys a method's schema declares (empty for methods without parameters). */
function keysOf(method: string): string[] {
  const schema = RequestSchemas[method as keyof typeof RequestSchemas] as unknown as
    { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
}

/** Parameters that no schema may accept, each with a name for the failure message. */
function badParams(method: string): [string, unknown][] {
  const cases: [string, unknown][] = [
    ['a number', 42],
    ['a string', 'start=0'],
    ['an array', [0, 10]],
    ['true', true],
    ['an extra key', { extra: 1 }],
    ['a prototype key', JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}')],
    ['an oversized key', { ['k'.repeat(20_000)]: 1 }],
  ];
  for (const key of keysOf(method)) {
    cases.push([`${key} as an object`, { [key]: { nested: [1, 2, 3] } }]);
    cases.push([`${key} as an oversized string`, { [key]: 'x'.repeat(60_000) }]);
    cases.push([`${key} as a huge number`, { [key]: 1e308 }]);
    cases.push([`${key} as null`, { [key]: null }]);
  }
  return cases;
}

describe.each(API_METHODS.map((method) => [method]))('%s', (method) => {
  it('answers every bad parameter set with BAD_REQUEST and a sentence', async () => {
    let id = 1000;
    for (const [name, params] of badParams(method)) {
      const message = JSON.stringify({ id: ++id, method, params });
      if (message.length > MAX_RPC_MESSAGE_BYTES) continue;
      const answer = await call(ws, message);
      expect(answer.id, `${method} with ${name}`).toBe(id);
      expect(answer.error?.code, `${method} with ${name}`).toBe('BAD_REQUEST');
      expect(answer.error?.message, `${method} with ${name}`).toMatch(/^\S.{10,}/);
      expect(answer.error!.message.length).toBeLessThan(400);
    }
    const info = await call(ws, { id: 1, method: 'app.info', params: {} });
    expect(info.result).toEqual({ mode: 'web', version: 'test' });
  });
});

describe('method names and envelopes', () => {
  it('refuses names that are not methods, Object.prototype\'s included', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(5000),
      42, null, ['app.info'], { method: 'app.info' }];
    for (const method of names) {
      const answer = await call(ws, { id: 7, method, params: {} });
      expect(answer.error?.code, JSON.stringify(method).slice(0, 40)).toBe('UNKNOWN_METHOD');
      expect(answer.error!.message.length).toBeLessThan(200);
    }
  });

  it('answers envelopes that are not objects, and keeps the connection', async () => {
    for (const message of ['null', '[]', '"app.info"', '12', '{', '\u0000', '{"id":{}}']) {
      const answer = await call(ws, message);
      expect(answer.error?.code, message).toMatch(/^(BAD_REQUEST|UNKNOWN_METHOD)$/);
    }
    expect((await call(ws, { id: 2, method: 'app.info', params: {} })).result).toBeDefined();
  });

  it('closes a socket that sends more than the size limit, and the server goes on', async () => {
    const big = await connect(server);
    const closed = new Promise<number>((resolve) => big.once('close', resolve));
    big.send(JSON.stringify({ id: 1, method: 'app.info', params: { pad:
      'x'.repeat(MAX_RPC_MESSAGE_BYTES) } }));
    expect(await closed).toBe(1009);

    const again = await connect(server);
    expect((await call(again, { id: 3, method: 'app.info', params: {} })).result).toBeDefined();
    again.close();
  });
});
