// `tapline read` as a process: stdin streaming, -c, damaged files, closed pipes, help.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli } from './helpers/cli';
import {
  capturesDir, linesOf, runProgram, sharedDataMissing, tcpdump,
} from './helpers/oracle';

const skip = sharedDataMissing();
const PCAP_HEADER = 24;
const RECORD_HEADER = 16;

/** Byte offsets where each record of a little-endian classic pcap begins. */
function recordStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let at = PCAP_HEADER; at + RECORD_HEADER <= bytes.length;) {
    starts.push(at);
    at += RECORD_HEADER + bytes.readUInt32LE(at + 8);
  }
  return starts;
}

describe.skipIf(skip)('tapline read as a process', () => {
  let cli: BuiltCli;
  let workDir: string;
  const seed = path.join(capturesDir ?? '', '01-seed-postfix-relay.pcap');
  const big = path.join(capturesDir ?? '', '02-pipelining-multircpt-rset.pcap');
  beforeAll(() => {
    cli = buildCli();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-read-'));
  });
  afterAll(() => {
    cli?.dispose();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('prints the same from stdin as from the file', () => {
    const fromFile = runCli(cli, ['read', '-nn', '-X', big]);
    const fromStdin = runCli(cli, ['read', '-nn', '-X', '-'], readFileSync(big));
    expect(fromFile.status).toBe(0);
    expect(fromStdin.status).toBe(0);
    expect(linesOf(fromStdin.stdout).length).toBeGreaterThan(1000);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it('prints each packet from stdin before the next one has arrived', async () => {
    const bytes = readFileSync(seed);
    const [, second] = recordStarts(bytes);
    const child = spawn(process.execPath, [cli.bundle, 'read', '-nn', '-'],
      { env: { ...process.env, TZ: 'UTC' } });
    let stdout = '';
    const firstLine = new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('latin1');
        if (stdout.includes('\n')) resolve(stdout);
      });
    });
    child.stdin.write(bytes.subarray(0, second));
    const early = await firstLine;
    child.stdin.end(bytes.subarray(second));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));

    // What matters here is timing; the text itself is checked against tcpdump elsewhere.
    const expected = linesOf(runCli(cli, ['read', '-nn', seed]).stdout);
    expect(linesOf(early)).toEqual([expected[0]]);
    expect(status).toBe(0);
    expect(linesOf(stdout).length).toBe(expected.length);
  });

  it('stops after -c N packets, as tcpdump -c does', () => {
    for (const count of ['1', '7']) {
      const ours = runCli(cli, ['read', '-nn', '-X', '-c', count, big]);
      const theirs = tcpdump(['-nn', '-X', '-c', count, '-r', big]);
      const ourPackets = linesOf(ours.stdout).filter((line) => !line.startsWith('\t'));
      const theirPackets = linesOf(theirs.stdout).filter((line) => !line.startsWith('\t'));
      expect(ourPackets.length).toBe(Number(count));
      expect(ourPackets.length).toBe(theirPackets.length);
      expect(ours.status).toBe(0);
    }
    expect(runCli(cli, ['read', '-c', '0', big]).status).toBe(2);
  });

  it('prints the packets before damage, then one error line, and exits 1', () => {
    const bytes = readFileSync(seed);
    const starts = recordStarts(bytes);
    const truncated = path.join(workDir, 'truncated.pcap');
    // Cut the file in the middle of the sixth record's data.
    writeFileSync(truncated, bytes.subarray(0, starts[5] + RECORD_HEADER + 10));
    const theirs = tcpdump(['-nn', '-r', truncated]);
    const ours = runCli(cli, ['read', '-nn', truncated]);
    const full = linesOf(runCli(cli, ['read', '-nn', seed]).stdout);

    expect(theirs.status).toBe(1);
    expect(ours.status).toBe(theirs.status);
    expect(linesOf(ours.stdout).length).toBe(linesOf(theirs.stdout).length);
    expect(linesOf(ours.stdout)).toEqual(full.slice(0, 5));
    const errors = linesOf(ours.stderr).filter((line) => !line.startsWith('reading from'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/PCAP_TRUNCATED_RECORD/);

    const huge = Buffer.from(bytes.subarray(0, starts[3] + RECORD_HEADER));
    huge.writeUInt32LE(0x7fffffff, starts[2] + 8);
    const hugeFile = path.join(workDir, 'huge-record.pcap');
    writeFileSync(hugeFile, huge);
    const bad = runCli(cli, ['read', '-nn', hugeFile]);
    expect(bad.status).toBe(1);
    expect(linesOf(bad.stdout)).toEqual(full.slice(0, 2));
    expect(bad.stderr).toMatch(/PCAP_BAD_RECORD/);
  });

  it('ends quietly when the reader closes the pipe', () => {
    const script = `"${process.execPath}" "${cli.bundle}" read -nn -X "${big}" | head -n 1; ` +
      'echo "status ${PIPESTATUS[0]}" >&2';
    const result = runProgram('bash', ['-c', script]);
    expect(linesOf(result.stdout)).toHaveLength(1);
    const errors = linesOf(result.stderr).filter((line) => !line.startsWith('reading from'));
    expect(errors).toEqual(['status 0']);
  });

  it('reports a missing file and usage mistakes with codes', () => {
    const missing = runCli(cli, ['read', path.join(workDir, 'nope.pcap')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/CLI_FILE_NOT_FOUND/);
    const unknown = runCli(cli, ['read', '-Z', seed]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option -Z.*CLI_USAGE/);
    const notCapture = runCli(cli, ['read', path.join(capturesDir, 'README.md')]);
    expect(notCapture.status).toBe(1);
    expect(notCapture.stderr).toMatch(/CAPTURE_UNKNOWN_FORMAT/);
  });

  it('has help for the tool and each command', () => {
    const overview = runCli(cli, ['--help']);
    expect(overview.status).toBe(0);
    expect(overview.stdout).toMatch(/\bread\b.*\n.*\bstats\b/);
    expect(runCli(cli, ['read', '--help']).stdout).toMatch(/^usage: tapline read/);
    expect(runCli(cli, ['help', 'stats']).stdout).toMatch(/^usage: tapline stats/);
    const bare = runCli(cli, []);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^usage: tapline COMMAND/);
    const wrong = runCli(cli, ['frobnicate']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/CLI_UNKNOWN_COMMAND/);
  });
});
