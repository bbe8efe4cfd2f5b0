// The messages between the app and its capture process, in both directions.

import type { CaptureErrorCode } from './capture-error';
import type { CaptureStats, LiveCaptureOptions } from './live-capture';

export interface SerializedCaptureError {
  code: CaptureErrorCode;
  message: string;
  detail?: string;
}

export interface OpenedInfo {
  linkType: number;
  dlt: number;
  snaplen: number;
  precision: 'nano' | 'micro';
  warning?: string;
}

export interface ChildEnd {
  error?: SerializedCaptureError;
  stats: CaptureStats;
  packets: number;
  bytes: number;
  /** Batches the child threw away because the parent did not keep up. */
  droppedBatches: number;
  droppedPackets: number;
}

export type ParentMessage =
  | { type: 'open'; options: LiveCaptureOptions }
  | { type: 'stats' }
  | { type: 'stop' };

export type ChildMessage =
  | { type: 'opened'; info: OpenedInfo }
  | { type: 'failed'; error: SerializedCaptureError }
  | { type: 'batch'; data: Uint8Array; records: Uint32Array }
  | { type: 'stats'; stats: CaptureStats }
  | { type: 'end'; end: ChildEnd };
