// Saves a file by writing a temporary sibling, syncing it and renaming it over the target.

import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

export type AtomicWriteErrorCode =
  | 'CAPTURE_DISK_FULL'
  | 'CAPTURE_PERMISSION_DENIED'
  | 'CAPTURE_READ_ONLY'
  | 'CAPTURE_FOLDER_MISSING'
  | 'CAPTURE_TARGET_IS_FOLDER'
  | 'CAPTURE_TARGET_IS_SOURCE'
  | 'CAPTURE_WRITE_FAILED';

export class AtomicWriteError extends Error {
  constructor(readonly code: AtomicWriteErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AtomicWriteError';
  }
}

export interface AtomicWriteOptions {
  /** The file the chunks are made from: writing onto it is refused. */
  readonly source?: string;
}

export type Chunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Writes `chunks` to `target` so that the target is either its old self or complete: never
 * half written. The temporary file lies in the target's folder, since rename only replaces
 * atomically within one file system. On failure it is removed and the target is untouched.
 * Errors from the chunk producer pass through unchanged; file-system errors become an
 * AtomicWriteError with a code and a sentence for the user.
 */
export async function writeFileAtomically(
  target: string, chunks: Chunks, options: AtomicWriteOptions = {},
): Promise<void> {
  const full = path.resolve(target);
  const folder = path.dirname(full);
  const existing = await statOrUndefined(full);
  if (options.source) await refuseSource(full, existing, options.source);

  const temporary = path.join(folder,
    `.${path.basename(full)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    // A replaced file keeps its permissions; a new one gets the usual rw-r--r--.
    handle = await fs.open(temporary, 'wx', existing ? existing.mode & 0o7777 : 0o644);
    for await (const chunk of chunks) await writeAll(handle, chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temporary, full);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw explain(error, full);
  }
  await syncFolder(folder);
}

async function writeAll(handle: fs.FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
    done += bytesWritten;
  }
}

async function refuseSource(full: string, existing: Stats | undefined, source: string) {
  const original = await statOrUndefined(path.resolve(source));
  const same = path.resolve(source) === full ||
    (existing && original && existing.dev === original.dev && existing.ino === original.ino);
  if (!same) return;
  throw new AtomicWriteError('CAPTURE_TARGET_IS_SOURCE', `${full} is the capture being ` +
    'saved from, which Tapline never overwrites: choose another file name');
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  return fs.stat(file).catch(() => undefined);
}

/** Makes the rename itself durable. Some file systems cannot sync a folder; that is fine. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}

function explain(error: unknown, target: string): unknown {
  // Only system errors are explained; the chunk producer's own errors pass through.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!(error instanceof Error) || !('syscall' in error) || typeof code !== 'string') {
    return error;
  }
  const folder = path.dirname(target);
  const known: Record<string, [AtomicWriteErrorCode, string]> = {
    ENOSPC: ['CAPTURE_DISK_FULL', `the disk holding ${folder} is full: free some space ` +
      'or save the capture elsewhere'],
    EDQUOT: ['CAPTURE_DISK_FULL', `your disk quota on ${folder} is used up: free some ` +
      'space or save the capture elsewhere'],
    EACCES: ['CAPTURE_PERMISSION_DENIED', `you may not write to ${folder}: choose a ` +
      'folder of your own or change its permissions'],
    EPERM: ['CAPTURE_PERMISSION_DENIED', `you may not replace ${target}: choose another ` +
      'name or change its permissions'],
    EROFS: ['CAPTURE_READ_ONLY', `${folder} is on a read-only file system: save the ` +
      'capture elsewhere'],
    ENOENT: ['CAPTURE_FOLDER_MISSING', `the folder ${folder} does not exist: create it or ` +
      'choose another'],
    ENOTDIR: ['CAPTURE_FOLDER_MISSING', `${folder} is not a folder: choose another place`],
    EISDIR: ['CAPTURE_TARGET_IS_FOLDER', `${target} is a folder: choose a file name`],
  };
  const [ourCode, sentence] = known[code] ??
    ['CAPTURE_WRITE_FAILED', `could not save ${target}: ${error.message}`];
  return new AtomicWriteError(ourCode, sentence, { cause: error });
}
