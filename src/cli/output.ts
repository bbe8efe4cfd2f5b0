// Buffered stdout: packets are gathered into large writes, and a closed pipe ends quietly.

const DEFAULT_CHUNK = 256 * 1024;

/**
 * Collects text and writes it in large chunks. When the reader goes away (`| head`), the
 * stream reports EPIPE: `closed` turns true and the command stops reading, with no error.
 */
export class BufferedOutput {
  private parts: string[] = [];
  private size = 0;
  private failure?: Error;
  /** The stream's last write said to wait for 'drain'. */
  private full = false;
  closed = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly chunkSize = DEFAULT_CHUNK,
  ) {
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
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) this.flush();
  }

  /** Hands what is buffered to the stream; false when the stream asks to wait. */
  flush(): boolean {
    if (this.closed || this.parts.length === 0) return true;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.full = !this.stream.write(text);
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
