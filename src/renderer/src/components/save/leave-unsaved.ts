// Before another file or capture replaces an unsaved one, the user says whether to go on.

import { useAppStore } from '../../store/app-store';

/** True when nothing unsaved is open, or the user chose to leave it in the spool folder. */
export function mayReplaceDocument(): boolean {
  const { status } = useAppStore.getState();
  if (!status.unsaved) return true;
  return window.confirm(`The capture of ${status.packetCount} packets in this window was ` +
    'never saved. Replace it anyway? It stays in the spool folder and is offered again at ' +
    'the next start; Cancel, then Save As, to keep it in a file of your choice.');
}
