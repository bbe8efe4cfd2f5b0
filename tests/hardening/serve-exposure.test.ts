// `tapline serve` listens beyond loopback only when told an address, and then says so.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exposureWarning, parseServeArguments } from '../../src/main/web/serve-arguments';
import { repoRoot } from '../support/shared-data';

const serveScript = join(repoRoot, 'out/main/serve.js');
if (!existsSync(serveScript)) {
  console.warn('[tests] skipping the serve process tests: run `npm run build` first');
}

describe('serve arguments', () => {
  it('listens on 127.0.0.1 unless told otherwise, without a warning', () => {
    const options = parseServeArguments(['capture.pcap']);
    expect(options.host).toBe('127.0.0.1');
    for (const host of ['127.0.0.1', '::1', 'localhost', '127.0.0.53']) {
      expect(exposureWarning(host), host).toBeUndefined();
    }
  });

  it('warns for any address beyond loopback', () => {
    for (const host of ['198.51.100.1', '192.0.2.10', '2001:db8::1', '::ffff:198.51.100.1']) {
      expect(parseServeArguments(['--host', host]).host).toBe(host);
      expect(exposureWarning(host), host).toMatch(/^warning: listening on .*not loopback/);
    }
  });

  it('refuses wildcard addresses and host names', () => {
    for (const host of ['0.0.0.0', '::', '[::]', 'example.com', '']) {
      expect(() => parseServeArguments(['--host', host]), host).toThrow(/--host/);
    }
  });
});

describe.skipIf(!existsSync(serveScript))('the serve process', () => {
  it('exits with the reason for a wildcard address', () => {
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [serveScript, '--host', '0.0.0.0'], { stdio: 'pipe' });
    } catch (error) {
      const { status, stderr } = error as { status: number; stderr: Buffer };
      failure = { status, stderr: String(stderr) };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('listens everywhere');
  });

  it('prints no warning on loopback', async () => {
    const child = spawn(process.execPath, [serveScript, '--port', '0']);
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const url = await new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk) => resolve(String(chunk)));
    });
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
    expect(url).toMatch(/^Tapline is serving on http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(stderr).not.toContain('warning');
  });
});
