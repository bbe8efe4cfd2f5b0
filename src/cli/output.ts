// Buffered stdout: packets are gathered into large writes, and a closed pipe ends quietly.

const DEFAULT_CHUNK = 256 * 1024;
/** UTF-8 needs at most three bytes for each UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Collects text and writes it in large chunks. When the reader goes away (`| head`), the
 * stream reports EPIPE: `closed` turns true and the command stops reading, with no error.
 * Text is encoded straight into a preallocated buffer: joining a million small strings
 * and encoding the result cost more than the packets' decoding (docs/BENCHMARK.md).
 */
export class BufferedOutput {
  private bytes: Buffer;
  private size = 0;
  private failure?: Error;
  /** The stream's last write said to wait for 'drain'. */
  private full = false;
  closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkSize = DEFAULT_CHUNK,
  ) {
    this.bytes = Buffer.allocUnsafe(chunkSize);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.failure = error;
    });
  }

  /** A write error other than a closed pipe, such as a full disk. */
  get error(): Error | undefined {
    return this.failure;
  }

  write(text: string): void {
    if (this.closed) return;
    const room = this.bytes.length - this.size;
    if (text.length * MAX_BYTES_PER_UNIT > room) {
      this.flush();
      if (this.closed) return;
      if (text.length * MAX_BYTES_PER_UNIT > this.bytes.length) {
        // Larger than a whole chunk (a long dump): it goes out on its own.
        this.full = !this.stream.write(text);
        return;
      }
    }
    this.size += this.bytes.write(text, this.size, 'utf8');
  }

  /** Hands what is buffered to the stream; false when the stream asks to wait. */
  flush(): boolean {
    if (this.closed || this.size === 0) return true;
    // The stream may keep the bytes until they are written, so it gets this buffer and
    // later text goes into a fresh one.
    const filled = this.bytes.subarray(0, this.size);
    this.bytes = Buffer.allocUnsafe(this.chunkSize);
    this.size = 0;
    this.full = !this.stream.write(filled);
    return !this.full;
  }

  /** Waits for the stream only if an earlier write filled it; keeps the rest buffered. */
  async settle(): Promise<void> {
    if (this.full) await this.waitForDrain();
  }

  /** Flushes, then waits while the stream is over its limit, so memory stays bounded. */
  async drain(): Promise<void> {
    if (this.flush() || this.closed) return;
    await this.waitForDrain();
  }

  private async waitForDrain(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
      this.stream.on('close', done);
    });
    this.full = false;
  }

  /** Flushes and waits until the bytes have left, so the process may exit safely. */
  async finish(): Promise<void> {
    await this.drain();
    if (this.closed) return;
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }
}
