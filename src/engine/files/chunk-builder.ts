// Packs written fields into large chunks, so that writers hand out few Uint8Arrays.

const DEFAULT_CHUNK_SIZE = 256 * 1024;

/**
 * Writers call `reserve` for the bytes of the next field group, then write through `view`
 * or `bytes` at the returned index. Full chunks wait in `take()`; `flush()` adds the last.
 */
export class ChunkBuilder {
  bytes: Uint8Array;
  view: DataView;
  private used = 0;
  private finished: Uint8Array[] = [];
  /** Bytes in chunks already handed out or waiting in `finished`. */
  private before = 0;

  constructor(private readonly chunkSize = DEFAULT_CHUNK_SIZE) {
    this.bytes = new Uint8Array(chunkSize);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Room for `count` bytes; returns where they start in `bytes`. Invalidates old views. */
  reserve(count: number): number {
    if (this.used + count > this.bytes.length) {
      if (this.used > 0) this.finished.push(this.bytes.subarray(0, this.used));
      this.before += this.used;
      this.bytes = new Uint8Array(Math.max(this.chunkSize, count));
      this.view = new DataView(this.bytes.buffer);
      this.used = 0;
    }
    const at = this.used;
    this.used += count;
    return at;
  }

  /** How many bytes have been reserved since the start: the stream offset of the next one. */
  get position(): number {
    return this.before + this.used;
  }

  /** Chunks that are full; the one being filled stays. */
  take(): Uint8Array[] {
    const done = this.finished;
    this.finished = [];
    return done;
  }

  /** Every chunk, including the partly filled one. */
  flush(): Uint8Array[] {
    if (this.used > 0) this.finished.push(this.bytes.subarray(0, this.used));
    this.before += this.used;
    this.bytes = new Uint8Array(0);
    this.view = new DataView(this.bytes.buffer);
    this.used = 0;
    return this.take();
  }
}
