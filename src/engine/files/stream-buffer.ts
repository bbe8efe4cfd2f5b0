// Joins the chunks of a byte stream so that a parser sees each record in one piece.

/**
 * Holds the unparsed tail of a stream. Parsers read from `bytes` starting at `position`,
 * call `consume` for what they used, and `compact` drops the consumed head before the next
 * chunk is appended; so only a record split across chunks is ever copied.
 */
export class StreamBuffer {
  bytes: Uint8Array = new Uint8Array(0);
  position = 0;
  /** Stream offset of bytes[0]. */
  private base = 0;

  append(chunk: Uint8Array): void {
    const rest = this.bytes.length - this.position;
    if (rest === 0) {
      this.base += this.bytes.length;
      this.bytes = chunk;
      this.position = 0;
      return;
    }
    const joined = new Uint8Array(rest + chunk.length);
    joined.set(this.bytes.subarray(this.position), 0);
    joined.set(chunk, rest);
    this.base += this.position;
    this.bytes = joined;
    this.position = 0;
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
