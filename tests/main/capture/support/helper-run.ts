// Runs the tapline-capture helper as a test would from a shell: stdout to a file, stderr kept.

import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** Words that run a command as nobody, with no supplementary groups. */
export const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

/** setcap, getcap or setpriv when one is missing here (the privilege tests then skip). */
export function missingPrivilegeTools(): string[] {
  return ['setcap', 'getcap', 'setpriv'].filter((tool) =>
    spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/**
 * A copy of the helper with `setcap cap_net_raw,cap_net_admin=ep`, in a folder nobody may
 * enter, on a file system whose extended attributes keep the capabilities (checked with
 * getcap: an overlay /tmp may not). Remove its folder when done.
 */
export function grantedHelperCopy(helper: string): string {
  for (const parent of [tmpdir(), '/var/tmp', '/dev/shm']) {
    let folder: string;
    try {
      folder = mkdtempSync(path.join(parent, 'tapline-caps-'));
    } catch {
      continue;
    }
    chmodSync(folder, 0o755);
    const copy = path.join(folder, 'tapline-capture');
    copyFileSync(helper, copy);
    chmodSync(copy, 0o755);
    const set = spawnSync('setcap', ['cap_net_raw,cap_net_admin=ep', copy]);
    const read = spawnSync('getcap', [copy], { encoding: 'utf8' }).stdout;
    if (set.status === 0 && /cap_net_admin,cap_net_raw=ep/.test(read)) return copy;
    rmSync(folder, { recursive: true, force: true });
  }
  throw new Error('no file system here keeps file capabilities (security xattrs)');
}
