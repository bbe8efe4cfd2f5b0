// Bounds-checked reads of one packet's captured bytes, with tcpdump's "snapend" narrowing.

/**
 * Thrown when a read reaches past the captured bytes. One shared instance: truncation is
 * common in real captures, and a stack trace per packet would cost more than the decode.
 */
export class Truncated extends Error {
  constructor() {
    super('packet truncated: the capture holds fewer bytes than the headers need');
    this.name = 'Truncated';
  }
}

export const TRUNCATED = new Truncated();

/**
 * Reads big-endian fields at absolute offsets. `end` is the first byte that may not be read:
 * the captured length at first, narrowed when a header says its payload ends earlier
 * (as tcpdump does with the IP total length).
 */
export class ByteReader {
  data: Uint8Array = new Uint8Array(0);
  end = 0;

  /** Starts on a new packet. Nothing is allocated: the reader is reused for every packet. */
  reset(data: Uint8Array): void {
    this.data = data;
    this.end = data.length;
  }

  /** True when `length` bytes from `at` were captured (tcpdump's ND_TTEST_LEN). */
  has(at: number, length: number): boolean {
    return at >= 0 && length >= 0 && at + length <= this.end;
  }

  /** Throws TRUNCATED unless `length` bytes from `at` were captured. */
  need(at: number, length: number): void {
    if (!this.has(at, length)) throw TRUNCATED;
  }

  /** Captured bytes left from `at` (never negative). */
  left(at: number): number {
    return at >= this.end ? 0 : this.end - at;
  }

  u8(at: number): number {
    if (at < 0 || at >= this.end) throw TRUNCATED;
    return this.data[at];
  }

  u16(at: number): number {
    if (at < 0 || at + 2 > this.end) throw TRUNCATED;
    return (this.data[at] << 8) | this.data[at + 1];
  }

  u24(at: number): number {
    if (at < 0 || at + 3 > this.end) throw TRUNCATED;
    return (this.data[at] << 16) | (this.data[at + 1] << 8) | this.data[at + 2];
  }

  u32(at: number): number {
    if (at < 0 || at + 4 > this.end) throw TRUNCATED;
    const d = this.data;
    return ((d[at] << 24) | (d[at + 1] << 16) | (d[at + 2] << 8) | d[at + 3]) >>> 0;
  }

  u16le(at: number): number {
    if (at < 0 || at + 2 > this.end) throw TRUNCATED;
    return this.data[at] | (this.data[at + 1] << 8);
  }

  u32le(at: number): number {
    if (at < 0 || at + 4 > this.end) throw TRUNCATED;
    const d = this.data;
    return (d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;
  }

  /** Captured bytes as Latin-1 text, for lines already checked to be printable. */
  latin1(at: number, length: number): string {
    this.need(at, length);
    let text = '';
    if (length < 64) {
      // Short lines are cheaper one character at a time than through a subarray.
      for (let i = 0; i < length; i++) text += String.fromCharCode(this.data[at + i]);
      return text;
    }
    for (let i = 0; i < length; i += 4096) {
      const chunk = this.data.subarray(at + i, at + Math.min(length, i + 4096));
      text += String.fromCharCode.apply(null, chunk as unknown as number[]);
    }
    return text;
  }

  /** Narrows `end` to `at + length` if that is earlier; returns the old end to restore. */
  narrow(at: number, length: number): number {
    const old = this.end;
    if (at + length < this.end) this.end = Math.max(at + length, 0);
    return old;
  }
}
