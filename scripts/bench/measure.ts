// Runs the timed commands and probes, each in its own process, interleaved, with medians.

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { median, RESULT_MARK, type Sample } from './probes/probe-io';

export { median, type Sample };

/** The oracles print times; UTC keeps their output the same on every machine. */
const ORACLE_ENV = { ...process.env, TZ: 'UTC', TAPLINE_LOG_LEVEL: 'warn' };
/** No single command of the benchmark should take this long; past it, something hangs. */
const COMMAND_TIMEOUT_MS = 120_000;
/**
 * bash's `times` gives the CPU time of the command it ran (user and system, last line),
 * which a busy machine disturbs far less than the wall-clock time.
 */
const WITH_CPU_TIME = '"$@"; status=$?; times >&2; exit $status';

export interface CommandRun extends Sample {
  stdout: string;
}

function seconds(text: string): number {
  const parts = /^(\d+)m([\d.]+)s$/.exec(text);
  return parts ? Number(parts[1]) * 60 + Number(parts[2]) : NaN;
}

/**
 * Runs `command` once, timed from spawn to exit. Standard output goes to /dev/null, as in
 * `command > /dev/null`, unless `keepOutput` asks for it back.
 */
export function runCommand(command: string, args: readonly string[],
  keepOutput = false): Promise<CommandRun> {
  const devNull = openSync('/dev/null', 'w');
  return new Promise<CommandRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', WITH_CPU_TIME, 'bench', command, ...args], {
      env: ORACLE_ENV, stdio: ['ignore', keepOutput ? 'pipe' : devNull, 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}: ` +
          stderr.trim().split('\n').slice(-4, -2).join(' / ')));
        return;
      }
      const [user, system] = stderr.trim().split('\n').at(-1)!.split(' ').map(seconds);
      resolve({ ms, cpuMs: (user + system) * 1000, stdout: Buffer.concat(out).toString('latin1') });
    });
  }).finally(() => closeSync(devNull));
}

/** Runs a probe of scripts/bench/probes in a fresh node process and returns its result. */
export async function runProbe<T>(name: string, args: readonly string[]): Promise<T> {
  const probe = join(repoRoot, 'scripts/bench/probes', `${name}.ts`);
  const { stdout } = await runCommand(process.execPath,
    ['--expose-gc', '--import', 'tsx', probe, ...args], true);
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARK));
  if (!line) throw new Error(`probe ${name} printed no result`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as T;
}

export interface Measured<T> extends Sample {
  results: T[];
}

/** The medians of several samples' wall-clock and CPU times. */
export function medianOf(samples: readonly Sample[]): Sample {
  return {
    ms: median(samples.map((sample) => sample.ms)),
    cpuMs: median(samples.map((sample) => sample.cpuMs)),
  };
}

/**
 * Runs every contender once per round, `runs` rounds, so that whatever else loads the
 * machine falls on all of them alike; then takes each one's medians.
 */
export async function interleave<T extends Sample>(runs: number,
  contenders: readonly (() => Promise<T>)[]): Promise<Measured<T>[]> {
  const results = contenders.map((): T[] => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, run] of contenders.entries()) results[i].push(await run());
  }
  return results.map((list) => ({ ...medianOf(list), results: list }));
}
