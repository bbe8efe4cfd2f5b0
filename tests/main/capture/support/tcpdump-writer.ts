// Runs `tcpdump -w` beside a capture under test, ready only once it says it is listening.

import { spawn, type ChildProcess } from 'node:child_process';

export interface TcpdumpWriter {
  /** Stops tcpdump with SIGINT, as a user would, and waits until it has written the file. */
  stop(): Promise<void>;
}

/**
 * Starts tcpdump on `iface` with `filter`, writing nanosecond timestamps to `file`.
 * `prefix` runs it elsewhere, e.g. ['ip', 'netns', 'exec', name].
 */
export async function startTcpdump(iface: string, filter: string, file: string,
  prefix: string[] = []): Promise<TcpdumpWriter> {
  // Immediate mode: tcpdump stopped by SIGINT drops the kernel block still being filled.
  // Immediate mode gives every packet a snaplen-sized slot, so the 2 MiB default ring holds
  // only 8 of them: -B makes room for a burst.
  const args = ['tcpdump', '-i', iface, '-n', '-U', '-Z', 'root', '--immediate-mode',
    '-B', '131072',
    '--time-stamp-precision=nano', '-w', file, filter];
  const command = [...prefix, ...args];
  const child: ChildProcess = spawn(command[0], command.slice(1), {
    env: { ...process.env, TZ: 'UTC' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${said}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited with ${code}: ${said}`));
    });
  });

  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}
