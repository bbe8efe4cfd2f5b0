// Runs the tapline-capture helper as a test would from a shell: stdout to a file, stderr kept.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { ensureAddonBuilt, ensureHelperBuilt } from '../../../../native/build.mjs';

export interface HelperRun {
  readonly pid: number;
  /** Stops it with SIGTERM, or by closing its standard input; resolves with how it ended. */
  stop(how?: 'signal' | 'stdin'): Promise<HelperExit>;
}

export interface HelperExit {
  code: number | null;
  stderr: string;
}

/** Builds the addon (node-gyp's rebuild empties build/) and then the helper. */
export function buildHelper(): string {
  ensureAddonBuilt();
  return ensureHelperBuilt();
}

/**
 * Starts `helper args` (after `prefix`, e.g. setpriv) writing to `file`; resolves once it
 * has written its header, i.e. once the capture socket is open and filtered.
 */
export function startHelper(helper: string, args: string[], file: string,
  prefix: string[] = []): Promise<HelperRun> {
  const command = [...prefix, helper, ...args];
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => { stderr += text; });
  const out = createWriteStream(file);
  child.stdout.pipe(out);
  const written = new Promise<void>((resolve) => out.once('close', () => resolve()));
  const exited = new Promise<HelperExit>((resolve) => {
    child.once('close', (code) => void written.then(() => resolve({ code, stderr })));
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the helper did not start: ${stderr}`)),
      10_000);
    child.stdout.once('data', () => {
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        stop(how = 'signal') {
          if (how === 'stdin') child.stdin.end();
          else child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((end) => {
      clearTimeout(timer);
      reject(new Error(`the helper exited (${end.code}) before writing: ${end.stderr}`));
    });
  });
}

/** Runs the helper to its end, for the cases where it must refuse to start. */
export function runHelper(helper: string, args: string[], prefix: string[] = []): HelperExit {
  const command = [...prefix, helper, ...args];
  const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 10_000,
    stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: run.status, stderr: run.stderr };
}

/** `tcpdump -nn -r file`'s packet lines, in UTC. */
export function tcpdumpLines(file: string, extra: string[] = []): string[] {
  const run = spawnSync('tcpdump', ['-nn', ...extra, '-r', file], {
    encoding: 'utf8', env: { ...process.env, TZ: 'UTC' },
  });
  if (run.status !== 0) throw new Error(`tcpdump -r ${file} failed: ${run.stderr}`);
  return run.stdout.split('\n').filter((line) => line !== '');
}

/** The Cap* lines of /proc/PID/status, as numbers, and its user ids. */
export function processRights(pid: number): { caps: Record<string, bigint>; uids: number[] } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const caps: Record<string, bigint> = {};
  for (const match of status.matchAll(/^(Cap\w+):\s+([0-9a-f]+)$/gm)) {
    caps[match[1]] = BigInt(`0x${match[2]}`);
  }
  const uids = (/^Uid:\s+(.*)$/m.exec(status)?.[1] ?? '').split(/\s+/).map(Number);
  return { caps, uids };
}
