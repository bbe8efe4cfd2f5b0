// Joins the chunks of a byte stream so that a parser sees each record in one piece.

const MIN_CAPACITY = 64 * 1024;

/**
 * Holds the unparsed tail of a stream. Parsers read from `bytes` starting at `position` and
 * call `consume` for what they used. A chunk that starts on a record boundary is used in
 * place; only a record split across chunks is copied, into storage that grows by doubling,
 * so feeding a record one byte at a time costs linear, not quadratic, time.
 */
export class StreamBuffer {
  bytes: Uint8Array = new Uint8Array(0);
  position = 0;
  /** Stream offset of bytes[0]. */
  private base = 0;
  /** Storage this buffer owns and may overwrite; `bytes` lies at its start when in use. */
  private storage?: Uint8Array;

  append(chunk: Uint8Array): void {
    const rest = this.bytes.length - this.position;
    this.base += this.position;
    if (rest === 0) {
      this.bytes = chunk;
      this.position = 0;
      return;
    }
    const needed = rest + chunk.length;
    let storage = this.storage;
    if (!storage || storage.length < needed) {
      storage = new Uint8Array(Math.max(MIN_CAPACITY, needed * 2));
      storage.set(this.bytes.subarray(this.position), 0);
      this.storage = storage;
    } else if (this.bytes.buffer !== storage.buffer) {
      storage.set(this.bytes.subarray(this.position), 0);
    } else if (this.position > 0) {
      storage.copyWithin(0, this.position, this.bytes.length);
    }
    storage.set(chunk, rest);
    this.bytes = storage.subarray(0, needed);
    this.position = 0;
  }

  /**
   * Copies the unparsed rest into owned storage, so that the caller may reuse the memory of
   * the chunk it pushed (a read buffer, say) once push returns.
   */
  detach(): void {
    const rest = this.bytes.length - this.position;
    if (rest === 0 || this.bytes.buffer === this.storage?.buffer) return;
    // Appending nothing moves the rest into storage, since it is not there yet.
    this.append(new Uint8Array(0));
  }

  get available(): number {
    return this.bytes.length - this.position;
  }

  /** Stream offset of the byte at `position`. */
  get offset(): number {
    return this.base + this.position;
  }

  consume(count: number): void {
    this.position += count;
  }

  view(): DataView {
    return new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }
}
