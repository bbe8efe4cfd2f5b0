// Captures left in the spool folder by a run that ended before they were saved: listed at
// start, so the user can reopen or discard them.

import { existsSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError } from '../../shared/api';
import type { UnsavedCapture } from '../../shared/recovery-api';
import { spoolDirectory } from './live-capture-session';

const SAVED_MARK = '.saved';

/**
 * Files open in a document of this process, counted per holder. Every Electron window has a
 * service of its own, so this is how one window knows a spool another window shows.
 */
const held = new Map<string, number>();

/** Marks a file as shown by a document; the returned function lets it go. */
export function holdFile(path: string): () => void {
  held.set(path, (held.get(path) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(path) ?? 1) - 1;
    if (left > 0) held.set(path, left);
    else held.delete(path);
  };
}

/**
 * Spool files without a saved mark, newest first. Those open in a window are left out: that
 * window shows them already, running or stopped, with its own Save.
 */
export async function unsavedCaptures(): Promise<UnsavedCapture[]> {
  const folder = spoolDirectory();
  if (!existsSync(folder)) return [];
  const names = (await readdir(folder)).filter((name) => name.endsWith('.pcapng'));
  const found: UnsavedCapture[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (held.has(path) || existsSync(path + SAVED_MARK)) continue;
    const info = await stat(path);
    found.push({ name, bytes: info.size, modified: info.mtime.toISOString() });
  }
  return found.sort((a, b) => b.modified.localeCompare(a.modified));
}

/** The path of a spool file named by the renderer: only a plain name inside the folder. */
export function spoolPath(name: string): string {
  if (name !== basename(name) || !name.endsWith('.pcapng')) {
    throw new ApiError('BAD_REQUEST', `not a capture of the spool folder: ${name}`);
  }
  const path = join(spoolDirectory(), name);
  if (!existsSync(path)) throw new ApiError('NO_SUCH_CAPTURE', `${name} is no longer there`);
  return path;
}

/** True for a spool file no save has yet copied whole: closing it would leave it unsaved. */
export function isUnsavedSpool(path: string): boolean {
  return dirname(resolve(path)) === resolve(spoolDirectory()) && path.endsWith('.pcapng') &&
    !existsSync(path + SAVED_MARK);
}

/** After the whole capture was saved elsewhere, its spool is no longer offered at start. */
export async function markSaved(spoolFile: string): Promise<void> {
  await writeFile(spoolFile + SAVED_MARK, '');
}

export async function discard(name: string): Promise<void> {
  const path = spoolPath(name);
  if (held.has(path)) {
    throw new ApiError('CAPTURE_IN_USE', `${name} is open in a window: save or close it there`);
  }
  await rm(path, { force: true });
  await rm(path + SAVED_MARK, { force: true });
}
