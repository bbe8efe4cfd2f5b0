// Runs a live capture through tapline-capture, the separate helper binary that alone holds
// the capture capabilities, and reads the pcapng it writes on its standard output.
//
// It offers what CaptureProcess offers (info, batches, stats, stop, ended), so the live
// capture session runs either one. The helper always asks for nanosecond stamps; libpcap's
// counters arrive as Interface Statistics Blocks.

import { spawn, type ChildProcess } from 'node:child_process';
import { createCaptureParser, type CaptureParser } from '../../engine/files/capture-parser';
import type { CaptureSink, InterfaceStatistics } from '../../engine/files/packet-record';
import { CaptureError } from './capture-error';
import type { OpenedInfo } from './capture-messages';
import type { ProcessEnd, RunningCapture } from './capture-process';
import {
  HELPER_PREFIX, helperEndError, helperOpenError, helperSpawnError,
} from './helper-errors';
import type { BatchHandler, CaptureStats, LiveCaptureOptions } from './live-capture';
import { RECORD_WORDS } from './packet-batch';

export interface CaptureHelperOptions {
  /** The helper binary (resources/capture/tapline-capture in a package). */
  readonly helper: string;
  /**
   * interface, filter, snaplen, promiscuous, bufferSize, immediate and timeoutMs are passed
   * on; the helper always asks for nanosecond stamps and has no batch limits.
   */
  readonly capture: LiveCaptureOptions;
  /** Words put before the helper, as CaptureProcessOptions.launcher. */
  readonly launcher?: readonly string[];
  readonly openTimeoutMs?: number;
}

/** Only the end of what the helper says is kept: its last line is what matters. */
const MAX_STDERR_CHARS = 8192;
const NO_STATS: CaptureStats = { received: 0, droppedByKernel: 0, droppedByInterface: 0 };

/** The helper's command line for these options. */
export function helperArguments(capture: LiveCaptureOptions): string[] {
  const args = ['-i', capture.interface];
  if (capture.snaplen !== undefined) args.push('-s', String(capture.snaplen));
  const bufferBytes = capture.bufferSize ?? 32 << 20;
  args.push('-B', String(Math.ceil(bufferBytes / 1024)));
  if (capture.promiscuous === false) args.push('-p');
  if (capture.immediate) args.push('-I');
  if (capture.timeoutMs !== undefined) args.push('-t', String(capture.timeoutMs));
  if (capture.filter) args.push('-f', capture.filter);
  return args;
}

/** Bytes and records collected from one read of stdout, handed over as one batch. */
class BatchCollector {
  private chunks: Uint8Array[] = [];
  private words: number[] = [];
  private size = 0;

  add(seconds: number, nanoseconds: number, data: Uint8Array, length: number): void {
    // The parser's view is valid only during its callback: keep a copy.
    this.words.push(this.size, data.length, length, seconds, nanoseconds);
    this.chunks.push(data.slice());
    this.size += data.length;
  }

  take(linkType: number): Parameters<BatchHandler>[0] | undefined {
    if (this.words.length === 0) return undefined;
    const data = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    const records = Uint32Array.from(this.words);
    this.chunks = [];
    this.words = [];
    this.size = 0;
    return { data, records, count: records.length / RECORD_WORDS, linkType };
  }
}

export class CaptureHelperProcess implements RunningCapture {
  readonly ended: Promise<ProcessEnd>;
  info?: OpenedInfo;

  private latest: CaptureStats = NO_STATS;
  private packets = 0;
  private bytes = 0;
  private stderrText = '';
  private outputError?: CaptureError;
  private readonly collector = new BatchCollector();
  private readonly parser: CaptureParser;
  private settle!: (end: ProcessEnd) => void;

