// A small TCP/UDP peer for the capture tests: an echo server, a client, UDP senders.
// Every mode stops by itself within ten seconds.
import net from 'node:net';
import dgram from 'node:dgram';

const [mode, host, portText, amountText] = process.argv.slice(2);
const port = Number(portText);
const amount = Number(amountText ?? 0);
setTimeout(() => {
  console.error(`peer ${mode}: timed out`);
  process.exit(1);
}, 10_000).unref();

function pattern(size) {
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index++) bytes[index] = (index * 31 + 7) & 0xff;
  return bytes;
}

if (mode === 'server') {
  // Echoes `amount` connections, then exits.
  let left = amount;
  const server = net.createServer((socket) => {
    socket.pipe(socket);
    socket.on('close', () => {
      left -= 1;
      if (left === 0) server.close();
    });
  });
  server.listen({ host, port, ipv6Only: false }, () => console.log('ready'));
} else if (mode === 'client') {
  // Sends `amount` bytes, half-closes, and checks that all of it came back.
  let echoed = 0;
  const socket = net.connect({ host, port }, () => socket.end(pattern(amount)));
  socket.on('data', (chunk) => { echoed += chunk.length; });
  socket.on('end', () => process.exit(echoed === amount ? 0 : 2));
  socket.on('error', (error) => {
    console.error(error.message);
    process.exit(3);
  });
} else if (mode === 'udp') {
  // Sends `amount` datagrams of growing size, one after another.
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  for (let index = 0; index < amount; index++) {
    await new Promise((resolve) => socket.send(pattern(20 + index * 13), port, host, resolve));
  }
  socket.close();
} else if (mode === 'flood') {
  // Sends `amount` datagrams of 100 bytes as fast as the socket takes them.
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const payload = pattern(100);
  for (let index = 0; index < amount; index++) {
    await new Promise((resolve) => socket.send(payload, port, host, resolve));
  }
  socket.close();
} else {
  console.error(`peer: unknown mode ${mode}`);
  process.exit(1);
}
