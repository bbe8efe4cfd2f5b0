// Puts one direction of a TCP connection back in order and hands on its bytes and holes.

import type { PacketNote } from './packet-note';
import { hasFlag, TcpFlag, type TcpSegment } from './tcp-segment';

/** Where the in-order byte stream of one direction goes. */
export interface StreamSink {
  /** `frame` and `time` are those of the packet that made the bytes deliverable. */
  data(bytes: Uint8Array, frame: number, time: number): void;
  gap(length: number, frame: number, time: number): void;
  end(how: 'fin' | 'rst', frame: number, time: number): void;
}

/** What one side's ACKs last said, as the other side's fast retransmissions are judged. */
export interface AckState {
  readonly ack: number | undefined;
  /** Seconds since the epoch of the last packet carrying an ACK. */
  readonly time: number;
  /** Duplicate ACKs in a row for `ack`. */
  readonly duplicates: number;
}

/** Wireshark's fast retransmission: two duplicate ACKs, answered within 20 ms. */
const FAST_RETRANSMISSION_DUPLICATES = 2;
const FAST_RETRANSMISSION_WINDOW = 0.02;

interface HeldSegment {
  /** Stream offset of the first byte, counted from the initial sequence number. */
  readonly start: number;
  /** Length on the wire; `bytes` may be shorter when the capture cut the packet. */
  readonly length: number;
  readonly bytes: Uint8Array;
}

/**
 * Segments that arrive ahead of a hole wait here. Beyond this many bytes the hole is given up
 * and reported as missing, so a lost segment that is never retransmitted (a capture that
 * missed it) cannot make memory grow without bound.
 */
export const DEFAULT_MAX_HELD_BYTES = 4 * 1024 * 1024;

/** Wireshark's out-of-order window, in seconds, when the handshake gave no round trip. */
export const DEFAULT_OUT_OF_ORDER_WINDOW = 0.003;

export class StreamReassembler {
  /** Raw sequence number that stream offset `nextOffset` stands for. */
  private baseSeq = 0;
  private started = false;
  /** Offset of the next byte to deliver. Offsets do not wrap, sequence numbers do. */
  private nextOffset = 0;
  /** Highest offset any segment of this side has reached, bare ACKs included. */
  private highestOffset = 0;
  /** When a segment last raised highestOffset: the start of the out-of-order window. */
  private highestTime = 0;
  private held: HeldSegment[] = [];
  private heldBytes = 0;
  private finOffset: number | undefined;
  private ended = false;
  private lastAck: number | undefined;
  private lastWindow: number | undefined;
  private lastAckTime = 0;
  private duplicateAcks = 0;
  deliveredBytes = 0;
  missingBytes = 0;

  constructor(
    private readonly sink: StreamSink,
    private readonly maxHeldBytes = DEFAULT_MAX_HELD_BYTES,
    /** The connection's round trip from its handshake, in seconds, once known. */
    private readonly initialRtt: () => number | undefined = () => undefined,
  ) {}

  get isEnded(): boolean {
    return this.ended;
  }

  /** Takes one segment sent by this side and returns what is remarkable about it. */
  accept(segment: TcpSegment, peerAcks?: AckState): PacketNote[] {
    const notes: PacketNote[] = [];
    const syn = hasFlag(segment, TcpFlag.SYN);
    const fin = hasFlag(segment, TcpFlag.FIN);
    const rst = hasFlag(segment, TcpFlag.RST);
    const current = this.started && this.offsetOf(segment.seq) === this.highestOffset;
    this.noteAck(segment, syn || fin || rst, current, notes);
    if (this.ended) {
      if (segment.length > 0 || fin) notes.push('retransmission');
      return notes;
    }

    if (syn) {
      // The SYN takes one sequence number; its retransmissions change nothing.
      if (!this.started) this.startAt((segment.seq + 1) >>> 0);
      return notes;
    }
    if (!this.started) this.startAt(segment.seq);

    const start = this.offsetOf(segment.seq);
    const end = start + segment.length;
    if (segment.length > 0) this.place(segment, start, end, notes, peerAcks);
    else if (!fin && !rst && start > this.highestOffset) notes.push('missing-segment');
    if (end > this.highestOffset) {
      this.highestOffset = end;
      this.highestTime = segment.time;
    }

    if (fin && this.finOffset === undefined) this.finOffset = end;
    else if (fin && segment.length === 0 && end < this.highestOffset) notes.push('retransmission');
    if (rst) {
      this.flushHeld(segment.frame, segment.time);
      this.ended = true;
      this.sink.end('rst', segment.frame, segment.time);
      return notes;
    }
    this.checkFin(segment.frame, segment.time);
    return notes;
  }

