// File name, packet count, load progress, and the last problem in plain words.

import type { CaptureState } from '../../../shared/capture-api';
import { useAppStore } from '../store/app-store';

export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const problem = useAppStore((s) => s.problem);
  const percent = status.totalBytes > 0
    ? Math.min(100, Math.round((status.bytesRead / status.totalBytes) * 100)) : 0;

  return (
    <footer className="status-bar" role="status">
      <span className="status-file">{status.name || 'No file open'}</span>
      {status.name && (
        <span className="status-count" data-testid="packet-count">
          {status.packetCount.toLocaleString('en-US')} packets
        </span>
      )}
      {status.loading && (
        <progress className="status-progress" max={100} value={percent}
          aria-label="Loading">{percent}%</progress>
      )}
      {status.capture && <CaptureStatus capture={status.capture} />}
      {status.error && <span className="status-error">Stopped: {status.error}</span>}
      {problem && <span className="status-error">{problem}</span>}
    </footer>
  );
}

/** While capturing: where, with which filter, and libpcap's counters; then tcpdump's summary. */
function CaptureStatus({ capture }: { capture: CaptureState }) {
  const filter = capture.filter ? ` · filter: ${capture.filter}` : '';
  if (capture.running) {
    return (
      <span className="status-capture" data-testid="capture-status">
        Capturing on {capture.interface}{filter} · {capture.received} received by filter ·{' '}
        {capture.droppedByKernel + capture.droppedByInterface} dropped
      </span>
    );
  }
  return (
    <span className="status-capture" data-testid="capture-status" title={capture.spoolFile}>
      {capture.interface}{filter} · {capture.summary?.replace(/\n/g, ' · ')}
      {capture.error && <span className="status-error"> · {capture.error}</span>}
    </span>
  );
}
