// Entry of the capture process: owns libpcap, streams batches to its parent over IPC.
//
// Run by startCaptureProcess() with an IPC channel ('advanced' serialization, so typed
// arrays cross as bytes). Keeping libpcap here means a busy wire never stalls the app, and
// the capture privileges can belong to this process alone.

import { CaptureError } from './capture-error';
import type { ChildMessage, ParentMessage } from './capture-messages';
import { LiveCapture } from './live-capture';

/** Bytes handed to IPC but not yet written; past this, batches are dropped and counted. */
const MAX_PENDING_BYTES = 64 << 20;

let capture: LiveCapture | undefined;
let pendingBytes = 0;
let droppedBatches = 0;
let droppedPackets = 0;

function post(message: ChildMessage, sent?: () => void): void {
  if (!process.connected) return;
  process.send!(message, undefined, {}, () => sent?.());
}

function serialize(error: unknown) {
  if (error instanceof CaptureError) return error.toJSON();
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'CAPTURE_OPEN_FAILED' as const, message: `Could not start capturing: ${text}` };
}

function open(message: Extract<ParentMessage, { type: 'open' }>): void {
  if (capture) return;
  try {
    capture = new LiveCapture(message.options, (batch) => {
      const size = batch.data.byteLength + batch.records.byteLength;
      if (pendingBytes + size > MAX_PENDING_BYTES) {
        droppedBatches++;
        droppedPackets += batch.count;
        return;
      }
      pendingBytes += size;
      post({ type: 'batch', data: batch.data, records: batch.records }, () => {
        pendingBytes -= size;
      });
    });
  } catch (error) {
    post({ type: 'failed', error: serialize(error) }, () => process.exit(0));
    return;
  }
  const { linkType, dlt, snaplen, precision, warning } = capture;
  post({ type: 'opened', info: { linkType, dlt, snaplen, precision, warning } });
  capture.ended.then((end) => {
    post({
      type: 'end',
      end: {
        ...(end.error ? { error: end.error.toJSON() } : {}),
        stats: end.stats,
        packets: end.packets,
        bytes: end.bytes,
        droppedBatches,
        droppedPackets,
      },
    }, () => process.disconnect());
  });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'open') open(message);
  else if (message.type === 'stats' && capture) post({ type: 'stats', stats: capture.stats() });
  else if (message.type === 'stop') void capture?.stop();
});

// A parent that went away leaves nobody to receive packets.
process.on('disconnect', () => {
  if (capture) void capture.stop().then(() => process.exit(0));
  else process.exit(0);
});