  /**
   * The other side acknowledged bytes up to `ack`. Bytes below it that never arrived were
   * lost by the capture, not by the network, and will not come again: the hole is reported
   * now, so the dialogue on top goes on in step with the other direction. Only done when
   * later bytes were seen, because a capture can also hold an ACK before the data it
   * acknowledges.
   */
  acknowledge(ack: number, frame: number, time: number): void {
    if (!this.started || this.ended) return;
    const limit = Math.min(this.offsetOf(ack), this.finOffset ?? Infinity);
    while (this.nextOffset < limit) {
      const seenBeyond = this.held.length > 0 || this.highestOffset >= limit;
      if (!seenBeyond) break;
      const end = Math.min(limit, this.held[0]?.start ?? limit);
      if (end > this.nextOffset) {
        this.reportGap(end - this.nextOffset, frame, time);
        this.nextOffset = end;
      }
      const before = this.nextOffset;
      this.drainHeld(frame, time);
      if (this.nextOffset === before && this.held.length === 0) break;
    }
    this.checkFin(frame, time);
  }

  /** End of capture: whatever waits behind a hole is delivered after a reported gap. */
  finish(frame: number, time: number): void {
    if (this.ended) return;
    this.flushHeld(frame, time);
    this.checkFin(frame, time);
  }

  private startAt(seq: number): void {
    this.started = true;
    this.baseSeq = seq;
    this.nextOffset = 0;
    this.highestOffset = 0;
  }

  /** Stream offset of a raw sequence number, taken as the nearest one to the next byte. */
  private offsetOf(seq: number): number {
    const nextSeq = (this.baseSeq + this.nextOffset) >>> 0;
    return this.nextOffset + ((seq - nextSeq) | 0);
  }

  /**
   * A duplicate ACK repeats the last ACK and window from the current sequence number; a bare
   * ACK with an older sequence number is an old packet that arrived late, not a duplicate.
   */
  private noteAck(segment: TcpSegment, control: boolean, current: boolean,
    notes: PacketNote[]): void {
    if (!hasFlag(segment, TcpFlag.ACK)) return;
    const bare = segment.length === 0 && !control && current;
    if (bare && segment.ack === this.lastAck && segment.window === this.lastWindow) {
      notes.push('duplicate-ack');
      this.duplicateAcks++;
    } else if (segment.ack !== this.lastAck) {
      this.duplicateAcks = 0;
    }
    this.lastAckTime = segment.time;
    if (!control && segment.window === 0) notes.push('zero-window');
    this.lastAck = segment.ack;
    this.lastWindow = segment.window;
  }

  /** This side's ACKs, for the other direction's reassembler. */
  get ackState(): AckState {
    return { ack: this.lastAck, time: this.lastAckTime, duplicates: this.duplicateAcks };
  }

