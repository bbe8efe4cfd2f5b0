// A live capture as a document: the capture process streams batches, every packet is
// spooled to a pcapng file first and indexed second, so a crash loses nothing captured.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CaptureInterface, PacketRecord } from '../../engine/files/packet-record';
import { PcapngWriter } from '../../engine/files/pcapng-writer';
import {
  CaptureError, packetsOf, startCaptureHelper, startCaptureProcess,
  type BatchHandler, type CaptureStats, type LiveCaptureOptions, type PacketBatch,
  type ProcessEnd, type RunningCapture,
} from '../capture/index';
import { CaptureDocument } from './capture-document';
import { createLogger } from './logger';

const log = createLogger('capture');

/** libpcap's counters are asked for this often while capturing. */
const STATS_INTERVAL_MS = 1000;

export interface LiveCaptureRequest {
  interface: string;
  filter: string;
  snapLength: number;
  promiscuous: boolean;
  stopAfterPackets?: number;
  stopAfterSeconds?: number;
  stopAfterBytes?: number;
}

export interface LiveSessionHooks {
  /** Called after packets were added or the counters changed. */
  changed(): void;
  /** The capture process to run, when the app is bundled (out/main/capture-child.js). */
  childEntry?: string;
  /**
   * The tapline-capture helper binary; when given it captures instead of the Node capture
   * process, so only that small program needs the capture capabilities.
   */
  captureHelper?: string;
}

/** Where captures are spooled: $TAPLINE_SPOOL_DIR, else the user's state folder. */
export function spoolDirectory(): string {
  const state = process.env.XDG_STATE_HOME ?? join(homedir(), '.local/state');
  return process.env.TAPLINE_SPOOL_DIR ?? join(state, 'tapline/captures');
}

