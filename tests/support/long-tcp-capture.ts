// A real capture of one long TCP conversation: tcpdump on lo records a client and a server
// trading short messages, each waiting for the other's answer, so every message is a segment.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createConnection, createServer, type AddressInfo, type Server, type Socket,
} from 'node:net';

/** Capturing on lo needs root (or capabilities) here. */
export const canCaptureOnLo = process.getuid?.() === 0;

/** Writes `message` and resolves with the first chunk the peer sends back. */
function exchange(socket: Socket, message: string): Promise<void> {
  const answered = once(socket, 'data').then(() => undefined);
  socket.write(message);
  return answered;
}

/** Starts tcpdump and resolves once it listens, so no packet of the dialogue is missed. */
async function startTcpdump(file: string, filter: string) {
  // A large buffer and short snapshots, so that a busy machine drops nothing; -Z root, as
  // tcpdump would otherwise switch to its own user, who cannot write in our folder.
  const child = spawn('tcpdump',
    ['-i', 'lo', '-B', '65536', '-s', '200', '-U', '-Z', 'root', '-w', file, filter],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      if (errors.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`tcpdump exited (${code}): ${errors}`)));
  });
  return {
    async stop(): Promise<string> {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
      return errors;
    },
  };
}

/** A TCP server on `host` that answers every chunk it reads with "ok LENGTH". */
async function startReplyServer(host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => socket.write(`ok ${chunk.length}\n`));
    socket.on('end', () => socket.end());
  });
  server.listen(0, host);
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Captures `exchanges` request/answer pairs between two 127/8 addresses into `file` (pcap),
 * with the connection's handshake and teardown. At least two segments per exchange.
 */
export async function captureLongConversation(file: string, exchanges: number): Promise<void> {
  const host = '127.0.0.71';
  const { server, port } = await startReplyServer(host);
  const tcpdump = await startTcpdump(file, `host ${host} and tcp port ${port}`);
  let summary = '';
  try {
    const client = createConnection({ host, port, localAddress: '127.0.0.70' });
    client.setNoDelay(true);
    await once(client, 'connect');
    for (let i = 0; i < exchanges; i++) await exchange(client, `ping ${i}\n`);
    client.end();
    await once(client, 'close');
    // tcpdump hands packets over once a second: wait for the last ACK to reach the file.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    server.close();
    summary = await tcpdump.stop();
  }
  // A capture with holes would not be the conversation the test describes.
  const dropped = /(\d+) packets? dropped by kernel/.exec(summary)?.[1];
  if (dropped !== '0') throw new Error(`tcpdump lost packets: ${summary}`);
}

/** A server on `host` and a client that trades short messages with it when told to. */
export async function pingPongPair(host: string) {
  const { server, port } = await startReplyServer(host);
  let client: Socket | undefined;
  let sent = 0;
  return {
    port,
    async connect(): Promise<void> {
      client = createConnection({ host, port, localAddress: '127.0.0.72' });
      client.setNoDelay(true);
      await once(client, 'connect');
    },
    async exchange(count: number): Promise<void> {
      for (let i = 0; i < count; i++) await exchange(client!, `ping ${sent++}\n`);
    },
    async close(): Promise<void> {
      if (client && !client.destroyed) {
        client.end();
        await once(client, 'close');
      }
      server.close();
    },
  };
}
