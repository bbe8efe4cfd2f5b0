// Where `tapline capture` gets its packets: the libpcap addon in this process, or the
// tapline-capture helper named by $TAPLINE_CAPTURE_HELPER, which alone needs the rights.

import {
  openLiveCapture, startCaptureHelper,
  type BatchHandler, type CaptureError, type CaptureStats, type LiveCaptureOptions,
  type PacketBatch,
} from '../../main/capture/index';
import { CAPTURE_HELPER_ENV } from '../../main/service/capture-helper-path';

export interface LiveSource {
  readonly linkType: number;
  readonly snaplen: number;
  readonly precision: 'nano' | 'micro';
  /** Batches are held until this is called, so the caller can get ready first. */
  begin(): void;
  stop(): void;
  readonly ended: Promise<{ readonly stats: CaptureStats; readonly error?: CaptureError }>;
}

export async function openLiveSource(options: LiveCaptureOptions, onBatch: BatchHandler):
  Promise<LiveSource> {
  // The helper may hand over packets in the very read that says it has opened.
  let ready = false;
  const early: PacketBatch[] = [];
  const gated: BatchHandler = (batch) => (ready ? onBatch(batch) : early.push(batch));
  const begin = (): void => {
    ready = true;
    for (const batch of early.splice(0)) onBatch(batch);
  };

  const helper = process.env[CAPTURE_HELPER_ENV];
  if (!helper) {
    const live = openLiveCapture(options, gated);
    return {
      linkType: live.linkType, snaplen: live.snaplen, precision: live.precision, begin,
      stop: () => void live.stop(), ended: live.ended,
    };
  }
  const running = await startCaptureHelper({ helper, capture: options }, gated);
  const info = running.info!;
  return {
    linkType: info.linkType, snaplen: info.snaplen, precision: info.precision, begin,
    stop: () => void running.stop(), ended: running.ended,
  };
}