  private place(segment: TcpSegment, start: number, end: number, notes: PacketNote[],
    peerAcks: AckState | undefined): void {
    if (start > this.highestOffset) notes.push('missing-segment');
    else if (isFastRetransmission(segment, peerAcks)) notes.push('retransmission');
    else if (start < this.highestOffset) notes.push(this.resentOrLate(segment.time, end));
    if (end <= this.nextOffset) return;
    if (start > this.nextOffset) {
      this.hold({ start, length: segment.length, bytes: segment.payload }, segment);
      return;
    }
    // Bytes before nextOffset were delivered already: the first copy wins an overlap.
    this.deliver({ start, length: segment.length, bytes: segment.payload }, segment);
    this.drainHeld(segment.frame, segment.time);
  }

  /**
   * Wireshark's rule for data starting below the highest sequence number sent so far: it
   * is out of order when it comes within one initial round trip (3 ms without a handshake)
   * of the segment that reached that highest number and does not end exactly there;
   * otherwise the sender sent it again. Whether the bytes were seen before does not matter.
   */
  private resentOrLate(time: number, end: number): PacketNote {
    const window = this.initialRtt() || DEFAULT_OUT_OF_ORDER_WINDOW;
    const soon = time - this.highestTime < window;
    return soon && end !== this.highestOffset ? 'out-of-order' : 'retransmission';
  }

  private hold(item: HeldSegment, segment: TcpSegment): void {
    let index = this.held.findIndex((held) => held.start > item.start);
    if (index < 0) index = this.held.length;
    this.held.splice(index, 0, item);
    this.heldBytes += item.bytes.length;
    while (this.heldBytes > this.maxHeldBytes && this.held.length > 0) {
      this.skipToHeld(segment.frame, segment.time);
      this.drainHeld(segment.frame, segment.time);
    }
  }

  /** Hands on the part of `item` that lies at or beyond nextOffset. */
  private deliver(item: HeldSegment, segment: { frame: number; time: number }): void {
    const skip = this.nextOffset - item.start;
    const end = item.start + item.length;
    if (end <= this.nextOffset) return;
    if (skip < item.bytes.length) {
      const bytes = item.bytes.subarray(skip);
      this.deliveredBytes += bytes.length;
      this.sink.data(bytes, segment.frame, segment.time);
    }
    const uncaptured = item.length - Math.max(skip, item.bytes.length);
    if (uncaptured > 0) this.reportGap(uncaptured, segment.frame, segment.time);
    this.nextOffset = end;
  }

  private drainHeld(frame: number, time: number): void {
    while (this.held.length > 0 && this.held[0].start <= this.nextOffset) {
      const item = this.held.shift()!;
      this.heldBytes -= item.bytes.length;
      this.deliver(item, { frame, time });
    }
  }

  private skipToHeld(frame: number, time: number): void {
    const first = this.held[0];
    if (first.start > this.nextOffset) {
      this.reportGap(first.start - this.nextOffset, frame, time);
      this.nextOffset = first.start;
    }
  }

  private flushHeld(frame: number, time: number): void {
    while (this.held.length > 0) {
      this.skipToHeld(frame, time);
      this.drainHeld(frame, time);
    }
    if (this.finOffset !== undefined && this.finOffset > this.nextOffset) {
      this.reportGap(this.finOffset - this.nextOffset, frame, time);
      this.nextOffset = this.finOffset;
    }
  }

  private reportGap(length: number, frame: number, time: number): void {
    this.missingBytes += length;
    this.sink.gap(length, frame, time);
  }

  private checkFin(frame: number, time: number): void {
    if (this.finOffset === undefined || this.ended) return;
    if (this.nextOffset < this.finOffset) return;
    this.ended = true;
    this.sink.end('fin', frame, time);
  }
}

/** The segment the other side asked for with repeated ACKs, sent again soon after. */
function isFastRetransmission(segment: TcpSegment, peer: AckState | undefined): boolean {
  return peer !== undefined && peer.duplicates >= FAST_RETRANSMISSION_DUPLICATES &&
    peer.ack === segment.seq && segment.time - peer.time < FAST_RETRANSMISSION_WINDOW;
}
