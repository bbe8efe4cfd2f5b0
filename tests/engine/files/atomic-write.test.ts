// Saving is all or nothing: the target is old or complete, the source and folder stay clean.

import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../../src/main/service/atomic-write';
import { repoRoot } from './support';

const folder = mkdtempSync(path.join(tmpdir(), 'tapline-atomic-'));
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) spawnSync('umount', [mount]);
  rmSync(folder, { recursive: true, force: true });
});

function* pieces(count: number, size: number, failAt = -1): Generator<Uint8Array> {
  for (let index = 0; index < count; index++) {
    if (index === failAt) throw new Error('producer failed');
    yield new Uint8Array(size).fill(index & 0xff);
  }
}

const expectedBytes = (count: number, size: number) =>
  Buffer.concat([...pieces(count, size)]);

/** A fresh folder for one test, so leftovers are easy to see. */
function place(name: string): string {
  const here = path.join(folder, name);
  mkdirSync(here);
  return here;
}

/** A small tmpfs, or a printed reason and undefined where mounting is not allowed. */
function mountTmpfs(name: string, options: string): string | undefined {
  const point = place(name);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', point]);
  if (result.status !== 0) {
    console.log(`skipped: cannot mount a tmpfs here (${String(result.stderr).trim()})`);
    return undefined;
  }
  mounts.push(point);
  return point;
}

describe('writeFileAtomically', () => {
  it('writes every chunk, sync or async, and leaves nothing else', async () => {
    const here = place('new');
    const target = path.join(here, 'copy.pcap');
    await writeFileAtomically(target, pieces(50, 1000));
    expect(readFileSync(target)).toEqual(expectedBytes(50, 1000));

    async function* slowly() {
      yield* pieces(3, 10);
    }
    await writeFileAtomically(target, slowly());
    expect(readFileSync(target)).toEqual(expectedBytes(3, 10));
    expect(readdirSync(here)).toEqual(['copy.pcap']);
  });

  it('replaces a file whole and keeps its permissions', async () => {
    const here = place('replace');
    const target = path.join(here, 'copy.pcap');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomically(target, pieces(4, 100));
    expect(readFileSync(target)).toEqual(expectedBytes(4, 100));
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('on a failing producer: the old target stays, no temporary file, same error', async () => {
    const here = place('producer');
    const target = path.join(here, 'copy.pcap');
    writeFileSync(target, 'old contents');
    await expect(writeFileAtomically(target, pieces(10, 100_000, 5)))
      .rejects.toThrow('producer failed');
    expect(readFileSync(target, 'utf8')).toBe('old contents');
    expect(readdirSync(here)).toEqual(['copy.pcap']);
  });

  it('never writes onto its source, by name or through a hard link', async () => {
    const here = place('source');
    const source = path.join(here, 'capture.pcap');
    writeFileSync(source, 'the capture');
    linkSync(source, path.join(here, 'alias.pcap'));
    for (const target of [source, path.join(here, '.', 'capture.pcap'),
      path.join(here, 'alias.pcap')]) {
      await expect(writeFileAtomically(target, pieces(1, 10), { source }))
        .rejects.toMatchObject({ code: 'CAPTURE_TARGET_IS_SOURCE' });
    }
    expect(readFileSync(source, 'utf8')).toBe('the capture');
    expect(readdirSync(here).sort()).toEqual(['alias.pcap', 'capture.pcap']);
  });

  it('explains a missing folder and a folder in the way', async () => {
    const here = place('explain');
    await expect(writeFileAtomically(path.join(here, 'no/such/copy.pcap'), pieces(1, 1)))
      .rejects.toMatchObject({ code: 'CAPTURE_FOLDER_MISSING' });
    mkdirSync(path.join(here, 'taken'));
    await expect(writeFileAtomically(path.join(here, 'taken'), pieces(1, 1)))
      .rejects.toMatchObject({ code: 'CAPTURE_TARGET_IS_FOLDER' });
    expect(readdirSync(here)).toEqual(['taken']);
  });

  it('disk full: a clear error, the old target intact, no temporary file', async () => {
    const small = mountTmpfs('full', 'size=256k');
    if (!small) return;
    const target = path.join(small, 'copy.pcap');
    writeFileSync(target, 'old contents');
    const error = await writeFileAtomically(target, pieces(100, 64 * 1024)).catch((e) => e);
    expect(error).toMatchObject({ code: 'CAPTURE_DISK_FULL' });
    expect(error.message).toMatch(/is full: free some space or save the capture elsewhere/);
    expect(readFileSync(target, 'utf8')).toBe('old contents');
    expect(readdirSync(small)).toEqual(['copy.pcap']);
  });

  it('read-only file system: a clear error', async () => {
    const readOnly = mountTmpfs('read-only', 'size=64k,ro');
    if (!readOnly) return;
    await expect(writeFileAtomically(path.join(readOnly, 'copy.pcap'), pieces(1, 10)))
      .rejects.toMatchObject({ code: 'CAPTURE_READ_ONLY' });
  });

  it('permission denied: a clear error and nothing left behind', () => {
    // root may write anywhere, so the attempt runs as the unprivileged user "nobody".
    const here = place('denied');
    chmodSync(here, 0o755);
    chmodSync(folder, 0o755);
    const probe = path.join(here, 'probe.ts');
    const module = path.join(repoRoot, 'src/main/service/atomic-write.ts');
    writeFileSync(probe, `import { writeFileAtomically } from ${JSON.stringify(module)};
writeFileAtomically(process.argv[2], [new Uint8Array(3)]).then(() => console.log('{}'),
  (error) => console.log(JSON.stringify({ code: error.code, message: error.message })));\n`);
    chmodSync(probe, 0o644);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (!asNobody.uid) chmodSync(here, 0o555);
    const output = execFileSync(process.execPath,
      ['--import', 'tsx', probe, path.join(here, 'copy.pcap')],
      { cwd: repoRoot, encoding: 'utf8', ...asNobody });
    const result = JSON.parse(output.trim().split('\n').at(-1)!);
    expect(result.code).toBe('CAPTURE_PERMISSION_DENIED');
    expect(result.message).toContain('you may not write to');
    expect(readdirSync(here)).toEqual(['probe.ts']);
  });
});
