// Test helpers: build the CLI bundle once per test file and run it as a real process.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runProgram, runProgramAsync, type ProcessResult } from './oracle';

export interface BuiltCli {
  bundle: string;
  dispose(): void;
}

/**
 * Runs scripts/build-cli.mjs into a private folder; throws with esbuild's message.
 * TAPLINE_TEST_BUNDLE=PATH tests an already built bundle instead (e.g. out/cli/tapline.mjs).
 */
export function buildCli(): BuiltCli {
  const prebuilt = process.env.TAPLINE_TEST_BUNDLE;
  if (prebuilt) return { bundle: path.resolve(prebuilt), dispose: () => undefined };
  const folder = mkdtempSync(path.join(tmpdir(), 'tapline-cli-'));
  const bundle = path.join(folder, 'tapline.mjs');
  const script = path.join(repoRoot, 'scripts', 'build-cli.mjs');
  const built = runProgram(process.execPath, [script, '--outfile', bundle]);
  if (built.status !== 0) throw new Error(`CLI build failed:\n${built.stderr}`);
  return { bundle, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

export function runCli(cli: BuiltCli, args: string[], input?: Buffer): ProcessResult {
  return runProgram(process.execPath, [cli.bundle, ...args], input);
}

export function runCliAsync(cli: BuiltCli, args: string[]): Promise<ProcessResult> {
  return runProgramAsync(process.execPath, [cli.bundle, ...args]);
}

/** Positions where both outputs have the same line. */
export function identicalLines(ours: string[], theirs: string[]): number {
  let same = 0;
  for (let i = 0; i < Math.min(ours.length, theirs.length); i++) {
    if (ours[i] === theirs[i]) same += 1;
  }
  return same;
}
