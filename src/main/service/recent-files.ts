// The files the user opened by path, newest first: the Electron File > Open Recent menu and
// the renderer's Recent list read this one list. Kept in a JSON file in the user's state
// folder so that it outlives the process. The renderer only ever sees an id per entry (a
// hash of the path), never sends a path back: it opens an entry by id.
//
// Who adds: the command line, native open dialogs, and reopened capture spools. The web
// mode's uploads are not added: they are copies in a temporary folder that the browser
// user never named, and reopening one later would show a file the user did not choose.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

export const MAX_RECENT_FILES = 10;
const MAX_PATH_LENGTH = 4096;

export interface RecentEntry {
  path: string;
  /** Milliseconds since the epoch. */
  openedAt: number;
}

/** $TAPLINE_STATE_DIR/recent.json, else recent.json in the XDG state folder's tapline/. */
export function defaultRecentFilesPath(): string {
  if (process.env.TAPLINE_STATE_DIR) return join(process.env.TAPLINE_STATE_DIR, 'recent.json');
  const state = process.env.XDG_STATE_HOME ?? join(homedir(), '.local/state');
  return join(state, 'tapline', 'recent.json');
}

/** Stable across runs, so an id the renderer holds still names the same file. */
export function recentId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

/** The list with `entry` first, without another entry for its path, at most the cap. */
export function withRecent(list: readonly RecentEntry[], entry: RecentEntry): RecentEntry[] {
  return [entry, ...list.filter((item) => item.path !== entry.path)].slice(0, MAX_RECENT_FILES);
}

/**
 * The saved list. Older Electron builds saved bare paths, which are kept with time 0;
 * anything that is not an absolute path is dropped.
 */
export function parseRecentFiles(text: string): RecentEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const entries: RecentEntry[] = [];
  for (const item of value) {
    const entry = typeof item === 'string' ? { path: item, openedAt: 0 } : item;
    if (typeof entry !== 'object' || entry === null) continue;
    const { path, openedAt } = entry as Partial<RecentEntry>;
    if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || !isAbsolute(path)) continue;
    const time = typeof openedAt === 'number' && Number.isFinite(openedAt) ? openedAt : 0;
    if (!entries.some((known) => known.path === path)) entries.push({ path, openedAt: time });
  }
  return entries.slice(0, MAX_RECENT_FILES);
}

/** One entry as the renderer sees it. */
export interface RecentView {
  id: string;
  name: string;
  folder: string;
  openedAt: number;
  exists: boolean;
}

export class RecentFiles {
  private list: RecentEntry[] = [];
  private readonly listeners = new Set<() => void>();

  /** `importFrom`: an older list, read once when `file` does not exist yet. */
  constructor(private readonly file: string = defaultRecentFilesPath(), importFrom?: string) {
    this.list = this.read();
    if (importFrom && !existsSync(file) && existsSync(importFrom)) {
      try {
        this.list = parseRecentFiles(readFileSync(importFrom, 'utf8'));
      } catch {
        // Unreadable: start empty, as without it.
      }
    }
  }

  /** The paths, newest first, for the native menu. */
  get items(): readonly string[] {
    return this.list.map((entry) => entry.path);
  }

  /** The entries with whether each file is still there, as document.recent answers. */
  view(): RecentView[] {
    // Another window or process may have added files since: the file is the truth.
    this.list = this.read();
    return this.list.map((entry) => ({
      id: recentId(entry.path), name: basename(entry.path), folder: dirname(entry.path),
      openedAt: entry.openedAt, exists: existsSync(entry.path),
    }));
  }

  /** The path behind an id, or undefined when the list holds no such entry. */
  pathOf(id: string): string | undefined {
    this.list = this.read();
    return this.list.find((entry) => recentId(entry.path) === id)?.path;
  }

  add(path: string, openedAt = Date.now()): void {
    this.list = withRecent(this.read(), { path, openedAt });
    this.save();
  }

  clear(): void {
    this.list = [];
    this.save();
  }

  /** Called after every change, e.g. to rebuild the native menu. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private read(): RecentEntry[] {
    try {
      return parseRecentFiles(readFileSync(this.file, 'utf8'));
    } catch {
      // No file yet, or unreadable: keep what this process knows.
      return this.list;
    }
  }

  private save(): void {
    try {
      // Renamed into place, so a crash mid-write leaves the old list rather than half a file.
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(this.list)}\n`, { mode: 0o600 });
      renameSync(temporary, this.file);
    } catch {
      // A read-only profile keeps the list for this run only; nothing else depends on it.
    }
    for (const listener of this.listeners) listener();
  }
}
