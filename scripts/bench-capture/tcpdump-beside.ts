// tcpdump -w on lo with the bench's filter and buffer, run beside Tapline's capture.

import { spawn, type ChildProcess } from 'node:child_process';

export interface TcpdumpRun {
  child: ChildProcess;
  /** Stops it (SIGINT, as a user's Ctrl-C) and resolves to its closing summary. */
  stop(): Promise<string>;
}

export function startTcpdump(file: string, filter: string, bufferKib: number):
  Promise<TcpdumpRun> {
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-B', String(bufferKib), '-w', file,
    filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  const exited = new Promise<string>((resolve) => child.once('exit', () => resolve(said)));
  const stop = () => {
    child.kill('SIGINT');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tcpdump did not start: ${said}`));
    }, 10_000);
    child.once('error', (error) => reject(new Error(`tcpdump could not run: ${error.message}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk;
      if (said.includes('listening on')) {
        clearTimeout(timer);
        resolve({ child, stop });
      }
    });
  });
}

/** A number from tcpdump's summary ("N packets captured"), or NaN when it is not there. */
export function summaryCount(summary: string, what: string): number {
  return Number(new RegExp(`(\\d+) packets? ${what}`).exec(summary)?.[1] ?? NaN);
}
