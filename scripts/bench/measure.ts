// Runs the timed commands and probes, each in its own process, and takes their medians.

import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { median, RESULT_MARK } from './probes/probe-io';

export { median };

/** The oracles print times; UTC keeps their output the same on every machine. */
const ORACLE_ENV = { ...process.env, TZ: 'UTC', TAPLINE_LOG_LEVEL: 'warn' };
/** No single command of the benchmark should take this long; past it, something hangs. */
const COMMAND_TIMEOUT_MS = 120_000;

export interface CommandRun {
  ms: number;
  stdout: string;
}

/**
 * Runs `command` once and times it from spawn to exit. Standard output goes to /dev/null,
 * as in `command > /dev/null`, unless `keepOutput` asks for it back (for checks, untimed).
 */
export function runCommand(command: string, args: readonly string[],
  keepOutput = false): Promise<CommandRun> {
  const devNull = openSync('/dev/null', 'w');
  return new Promise<CommandRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
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
          stderr.trim().split('\n').slice(-3).join(' / ')));
        return;
      }
      resolve({ ms, stdout: Buffer.concat(out).toString('latin1') });
    });
  }).finally(() => closeSync(devNull));
}

/** The median time of `runs` runs of a command. */
export async function timeCommand(runs: number, command: string,
  args: readonly string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await runCommand(command, args)).ms);
  return median(times);
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

/** `runs` fresh runs of a probe; `pick` says which number to take the median of. */
export async function probeRuns<T>(runs: number, name: string, args: readonly string[],
  pick: (result: T) => number): Promise<{ median: number; results: T[] }> {
  const results: T[] = [];
  for (let i = 0; i < runs; i++) results.push(await runProbe<T>(name, args));
  return { median: median(results.map(pick)), results };
}
