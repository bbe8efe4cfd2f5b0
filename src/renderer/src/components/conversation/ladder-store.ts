// Whether the TCP ladder panel is open, and for which packet of which file.

import { create } from 'zustand';
import { useAppStore } from '../../store/app-store';

interface LadderState {
  /** The packet the ladder was opened from, or null when the panel is closed. */
  packet: number | null;
  /** The file it belongs to: another file closes the panel. A display filter does not. */
  documentId: number;
  /** Bumped to ask again: a live capture may have added segments since the ladder was drawn. */
  round: number;
  show(packet: number, documentId: number): void;
  redraw(): void;
  close(): void;
}

export const useLadder = create<LadderState>()((set) => ({
  packet: null,
  documentId: 0,
  round: 0,
  show: (packet, documentId) => set({ packet, documentId }),
  redraw: () => set((state) => ({ round: state.round + 1 })),
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
