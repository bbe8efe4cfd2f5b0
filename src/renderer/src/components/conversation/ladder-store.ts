// Whether the TCP ladder panel is open, and for which packet of which file.

import { create } from 'zustand';
import { useAppStore } from '../../store/app-store';

interface LadderState {
  /** The packet the ladder was opened from, or null when the panel is closed. */
  packet: number | null;
  /** The file it belongs to: another file closes the panel. A display filter does not. */
  documentId: number;
  show(packet: number, documentId: number): void;
  close(): void;
}

export const useLadder = create<LadderState>()((set) => ({
  packet: null,
  documentId: 0,
  show: (packet, documentId) => set({ packet, documentId }),
  close: () => set({ packet: null }),
}));

/**
 * Opens the panel on the selected packet's conversation. The panel itself asks the service,
 * so that "not TCP" and "still loading" are said where the diagram would be.
 */
export function openLadderForSelected(): void {
  const { selected, status, report } = useAppStore.getState();
  if (selected === 0) {
    report('TCP ladder: select a packet of a TCP conversation first');
    return;
  }
  report('');
  useLadder.getState().show(selected, status.documentId);
}
