// Rebuilds a DATA message from the wire: removes dot-stuffing, finds the final CRLF.CRLF.
// RFC 5321 4.5.2: a line that starts with a dot had one more dot put in front by the client.

const CR = 0x0d;
const LF = 0x0a;
const DOT = 0x2e;

const enum State {
  LineStart,
  InLine,
  AfterCr,
  DotAtLineStart,
  DotCr,
}

/** Collects message bytes up to a size limit; past it the tail is counted, not kept. */
export class MessageBuffer {
  private bytes = new Uint8Array(4096);
  length = 0;
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(byte: number): void {
    if (this.length >= this.limit) {
      this.dropped++;
      return;
    }
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(Math.min(this.bytes.length * 2, this.limit));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }

  append(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) this.push(chunk[i]);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class DataUnstuffer {
  private state = State.LineStart;

  constructor(private readonly output: MessageBuffer) {}

  /**
   * Feeds wire bytes; returns how many were used when the end-of-data line was reached
   * (the rest belong to the commands that follow), or -1 when the message goes on.
   */
  feed(bytes: Uint8Array): number {
    const out = this.output;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      switch (this.state) {
        case State.LineStart:
          if (byte === DOT) {
            this.state = State.DotAtLineStart;
            break;
          }
          out.push(byte);
          this.state = byte === CR ? State.AfterCr : State.InLine;
          break;
        case State.InLine:
          out.push(byte);
          if (byte === CR) this.state = State.AfterCr;
          break;
        case State.AfterCr:
          out.push(byte);
          this.state = byte === LF ? State.LineStart : byte === CR ? State.AfterCr : State.InLine;
          break;
        case State.DotAtLineStart:
          // The leading dot is dropped; what follows it is message text.
          if (byte === CR) {
            this.state = State.DotCr;
            break;
          }
          out.push(byte);
          this.state = State.InLine;
          break;
        case State.DotCr:
          if (byte === LF) {
            this.state = State.LineStart;
            return i + 1;
          }
          out.push(CR);
          out.push(byte);
          this.state = byte === CR ? State.AfterCr : State.InLine;
          break;
      }
    }
    return -1;
  }

  /** After a hole in the capture the line position is unknown; assume mid-line. */
  lostBytes(): void {
    this.state = State.InLine;
  }
}
