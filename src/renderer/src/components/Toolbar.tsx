// Open a capture: the native dialog in Electron, a file picker in the browser.

import { useRef } from 'react';
import type { PickedFile } from '../../../shared/tapline-api';
import { tapline } from '../api/tapline';
import { useAppStore } from '../store/app-store';

export function useOpenFile() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const report = useAppStore((s) => s.report);
  return (file: PickedFile) => {
    tapline.openFile(file).then(applyStatus).catch((error: Error) => report(error.message));
  };
}

export function Toolbar({ electron }: { electron: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  const openFile = useOpenFile();
  const applyStatus = useAppStore((s) => s.applyStatus);
  const report = useAppStore((s) => s.report);

  const open = () => {
    if (!electron) return picker.current?.click();
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
