// Bytes of one direction waiting to be read as lines or counted chunks, with their frames.

interface Chunk {
  readonly bytes: Uint8Array;
  readonly frame: number;
  readonly time: number;
}

export interface QueuedBytes {
  readonly bytes: Uint8Array;
  /** Frame and time of the chunk that held the last byte. */
  readonly frame: number;
  readonly time: number;
}

const CR = 0x0d;
const LF = 0x0a;

export class ByteQueue {
  private chunks: Chunk[] = [];
  /** Read position inside chunks[0]. */
  private head = 0;
  length = 0;

  push(bytes: Uint8Array, frame: number, time: number): void {
    if (bytes.length === 0) return;
    this.chunks.push({ bytes, frame, time });
    this.length += bytes.length;
  }

  /** Puts bytes back in front, for a reader that took more than it used. */
  unshift(bytes: Uint8Array, frame: number, time: number): void {
    if (bytes.length === 0) return;
    if (this.head > 0) {
      const first = this.chunks[0];
      this.chunks[0] = { ...first, bytes: first.bytes.subarray(this.head) };
      this.head = 0;
    }
    this.chunks.unshift({ bytes, frame, time });
    this.length += bytes.length;
  }

  /** Takes the rest of the first chunk, keeping its frame. */
  readChunk(): QueuedBytes | undefined {
    const chunk = this.chunks.shift();
    if (!chunk) return undefined;
    const bytes = chunk.bytes.subarray(this.head);
    this.head = 0;
    this.length -= bytes.length;
    return { bytes, frame: chunk.frame, time: chunk.time };
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.length = 0;
  }

  /**
   * Takes one line ending in LF (the CRLF is dropped from the result). A line longer than
   * `maxLength` is returned cut at that length, so one endless line cannot pile up.
   */
  readLine(maxLength: number): QueuedBytes | undefined {
    const end = this.find(LF, maxLength);
    if (end < 0) return this.length >= maxLength ? this.read(maxLength) : undefined;
    const line = this.read(end + 1);
    let stop = line.bytes.length - 1;
    if (stop > 0 && line.bytes[stop - 1] === CR) stop--;
    return { ...line, bytes: line.bytes.subarray(0, stop) };
  }

  /** Takes up to `count` bytes. */
  read(count: number): QueuedBytes {
    const take = Math.min(count, this.length);
    const out = new Uint8Array(take);
    let filled = 0;
    let last = this.chunks[0];
    while (filled < take) {
      const chunk = this.chunks[0];
      const available = chunk.bytes.length - this.head;
      const part = Math.min(available, take - filled);
      out.set(chunk.bytes.subarray(this.head, this.head + part), filled);
      filled += part;
      last = chunk;
      this.head += part;
      if (this.head === chunk.bytes.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= take;
    return { bytes: out, frame: last?.frame ?? 0, time: last?.time ?? 0 };
  }

  /** Index (from the read position) of the first `byte` within `limit` bytes, or -1. */
  private find(byte: number, limit: number): number {
    let seen = 0;
    for (let c = 0; c < this.chunks.length && seen < limit; c++) {
      const bytes = this.chunks[c].bytes;
      const from = c === 0 ? this.head : 0;
      const at = bytes.indexOf(byte, from);
      if (at >= 0 && seen + at - from < limit) return seen + at - from;
      seen += bytes.length - from;
    }
    return -1;
  }
}