function spoolName(interfaceName: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${interfaceName.replace(/[^\w.-]/g, '_')}-${stamp}.pcapng`;
}

export class LiveCaptureSession {
  private captured = 0;
  private capturedBytes = 0;
  private statsTimer?: NodeJS.Timeout;
  private stopTimer?: NodeJS.Timeout;
  private stopping?: Promise<void>;

  private constructor(
    readonly document: CaptureDocument,
    private readonly process: RunningCapture,
    private readonly writer: PcapngWriter,
    private readonly spool: number,
    /** What started it, interface resolved: a restart starts the same capture again. */
    readonly request: LiveCaptureRequest,
    private readonly hooks: LiveSessionHooks,
  ) {}

  static async start(request: LiveCaptureRequest, hooks: LiveSessionHooks,
  ): Promise<LiveCaptureSession> {
    // Batches can arrive before the document exists: hold them until it does.
    const early: PacketBatch[] = [];
    const ready: { session?: LiveCaptureSession } = {};
    const process = await startCapture(request, hooks,
      (batch) => (ready.session ? ready.session.take(batch) : early.push(batch)));

    const info = process.info!;
    const folder = spoolDirectory();
    mkdirSync(folder, { recursive: true });
    const path = join(folder, spoolName(request.interface));
    const captureInterface: CaptureInterface = {
      id: 0,
      linkType: info.linkType,
      snapLength: info.snaplen,
      name: request.interface,
      ...(request.filter ? { filter: request.filter } : {}),
      ticksPerSecond: info.precision === 'nano' ? 1e9 : 1e6,
    };
    const writer = new PcapngWriter([captureInterface], {
      section: {
        userApplication: 'Tapline', sectionComment: `Live capture on ${request.interface}`,
      },
    });
    const spool = openSync(path, 'w');
    for (const chunk of writer.flush()) writeSync(spool, chunk);

    const document = await CaptureDocument.forSpool(path, path.split('/').pop()!, captureInterface);
    document.capture = {
      interface: request.interface, filter: request.filter, running: true, received: 0,
      droppedByKernel: 0, droppedByInterface: 0, spoolFile: path,
    };
    const session = new LiveCaptureSession(document, process, writer, spool, request, hooks);
    ready.session = session;
    log.info(`capture started on ${request.interface}` +
      (request.filter ? ` with filter '${request.filter}'` : ' without a filter') +
      `, snaplen ${info.snaplen}, ${info.precision}second timestamps, spooled to ${path}` +
      (hooks.captureHelper ? `, captured by ${hooks.captureHelper}` : ''));
    if (info.warning) log.warn(info.warning);
    for (const batch of early.splice(0)) session.take(batch);
    session.watch();
    return session;
  }

  get running(): boolean {
    return this.document.capture?.running ?? false;
  }

  /** Stops the capture; resolves once its last packet is spooled and indexed. */
  stop(): Promise<void> {
    this.stopping ??= this.process.stop().then((end) => this.finish(end));
    return this.stopping;
  }

  private watch(): void {
    this.statsTimer = setInterval(() => {
      this.process.stats().then((stats) => this.count(stats)).catch(() => {});
    }, STATS_INTERVAL_MS);
    if (this.request.stopAfterSeconds) {
      this.stopTimer = setTimeout(() => void this.stop(), this.request.stopAfterSeconds * 1000);
    }
    // The process may also end by itself: the interface went down, or it failed.
    void this.process.ended.then((end) => {
      this.stopping ??= Promise.resolve(this.finish(end));
    });
  }

  /** Spools a batch, then indexes it: a packet is listed only once it is in the file. */
  private take(batch: PacketBatch): void {
    if (!this.running) return;
    const records: PacketRecord[] = [];
    for (const packet of packetsOf(batch)) {
      if (this.limitReached()) break;
      const record: PacketRecord = {
        fileOffset: 0, interfaceId: 0, linkType: batch.linkType, hasTimestamp: true,
        seconds: packet.seconds, nanoseconds: packet.nanoseconds,
        capturedLength: packet.capturedLength, originalLength: packet.originalLength,
        data: packet.data,
      };
      records.push({ ...record, fileOffset: this.writer.add(record) });
      this.captured++;
      this.capturedBytes += packet.capturedLength;
    }
    try {
      for (const chunk of this.writer.flush()) writeSync(this.spool, chunk);
    } catch (error) {
      this.fail(`writing the spool file failed (${(error as Error).message}): ` +
        'the capture stopped; packets spooled before this are kept');
      return;
    }
    for (const record of records) this.document.appendLive(record, this.writer.position);
    this.hooks.changed();
    if (this.limitReached()) void this.stop();
  }

  private limitReached(): boolean {
    const { stopAfterPackets, stopAfterBytes } = this.request;
    return (stopAfterPackets !== undefined && this.captured >= stopAfterPackets) ||
      (stopAfterBytes !== undefined && this.capturedBytes >= stopAfterBytes);
  }

  private count(stats: CaptureStats): void {
    const capture = this.document.capture!;
    capture.received = stats.received;
    capture.droppedByKernel = stats.droppedByKernel;
    capture.droppedByInterface = stats.droppedByInterface;
    this.hooks.changed();
  }

  private fail(message: string): void {
    this.document.capture!.error = message;
    void this.stop();
  }

  private finish(end: ProcessEnd): void {
    clearInterval(this.statsTimer);
    clearTimeout(this.stopTimer);
    const capture = this.document.capture!;
    if (!capture.running) return;
    capture.running = false;
    this.count(end.stats);
    closeSync(this.spool);
    if (end.error && !capture.error) capture.error = describe(end.error);
    capture.summary = summaryLines(this.captured, end.stats);
    log.info(`capture stopped on ${this.request.interface}: ` +
      capture.summary.replace(/\n/g, ', ') + (capture.error ? `; ${capture.error}` : ''));
    this.hooks.changed();
  }
}

/** Starts the helper when one is configured, else the Node capture process. */
function startCapture(request: LiveCaptureRequest, hooks: LiveSessionHooks,
  onBatch: BatchHandler): Promise<RunningCapture> {
  const capture: LiveCaptureOptions = {
    interface: request.interface,
    filter: request.filter,
    snaplen: request.snapLength || 262144,
    promiscuous: request.promiscuous,
    nanosecond: true,
    timeoutMs: 100,
  };
  if (hooks.captureHelper) {
    return startCaptureHelper({ helper: hooks.captureHelper, capture }, onBatch);
  }
  return startCaptureProcess({
    capture,
    ...(hooks.childEntry ? { entry: hooks.childEntry, execArgv: [] } : {}),
  }, onBatch);
}

/** The lines tcpdump prints when a capture ends. */
export function summaryLines(captured: number, stats: CaptureStats): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    `${plural(captured, 'packet')} captured`,
    `${plural(stats.received, 'packet')} received by filter`,
    `${plural(stats.droppedByKernel, 'packet')} dropped by kernel`,
  ];
  if (stats.droppedByInterface > 0) {
    lines.push(`${plural(stats.droppedByInterface, 'packet')} dropped by interface`);
  }
  return lines.join('\n');
}

function describe(error: unknown): string {
  if (error instanceof CaptureError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

