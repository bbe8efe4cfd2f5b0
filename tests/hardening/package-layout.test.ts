// What electron-builder packs, from electron-builder.yml: run for real with --dir on Linux,
// against a stand-in Electron folder (Electron's zip cannot be downloaded here), then the
// app.asar, the unpacked files and the fuses are read back.

import { execFileSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
};

const built = existsSync(join(repoRoot, 'out/main/index.js'))
  && existsSync(join(repoRoot, 'native/build/Release/tapline_pcap.node'))
  && existsSync(join(repoRoot, 'native/build/Release/tapline-capture'));
if (!built) console.warn('[tests] skipping the package layout test: run `npm run build` first');

let unpacked: string;
let files: string[];

beforeAll(() => {
  if (!built) return;
  const electronDist = mkdtempSync(join(tmpdir(), 'tapline-electron-'));
  mkdirSync(join(electronDist, 'resources'));
  writeFileSync(join(electronDist, 'version'), '45.6.0');
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n'),
    Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]), { mode: 0o755 });
  const output = mkdtempSync(join(tmpdir(), 'tapline-dist-'));
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/electron-builder/cli.js'),
    '--linux', 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`], { cwd: repoRoot, stdio: 'pipe', timeout: 120_000 });
  unpacked = join(output, 'linux-unpacked');
  files = asar.listPackage(join(unpacked, 'resources/app.asar'), { isPack: false })
    .map((file) => file.replaceAll('\\', '/'));
}, 150_000);

describe.skipIf(!built)('the Linux package (--dir)', () => {
  it('holds the built app and its runtime dependencies', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/serve.js',
      '/out/main/capture-child.js', '/out/preload/index.cjs', '/out/renderer/index.html',
      '/node_modules/ws/package.json', '/node_modules/zod/package.json']) {
      expect(files, file).toContain(file);
    }
  });

  it('leaves out sources, tests, maps and development tools', () => {
    const unwanted = files.filter((file) => /^\/(src|tests|scripts|bench-data|docs)\//.test(file)
      || file.endsWith('.ts') || file.endsWith('.map')
      || /^\/node_modules\/(electron|electron-builder|vitest|typescript|@doyensec)\//.test(file));
    expect(unwanted).toEqual([]);
  });

  it('unpacks the libpcap addon and the capture process entry', () => {
    const outside = join(unpacked, 'resources/app.asar.unpacked');
    expect(existsSync(join(outside, 'native/build/Release/tapline_pcap.node'))).toBe(true);
    expect(existsSync(join(outside, 'out/main/capture-child.js'))).toBe(true);
  });

  it('ships the capture helper as a resource, where the post-install looks for it', () => {
    const helper = join(unpacked, 'resources/capture/tapline-capture');
    expect(existsSync(helper)).toBe(true);
    expect(statSync(helper).mode & 0o111).not.toBe(0);
    // An ELF binary, not a script: file capabilities are ignored on interpreted files.
    expect(readFileSync(helper).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(files.filter((file) => file.includes('tapline-capture'))).toEqual([]);
  });

  it('names the binary tapline and flips its fuses after packing', () => {
    const bytes = readFileSync(join(unpacked, 'tapline'));
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
    expect(bytes.subarray(at + 2, at + 10).toString('latin1')).toBe('01001101');
  });
});
