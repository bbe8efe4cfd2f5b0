// The File > Open Recent list. Electron's own recent-documents menu exists only on macOS,
// so the list is kept here, in a JSON file, and the OS is told as well.

import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { writeFileAtomic } from './json-file';

export const MAX_RECENT_FILES = 10;
const MAX_PATH_LENGTH = 4096;

/** The list with `path` first, without duplicates, at most MAX_RECENT_FILES long. */
export function withRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((item) => item !== path)].slice(0, MAX_RECENT_FILES);
}

/** The saved list; anything that is not a list of absolute paths is dropped. */
export function parseRecentFiles(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is string => typeof item === 'string'
      && item.length <= MAX_PATH_LENGTH && isAbsolute(item))
    .slice(0, MAX_RECENT_FILES);
}

export class RecentFiles {
  private list: string[];

  constructor(private readonly file: string) {
    try {
      this.list = parseRecentFiles(readFileSync(file, 'utf8'));
    } catch {
      this.list = [];
    }
  }

  get items(): readonly string[] {
    return this.list;
  }

  add(path: string): void {
    this.list = withRecent(this.list, path);
    this.save();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  private save(): void {
    try {
      writeFileAtomic(this.file, `${JSON.stringify(this.list)}\n`);
    } catch {
      // A read-only profile keeps the list for this run only; nothing else depends on it.
    }
  }
}
