// The workstation: toolbar, packet list, bytes, status bar; files can be dropped anywhere.

import { useEffect, useState, type DragEvent } from 'react';
import { tapline } from './api/tapline';
import { DetailTree } from './components/DetailTree';
import { FilterBar } from './components/filter/FilterBar';
import { HexPane } from './components/HexPane';
import { PacketList } from './components/PacketList';
import { StatusBar } from './components/StatusBar';
import { FollowSmtpButton } from './components/smtp/FollowSmtpButton';
import { FollowSmtpPanel } from './components/smtp/FollowSmtpPanel';
import { Toolbar, useOpenFile } from './components/Toolbar';
import { useAppStore } from './store/app-store';

export function App() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const status = useAppStore((s) => s.status);
  const report = useAppStore((s) => s.report);
  const openFile = useOpenFile();
  const [electron, setElectron] = useState(false);

  useEffect(() => {
    tapline.request('app.info', {}).then((info) => setElectron(info.mode === 'electron'))
      .catch((error: Error) => report(error.message));
    // A file named on the command line may already be open, or still loading.
    tapline.request('document.status', {}).then(applyStatus)
      .catch((error: Error) => report(error.message));
    return tapline.on('document.status', applyStatus);
  }, [applyStatus, report]);

  useEffect(() => {
    document.title = status.name ? `${status.name} — Tapline` : 'Tapline';
  }, [status.name]);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) openFile(file);
  };

  return (
    <div className="app" onDragOver={(event) => event.preventDefault()} onDrop={drop}>
      <div className="toolbar-row">
        <Toolbar electron={electron} />
        <div className="toolbar toolbar-extra"><FollowSmtpButton /></div>
      </div>
      <FilterBar />
      <div className="workspace">
        <main className="panes">
          <PacketList />
          <div className="lower-panes">
            <DetailTree />
            <HexPane />
          </div>
        </main>
        <FollowSmtpPanel />
      </div>
      <StatusBar />
    </div>
  );
}
