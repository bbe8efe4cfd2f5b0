// Open a capture: the native dialog in Electron, a file picker in the browser.

import { useEffect, useRef, useState } from 'react';
import type { PickedFile } from '../../../shared/tapline-api';
import { tapline } from '../api/tapline';
import { useAppStore } from '../store/app-store';
import { CaptureDialog } from './capture/CaptureDialog';
import { restartCapture } from './capture/restart-capture';
import { RecentMenu } from './recent/RecentMenu';
import { mayReplaceDocument } from './save/leave-unsaved';
import { SaveButton } from './save/SaveButton';

export function useOpenFile() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const report = useAppStore((s) => s.report);
  return (file: PickedFile) => {
    if (!mayReplaceDocument()) return;
    tapline.openFile(file).then(applyStatus).catch((error: Error) => report(error.message));
  };
}

export function Toolbar({ electron }: { electron: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const openFile = useOpenFile();
  const applyStatus = useAppStore((s) => s.applyStatus);
  const report = useAppStore((s) => s.report);

  const capturing = useAppStore((s) => s.status.capture?.running ?? false);
  const captured = useAppStore((s) => s.status.capture !== undefined);
  const [choosing, setChoosing] = useState(false);
  const stop = () => {
    tapline.request('capture.stop', {}).then(applyStatus)
      .catch((error: Error) => report(error.message));
  };

  // Ctrl+E starts or stops a capture, Ctrl+R restarts it, as in Wireshark.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      const plain = !event.shiftKey && !event.altKey;
      if (key === 'r' && plain && useAppStore.getState().status.capture) {
        // Not the browser's reload: that would drop the capture's view.
        event.preventDefault();
        restartCapture();
        return;
      }
      if (key !== 'e') return;
      event.preventDefault();
      if (useAppStore.getState().status.capture?.running) stop();
      else setChoosing(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const open = () => {
    // In the browser, the picked file is confirmed by openFile, after the picker.
    if (!electron) return picker.current?.click();
    if (!mayReplaceDocument()) return;
    tapline.request('document.openDialog', {})
      .then((status) => status && applyStatus(status))
      .catch((error: Error) => report(error.message));
  };

  return (
    <header className="toolbar">
      <span className="app-name">Tapline</span>
      <button type="button" onClick={open} title="Open a pcap or pcapng file (Ctrl+O)">
        Open…
      </button>
      <RecentMenu />
      <SaveButton />
      {capturing
        ? <button type="button" className="stop" onClick={stop}
          title="Stop the capture (Ctrl+E)">Stop capture</button>
        : <button type="button" onClick={() => setChoosing(true)}
          title="Capture on an interface (Ctrl+E)">Capture…</button>}
      {captured && <button type="button" onClick={restartCapture}
        title="Stop and capture again with the same interface, filter and options (Ctrl+R)">
        Restart capture</button>}
      {choosing && <CaptureDialog onClose={() => setChoosing(false)} />}
      <input ref={picker} type="file" hidden aria-label="Capture file"
        accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) openFile(file);
          event.currentTarget.value = '';
        }} />
    </header>
  );
}
