// Reads packet bytes back from a capture file, a range at a time.

import { open, type FileHandle } from 'node:fs/promises';

/** Reads more than this in several steps, so a request for rows never allocates much. */
const MAX_SPAN = 4 * 1024 * 1024;

export class FileBytes {
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<FileBytes> {
    return new FileBytes(await open(path, 'r'));
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const step = Math.min(MAX_SPAN, length - done);
      const { bytesRead } = await this.handle.read(bytes, done, step, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === length ? bytes : bytes.subarray(0, done);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
