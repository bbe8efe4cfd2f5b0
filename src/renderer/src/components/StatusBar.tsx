// File name, packet count, load progress, and the last problem in plain words.

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
      {status.error && <span className="status-error">Stopped: {status.error}</span>}
      {problem && <span className="status-error">{problem}</span>}
    </footer>
  );
}
