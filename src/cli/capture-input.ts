// Streams a capture file, or stdin for "-", into a capture parser chunk by chunk.

import { createReadStream } from 'node:fs';
import { createCaptureParser } from '../engine/files/capture-parser';
import type { CaptureSink } from '../engine/files/packet-record';
import { CliError } from './cli-error';

/** Large reads keep the per-chunk overhead small; one chunk is all we hold at a time. */
const READ_CHUNK = 1024 * 1024;

export interface InputControl {
  /** Called after each chunk; awaiting it is how output pushes back on input. */
  afterChunk?(): Promise<void> | void;
  /** True once the consumer wants no more packets (-c reached, pipe closed). */
  stopped?(): boolean;
}

function openError(source: string, error: NodeJS.ErrnoException): CliError {
  if (error.code === 'ENOENT') {
    return new CliError('CLI_FILE_NOT_FOUND', `${source}: no such file; check the path`);
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return new CliError('CLI_FILE_UNREADABLE',
      `${source}: permission denied; run as a user who may read it`);
  }
  if (error.code === 'EISDIR') {
    return new CliError('CLI_FILE_UNREADABLE', `${source} is a directory, not a capture file`);
  }
  return new CliError('CLI_FILE_UNREADABLE', `${source}: cannot read (${error.message})`);
}

/**
 * Feeds every chunk of `source` to a new capture parser that reports to `sink`. Resolves when
 * the stream ends or the consumer stops; rejects with a CaptureFileError at the first damage
 * (after every packet before it has reached the sink) or a CliError if the file won't open.
 */
export async function streamCapture(
  source: string, sink: CaptureSink, stdin: NodeJS.ReadableStream, control: InputControl = {},
): Promise<void> {
  const parser = createCaptureParser(sink);
  const stream = source === '-'
    ? stdin
    : createReadStream(source, { highWaterMark: READ_CHUNK });

  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      parser.push(bytes as Uint8Array);
      if (control.stopped?.()) return;
      await control.afterChunk?.();
      if (control.stopped?.()) return;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw openError(source, error as NodeJS.ErrnoException);
    }
    throw error;
  }
  parser.end();
}
