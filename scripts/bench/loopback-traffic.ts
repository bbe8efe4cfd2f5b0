// Real traffic for the benchmark capture: SMTP dialogues, bulk transfers and UDP echoes on lo.

import { createSocket } from 'node:dgram';
import { createConnection, createServer, type Socket } from 'node:net';

/**
 * Every address is in 127/8, which Linux's lo answers in full, so one machine shows several
 * hosts and a filter such as `host 127.0.0.11 and port 25` picks a fraction of the sessions.
 */
export const SMTP_SERVER = { host: '127.0.0.25', port: 25 };
export const BULK_SERVER = { host: '127.0.0.80', port: 8080 };
export const ECHO_SERVER = { host: '127.0.0.53', port: 5353 };
export const CLIENT_HOSTS = ['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13'];

/** The capture filter that keeps only this traffic, whatever else runs on lo. */
export const CAPTURE_FILTER = `host ${SMTP_SERVER.host} or host ${BULK_SERVER.host}` +
  ` or host ${ECHO_SERVER.host}`;

const PARALLEL_CLIENTS = 24;

/** A small seeded generator, so two builds of the capture carry the same dialogues. */
function randomSource(seed: number): (limit: number) => number {
  let state = seed >>> 0;
  return (limit) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % limit;
  };
}

/** Reads CRLF-terminated lines from a socket, one promise per line. */
function lineReader(socket: Socket): () => Promise<string> {
  let buffered = '';
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  socket.setEncoding('latin1');
  socket.on('data', (text: string) => {
    buffered += text;
    let end;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const next = waiting.shift();
      if (next) next(line);
      else ready.push(line);
    }
  });
  return () => {
    const line = ready.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => waiting.push(resolve));
  };
}

function smtpServer() {
  return createServer((socket) => {
    socket.on('error', () => socket.destroy());
    let inData = false;
    let body = '';
    socket.write('220 bench.example ESMTP ready\r\n');
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      if (inData) {
        body += text;
        if (!body.endsWith('\r\n.\r\n')) return;
        inData = false;
        socket.write(`250 2.0.0 Ok: queued as Q${body.length}\r\n`);
        body = '';
        return;
      }
      const verb = text.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') {
        socket.write('250-bench.example\r\n250-SIZE 10240000\r\n250-PIPELINING\r\n' +
          '250 8BITMIME\r\n');
      } else if (verb === 'MAIL') socket.write('250 2.1.0 Ok\r\n');
      else if (verb === 'RCPT') socket.write('250 2.1.5 Ok\r\n');
      else if (verb === 'DATA') {
        inData = true;
        socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
      } else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
      else socket.write('502 5.5.2 Error: command not recognized\r\n');
    });
  });
}

function bulkServer() {
  return createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1');
    socket.once('data', (text: string) => {
      const size = Number(/GET \/(\d+)/.exec(text)?.[1] ?? 0);
      socket.end(Buffer.alloc(Math.min(size, 1 << 20), 0x61));
    });
  });
}

function messageBody(random: (limit: number) => number, session: number): string {
  const lines = [`From: sender${session % 97}@bench.example`,
    `To: rcpt${session % 89}@bench.example`, `Subject: benchmark message ${session}`, ''];
  const count = 4 + random(60);
  for (let i = 0; i < count; i++) lines.push(`line ${i} of message ${session} `.repeat(3));
  return lines.join('\r\n') + '\r\n.\r\n';
}

async function smtpSession(random: (limit: number) => number, session: number) {
  const socket = createConnection({ ...SMTP_SERVER, localAddress: hostFor(session, 1) });
  socket.on('error', () => socket.destroy());
  const readLine = lineReader(socket);
  const reply = async () => {
    let line = await readLine();
    while (line[3] === '-') line = await readLine();
    return line;
  };
  await reply();
  const steps = [`EHLO client${session % 7}.bench.example`,
    `MAIL FROM:<sender${session % 97}@bench.example>`,
    `RCPT TO:<rcpt${session % 89}@bench.example>`, 'DATA'];
  for (const step of steps) {
    socket.write(step + '\r\n');
    await reply();
  }
  socket.write(messageBody(random, session));
  await reply();
  socket.write('QUIT\r\n');
  await reply();
  socket.end();
}

/** Spreads the sessions that also do `every`-th extras over the client hosts. */
function hostFor(session: number, every: number): string {
  return CLIENT_HOSTS[Math.floor(session / every) % CLIENT_HOSTS.length];
}

function bulkTransfer(random: (limit: number) => number, session: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = createConnection({ ...BULK_SERVER, localAddress: hostFor(session, 20) });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.on('data', () => {});
    socket.write(`GET /${16384 + random(200000)}\r\n`);
  });
}

function udpEcho(session: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => socket.close(resolve), 200);
    socket.on('message', () => {
      clearTimeout(timer);
      socket.close(resolve);
    });
    socket.bind(0, hostFor(session, 4), () => {
      socket.send(`ping ${session}`, ECHO_SERVER.port, ECHO_SERVER.host);
    });
  });
}

async function client(id: number, until: number) {
  const random = randomSource(id + 1);
  for (let session = id; Date.now() < until; session += PARALLEL_CLIENTS) {
    try {
      await smtpSession(random, session);
      if (session % 20 === 0) await bulkTransfer(random, session);
      if (session % 4 === 0) await udpEcho(session);
    } catch {
      // A refused or reset connection only means fewer packets; the capture stays valid.
    }
  }
}

/** Runs servers and clients until `seconds` have passed or the process is told to stop. */
async function run(seconds: number) {
  const smtp = smtpServer().listen(SMTP_SERVER.port, SMTP_SERVER.host);
  const bulk = bulkServer().listen(BULK_SERVER.port, BULK_SERVER.host);
  const echo = createSocket('udp4');
  echo.on('message', (message, from) => echo.send(message, from.port, from.address));
  echo.bind(ECHO_SERVER.port, ECHO_SERVER.host);

  const until = Date.now() + seconds * 1000;
  const clients = [];
  for (let id = 0; id < PARALLEL_CLIENTS; id++) clients.push(client(id, until));
  await Promise.all(clients);
  smtp.close();
  bulk.close();
  echo.close();
}

if (process.argv[1]?.endsWith('loopback-traffic.ts')) {
  const seconds = Number(process.argv[2] ?? 60);
  process.on('SIGTERM', () => process.exit(0));
  run(seconds).then(() => process.exit(0), (error: unknown) => {
    console.error(`[bench] traffic failed: ${String(error)}`);
    process.exit(1);
  });
}
