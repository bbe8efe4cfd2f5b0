// Starts the built app in web mode as a real process and reads the URL it prints.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './shared-data';

export interface RunningApp {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `launcher` runs it otherwise, e.g. as another user: ['setpriv', '--reuid=nobody', …]. */
export async function startWebMode(
  args: string[] = [], env: NodeJS.ProcessEnv = {}, launcher: string[] = [],
): Promise<RunningApp> {
  const command = [...launcher, process.execPath, join(repoRoot, 'out/main/serve.js'), ...args];
  const child = spawn(command[0], command.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    // A spool folder of its own unless the test names one: captures that the user's runs
    // left unsaved would otherwise be offered in a banner above every test's page. Likewise
    // a state folder, so the user's recent files neither show up nor gain test files.
    env: {
      ...process.env, TAPLINE_SPOOL_DIR: mkdtempSync(join(tmpdir(), 'tapline-e2e-')),
      TAPLINE_STATE_DIR: mkdtempSync(join(tmpdir(), 'tapline-e2e-state-')), ...env,
    },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`web mode exited (${code}): ${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    process: child,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
