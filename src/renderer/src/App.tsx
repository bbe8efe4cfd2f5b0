// The workstation: toolbar, packet list, bytes, status bar; files can be dropped anywhere.

import { useEffect, useState, type DragEvent } from 'react';
import { tapline } from './api/tapline';
import { LadderButton } from './components/conversation/LadderButton';
import { LadderPanel } from './components/conversation/LadderPanel';
import { DetailTree } from './components/detail/DetailTree';
import { HexPane } from './components/detail/HexPane';
import { FilterBar } from './components/filter/FilterBar';
import { Splitter } from './components/layout/Splitter';
import { useTheme } from './components/layout/use-theme';
import { ListShortcuts } from './components/packet-list/ListShortcuts';
import { PacketList } from './components/packet-list/PacketList';
import { SavePanels } from './components/save/SavePanels';
import { StatusBar } from './components/StatusBar';
import { FollowSmtpButton } from './components/smtp/FollowSmtpButton';
import { FollowSmtpPanel } from './components/smtp/FollowSmtpPanel';
import { Toolbar, useOpenFile } from './components/Toolbar';
import { ViewControls } from './components/view/ViewControls';
import { applyStatusEvent, useAppStore } from './store/app-store';
import { usePrefs } from './store/prefs-store';

export function App() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  // Only the name: the whole window must not render again for every status event.
  const name = useAppStore((s) => s.status.name);
  const report = useAppStore((s) => s.report);
  const openFile = useOpenFile();
  const [electron, setElectron] = useState(false);
  const panes = usePrefs((s) => s.panes);
  const setPanes = usePrefs((s) => s.setPanes);
  useTheme();

  useEffect(() => {
    tapline.request('app.info', {}).then((info) => setElectron(info.mode === 'electron'))
      .catch((error: Error) => report(error.message));
    // A file named on the command line may already be open, or still loading.
    tapline.request('document.status', {}).then(applyStatus)
      .catch((error: Error) => report(error.message));
    return tapline.on('document.status', applyStatusEvent);
  }, [applyStatus, report]);

  useEffect(() => {
    document.title = name ? `${name} — Tapline` : 'Tapline';
  }, [name]);

  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file) openFile(file);
  };

  return (
    <div className="app" onDragOver={(event) => event.preventDefault()} onDrop={drop}>
      <div className="toolbar-row">
        <Toolbar electron={electron} />
        <ViewControls />
        <div className="toolbar toolbar-extra">
          <FollowSmtpButton />
          <LadderButton />
        </div>
      </div>
      <SavePanels />
      <FilterBar />
      <ListShortcuts />
      <div className="workspace">
        <main className="panes" style={{
          gridTemplateRows: `minmax(0, ${panes.list}fr) auto minmax(0, ${1 - panes.list}fr)`,
        }}>
          <PacketList />
          <Splitter label="Resize packet list" orientation="horizontal" value={panes.list}
            onChange={(list) => setPanes({ list })} />
          <div className="lower-panes" style={{
            gridTemplateColumns: `minmax(0, ${panes.tree}fr) auto minmax(0, ${1 - panes.tree}fr)`,
          }}>
            <DetailTree />
            <Splitter label="Resize detail tree" orientation="vertical" value={panes.tree}
              onChange={(tree) => setPanes({ tree })} />
            <HexPane />
          </div>
        </main>
        <FollowSmtpPanel />
        <LadderPanel />
      </div>
      <StatusBar />
    </div>
  );
}