  private constructor(private readonly child: ChildProcess,
    private readonly options: CaptureHelperOptions, private readonly onBatch: BatchHandler,
    private readonly onOpened: (info: OpenedInfo) => void) {
    this.ended = new Promise((resolve) => { this.settle = resolve; });
    this.parser = createCaptureParser(this.sink());
    child.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    child.stdout!.on('end', () => {
      if (this.outputError || !this.info) return;
      try {
        this.parser.end();
      } catch (error) {
        this.outputError = badOutput(error);
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      this.stderrText = (this.stderrText + text).slice(-MAX_STDERR_CHARS);
    });
    // The helper may be gone already when stop() closes its input.
    child.stdin!.on('error', () => {});
  }

  /** Starts the helper; resolves once it has opened the interface and described it. */
  static start(options: CaptureHelperOptions, onBatch: BatchHandler):
    Promise<CaptureHelperProcess> {
    const { helper, capture } = options;
    const command = [...(options.launcher ?? []), helper, ...helperArguments(capture)];
    return new Promise((resolve, reject) => {
      let opened = false;
      const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new CaptureError('CAPTURE_CHILD_FAILED',
          'The capture helper did not start in time; try again.'));
      }, options.openTimeoutMs ?? 15_000);
      const running = new CaptureHelperProcess(child, options, onBatch, (info) => {
        opened = true;
        clearTimeout(timer);
        running.info = info;
        resolve(running);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(helperSpawnError(error, helper));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (opened) {
          running.finish(code, signal);
        } else if (signal) {
          reject(new CaptureError('CAPTURE_CHILD_FAILED',
            `The capture helper was killed by ${signal} before the capture started.`));
        } else {
          const line = running.lastLine();
          reject(helperOpenError(code ?? -1, line, helper, capture.interface,
            capture.filter ?? ''));
        }
      });
    });
  }

  /** libpcap's counters as of the helper's last statistics block. */
  stats(): Promise<CaptureStats> {
    return Promise.resolve(this.latest);
  }

  /** Asks the helper to stop; settles after its last packet was read. */
  stop(): Promise<ProcessEnd> {
    this.child.stdin?.end();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    return this.ended;
  }

  private sink(): CaptureSink {
    return {
      interface: (description) => {
        const warnings = this.warnings();
        this.onOpened({
          linkType: description.linkType,
          dlt: description.linkType,
          snaplen: description.snapLength,
          precision: description.ticksPerSecond === 1e9 ? 'nano' : 'micro',
          ...(warnings ? { warning: warnings } : {}),
        });
      },
      packet: (record) => {
        this.collector.add(record.seconds, record.nanoseconds,
          record.data.subarray(0, record.capturedLength), record.originalLength);
        this.packets++;
        this.bytes += record.capturedLength;
      },
      statistics: (statistics) => { this.latest = statsOf(statistics); },
    };
  }

  private read(chunk: Buffer): void {
    if (this.outputError) return;
    try {
      this.parser.push(chunk);
    } catch (error) {
      this.outputError = badOutput(error);
      this.child.kill('SIGKILL');
    }
    const batch = this.collector.take(this.info?.linkType ?? 0);
    if (batch) this.onBatch(batch);
  }

  private finish(code: number | null, signal: NodeJS.Signals | null): void {
    const error = this.outputError
      ?? helperEndError(code, signal, this.lastLine(), this.options.capture.interface);
    this.settle({
      ...(error ? { error } : {}),
      stats: this.latest,
      packets: this.packets,
      bytes: this.bytes,
      droppedBatches: 0,
      droppedPackets: 0,
    });
  }

  private lines(): string[] {
    return this.stderrText.split('\n').filter((line) => line.startsWith(HELPER_PREFIX))
      .map((line) => line.slice(HELPER_PREFIX.length));
  }

  /** The helper's last word that is not its closing counters line. */
  private lastLine(): string {
    return this.lines().filter((line) => !/^\d+ packets captured, /.test(line)).at(-1) ?? '';
  }

  private warnings(): string {
    return this.lines().filter((line) => line.startsWith('warning: '))
      .map((line) => line.slice('warning: '.length)).join('; ');
  }
}

function statsOf(statistics: InterfaceStatistics): CaptureStats {
  return {
    received: statistics.received ?? 0,
    droppedByKernel: statistics.droppedByOs ?? 0,
    droppedByInterface: statistics.droppedByInterface ?? 0,
  };
}

function badOutput(error: unknown): CaptureError {
  const text = error instanceof Error ? error.message : String(error);
  return new CaptureError('CAPTURE_READ_FAILED',
    `The capture helper wrote something that is not a capture (${text}); the packets read `
    + 'until then are kept.', text);
}

export function startCaptureHelper(options: CaptureHelperOptions, onBatch: BatchHandler):
  Promise<CaptureHelperProcess> {
  return CaptureHelperProcess.start(options, onBatch);
}
