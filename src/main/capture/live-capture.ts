// Opens a live capture through the libpcap addon and hands packets over in batches.

import { CaptureError } from './capture-error';
import { linkTypeFromDlt } from './link-type';
import { nativeAddon, type NativeLiveCapture, type NativeStats } from './native-addon';
import { openError, readError } from './native-error';
import { batchBytes, RECORD_WORDS, type PacketBatch } from './packet-batch';

export interface LiveCaptureOptions {
  /** Device name as listInterfaces() gives it (eth0, lo, any). */
  readonly interface: string;
  /** A tcpdump/libpcap filter expression; empty for every packet. */
  readonly filter?: string;
  /** Bytes kept of each packet; tcpdump's default, 262144, keeps whole packets. */
  readonly snaplen?: number;
  readonly promiscuous?: boolean;
  /**
   * Kernel ring size in bytes, 32 MiB unless given; 0 keeps libpcap's 2 MiB, which in
   * immediate mode holds only eight packets of the default snaplen.
   */
  readonly bufferSize?: number;
  /**
   * Hands each packet over as soon as it arrives. Off, the kernel fills blocks and hands
   * them over when full or after timeoutMs, which costs far fewer wake-ups on a busy wire.
   */
  readonly immediate?: boolean;
  readonly timeoutMs?: number;
  /** Asks for nanosecond timestamps; devices that cannot give them stamp microseconds. */
  readonly nanosecond?: boolean;
  readonly maxBatchBytes?: number;
  readonly maxBatchPackets?: number;
}

export interface CaptureStats {
  /** libpcap's ps_recv: on Linux, packets that passed the filter in the kernel. */
  readonly received: number;
  readonly droppedByKernel: number;
  readonly droppedByInterface: number;
}

export interface CaptureEnd {
  /** Absent when the capture ended because stop() was called. */
  readonly error?: CaptureError;
  readonly stats: CaptureStats;
  /** What reached the batch handler. */
  readonly packets: number;
  readonly bytes: number;
}

export type BatchHandler = (batch: PacketBatch) => void;

const MAX_SNAPLEN = 262144;

function checkedInteger(name: string, value: number | undefined, fallback: number,
  min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw new CaptureError('CAPTURE_BAD_OPTIONS',
      `The capture option ${name} must be a whole number from ${min} to ${max}.`);
  }
  return chosen;
}

function statsOf(native: NativeStats): CaptureStats {
  return {
    received: native.received,
    droppedByKernel: native.dropped,
    droppedByInterface: native.ifDropped,
  };
}

/** A running capture; open one with openLiveCapture(). */
export class LiveCapture {
  readonly interface: string;
  /** LINKTYPE_* of the packets, as a capture file records it. */
  readonly linkType: number;
  readonly dlt: number;
  readonly snaplen: number;
  readonly precision: 'nano' | 'micro';
  /** libpcap's warning on opening (promiscuous mode not supported, for one), if any. */
  readonly warning?: string;
  /** Settles once, when the capture has ended and every packet was handed over. */
  readonly ended: Promise<CaptureEnd>;

  private readonly native: NativeLiveCapture;
  private packets = 0;
  private bytes = 0;
  private handlerError?: CaptureError;
  private finalStats?: CaptureStats;

  constructor(options: LiveCaptureOptions, onBatch: BatchHandler) {
    const filter = options.filter ?? '';
    const snaplen = checkedInteger('snaplen', options.snaplen, MAX_SNAPLEN, 1, MAX_SNAPLEN);
    const native = {
      device: options.interface,
      filter,
      snaplen,
      promisc: options.promiscuous ?? true,
      immediate: options.immediate ?? false,
      timeoutMs: checkedInteger('timeoutMs', options.timeoutMs, 250, 1, 10_000),
      bufferSize: checkedInteger('bufferSize', options.bufferSize, 32 << 20, 0, 1 << 30),
      nano: options.nanosecond ?? true,
      maxBatchBytes: checkedInteger('maxBatchBytes', options.maxBatchBytes, 4 << 20,
        snaplen, 256 << 20),
      maxBatchPackets: checkedInteger('maxBatchPackets', options.maxBatchPackets, 16384,
        1, 1 << 20),
    };
    if (options.interface.length === 0 || options.interface.includes('\0')) {
      throw new CaptureError('CAPTURE_NO_SUCH_INTERFACE',
        'No interface was named: choose one from the interface list.');
    }

    let settle!: (end: CaptureEnd) => void;
    this.ended = new Promise((resolve) => { settle = resolve; });
    let linkType = 0;
    const deliver = (data: Uint8Array, records: Uint32Array): void => {
      const batch = { data, records, count: records.length / RECORD_WORDS, linkType };
      this.packets += batch.count;
      this.bytes += batchBytes(batch);
      if (this.handlerError) return;
      try {
        onBatch(batch);
      } catch (error) {
        // A failing handler ends the capture rather than the process.
        const why = error instanceof Error ? error.message : String(error);
        this.handlerError = new CaptureError('CAPTURE_READ_FAILED',
          `The capture was stopped because its packet handler failed: ${why}`);
        this.native.stop();
      }
    };
    const end = (error: Error | null, stats: NativeStats): void => {
      this.finalStats = statsOf(stats);
      const failure = this.handlerError
        ?? (error ? readError(error, options.interface) : undefined);
      settle({
        ...(failure ? { error: failure } : {}),
        stats: this.finalStats,
        packets: this.packets,
        bytes: this.bytes,
      });
    };

    try {
      this.native = new (nativeAddon().LiveCapture)(native, deliver, end);
    } catch (error) {
      if (error instanceof CaptureError) throw error;
      throw openError(error, options.interface, filter);
    }
    const info = this.native.info();
    this.interface = options.interface;
    this.dlt = info.dlt ?? 0;
    linkType = linkTypeFromDlt(this.dlt);
    this.linkType = linkType;
    this.snaplen = info.snaplen;
    this.precision = info.precision;
    if (info.warning) this.warning = info.warning;
  }

  /** libpcap's counters now; after the end, the last ones read before closing. */
  stats(): CaptureStats {
    return this.finalStats ?? statsOf(this.native.stats());
  }

  /**
   * Stops capturing. Packets the kernel already holds are still handed over, which without
   * immediate mode takes up to twice timeoutMs; the promise settles after the last batch.
   */
  stop(): Promise<CaptureEnd> {
    this.native.stop();
    return this.ended;
  }
}

/** Opens a live capture; throws a CaptureError with a code if libpcap refuses. */
export function openLiveCapture(options: LiveCaptureOptions, onBatch: BatchHandler): LiveCapture {
  return new LiveCapture(options, onBatch);
}
