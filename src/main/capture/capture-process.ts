// Runs a live capture in a child process that owns libpcap and streams batches back.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureError } from './capture-error';
import type {
  ChildEnd, ChildMessage, OpenedInfo, ParentMessage, SerializedCaptureError,
} from './capture-messages';
import type { BatchHandler, CaptureStats, LiveCaptureOptions } from './live-capture';
import { RECORD_WORDS } from './packet-batch';

export interface CaptureProcessOptions {
  readonly capture: LiveCaptureOptions;
  /**
   * Words put before the Node binary, to run the capture elsewhere or with other rights:
   * ['ip', 'netns', 'exec', 'lab'] captures inside a network namespace.
   */
  readonly launcher?: readonly string[];
  /** The child's entry and Node flags; by default the sibling capture-child file. */
  readonly entry?: string;
  readonly execArgv?: readonly string[];
  /** How long opening may take before the child is killed. */
  readonly openTimeoutMs?: number;
}

export type ProcessEnd = ChildEnd & { readonly error?: CaptureError };

/** A capture in another process: the Node capture child, or the tapline-capture helper. */
export interface RunningCapture {
  /** Set once the capture has opened. */
  readonly info?: OpenedInfo;
  readonly ended: Promise<ProcessEnd>;
  stats(): Promise<CaptureStats>;
  stop(): Promise<ProcessEnd>;
}

function revive(error: SerializedCaptureError): CaptureError {
  return new CaptureError(error.code, error.message, error.detail);
}

/** The sibling entry file; run from TypeScript sources, it needs tsx's loader. */
function defaultEntry(): { entry: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const typescript = here.endsWith('.ts');
  const entry = path.join(path.dirname(here), typescript ? 'capture-child.ts' : 'capture-child.js');
  return { entry, execArgv: typescript ? ['--import', 'tsx'] : [] };
}

/** A capture running in its own process; start one with startCaptureProcess(). */
export class CaptureProcess implements RunningCapture {
  readonly ended: Promise<ProcessEnd>;
  info?: OpenedInfo;

  private statsWaiters: ((stats: CaptureStats) => void)[] = [];

  private constructor(private readonly child: ChildProcess, onBatch: BatchHandler,
    settle: (end: ProcessEnd) => void, ended: Promise<ProcessEnd>) {
    this.ended = ended;
    let finished = false;
    const finish = (end: ProcessEnd): void => {
      if (finished) return;
      finished = true;
      // Questions the child will not answer any more get its last counters.
      for (const waiter of this.statsWaiters.splice(0)) waiter(end.stats);
      settle(end);
    };
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'batch') {
        const { data, records } = message;
        const count = records.length / RECORD_WORDS;
        onBatch({ data, records, count, linkType: this.info?.linkType ?? 0 });
      } else if (message.type === 'stats') {
        this.statsWaiters.shift()?.(message.stats);
      } else if (message.type === 'end') {
        const { error, ...rest } = message.end;
        finish({ ...rest, ...(error ? { error: revive(error) } : {}) });
      }
    });
    // 'close' comes after the IPC channel was read to its end, so an 'end' message wins.
    child.once('close', (code, signal) => {
      finish({
        error: new CaptureError('CAPTURE_CHILD_FAILED',
          `The capture process ended unexpectedly (${signal ?? `exit code ${code}`}); `
          + 'the packets received until then are kept.'),
        stats: { received: 0, droppedByKernel: 0, droppedByInterface: 0 },
        packets: 0, bytes: 0, droppedBatches: 0, droppedPackets: 0,
      });
    });
  }

  /** Starts the child and opens the capture; rejects with the CaptureError it met. */
  static start(options: CaptureProcessOptions, onBatch: BatchHandler): Promise<CaptureProcess> {
    const fallback = defaultEntry();
    const command = [...(options.launcher ?? []), process.execPath,
      ...(options.execArgv ?? (options.entry ? [] : fallback.execArgv)),
      options.entry ?? fallback.entry];
    const child = spawn(command[0], command.slice(1), {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      // tsx's loader, when used, resolves from the repository's node_modules.
      cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..'),
    });
    let settle!: (end: ProcessEnd) => void;
    const ended = new Promise<ProcessEnd>((resolve) => { settle = resolve; });
    const running = new CaptureProcess(child, onBatch, settle, ended);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new CaptureError('CAPTURE_CHILD_FAILED',
          'The capture process did not start in time; try again.'));
      }, options.openTimeoutMs ?? 15_000);
      const onMessage = (message: ChildMessage): void => {
        if (message.type === 'opened') {
          running.info = message.info;
        } else if (message.type !== 'failed') {
          return;
        }
        clearTimeout(timer);
        child.off('message', onMessage);
        if (message.type === 'opened') resolve(running);
        else reject(revive(message.error));
      };
      child.on('message', onMessage);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new CaptureError('CAPTURE_CHILD_FAILED',
          `The capture process could not be started: ${error.message}.`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new CaptureError('CAPTURE_CHILD_FAILED',
          `The capture process exited (code ${code}) before the capture started.`));
      });
      const open: ParentMessage = { type: 'open', options: options.capture };
      child.send(open);
    });
  }

  /** libpcap's counters from the child; after the end, the last ones it reported. */
  stats(): Promise<CaptureStats> {
    if (!this.child.connected) return this.ended.then((end) => end.stats);
    return new Promise((resolve) => {
      this.statsWaiters.push(resolve);
      this.send({ type: 'stats' });
    });
  }

  /** Asks the child to stop; settles after its last batch has arrived. */
  stop(): Promise<ProcessEnd> {
    this.send({ type: 'stop' });
    return this.ended;
  }

  private send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }
}

export function startCaptureProcess(options: CaptureProcessOptions, onBatch: BatchHandler):
  Promise<CaptureProcess> {
  return CaptureProcess.start(options, onBatch);
}
