// The fuse settings the packaging applies, checked on a stand-in binary: Electron's binary
// cannot be downloaded here, so a file carrying Electron's fuse wire takes its place and
// the bytes are read back without @electron/fuses.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';

// Electron's fuse wire: a sentinel, a version byte, a length byte, one ASCII '0'/'1' each.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// As Electron ships them: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect,
// AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, GrantFileProtocol, and one more that a
// newer Electron adds and our settings must leave alone.
const SHIPPED = '101100011';
// What the brief asks for: RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect
// off, asar integrity on, app only from asar; the rest as shipped.
const WANTED = '010011011';

function standInBinary(folder: string, name: string): string {
  const file = join(folder, name);
  const noise = Buffer.alloc(4096, 0x90);
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, SHIPPED.length]),
    Buffer.from(SHIPPED)]);
  writeFileSync(file, Buffer.concat([noise, wire, noise]));
  return file;
}

function wireOf(file: string): string {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]).toString('latin1');
}

describe('scripts/fuses.mjs', () => {
  it('sets the six fuses from the command line and leaves the others', () => {
    const file = standInBinary(mkdtempSync(join(tmpdir(), 'tapline-fuses-')), 'electron');
    const printed = execFileSync(process.execPath, [join(repoRoot, 'scripts/fuses.mjs'), file],
      { encoding: 'utf8' });
    expect(wireOf(file)).toBe(WANTED);
    expect(JSON.parse(printed)).toMatchObject({ RunAsNode: 'off', OnlyLoadAppFromAsar: 'on' });
  });

  it('finds the Linux binary in electron-builder\'s output as the afterPack hook', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'tapline-packed-'));
    const file = standInBinary(appOutDir, 'tapline');
    const hook = await import(join(repoRoot, 'scripts/fuses.mjs'));
    await hook.default({
      appOutDir, electronPlatformName: 'linux', arch: 1,
      packager: { appInfo: { productFilename: 'Tapline' }, executableName: 'tapline' },
    });
    expect(wireOf(file)).toBe(WANTED);
  });

  it('refuses a file that has no fuse wire', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-nofuse-')), 'not-electron');
    writeFileSync(file, 'plain bytes');
    expect(() => execFileSync(process.execPath, [join(repoRoot, 'scripts/fuses.mjs'), file],
      { stdio: 'pipe' })).toThrow(/sentinel/);
  });
});
