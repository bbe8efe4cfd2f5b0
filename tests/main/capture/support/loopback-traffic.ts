// Traffic and waiting shared by the service tests that capture on lo.

import { createSocket } from 'node:dgram';

/** Sends `count` UDP datagrams to 127.0.0.1:port, one every millisecond. */
export async function sendDatagrams(port: number, count: number): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done) => socket.send(`tapline datagram ${i}`, port, '127.0.0.1',
      () => done()));
    await new Promise((done) => setTimeout(done, 1));
  }
  socket.close();
}

/** Polls `check` every 50 ms; fails after 15 s, naming `what` it waited for. */
export async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !check(); waited += 50) {
    if (waited > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
