// UI state: what is open, what is selected, what went wrong. Never the packets themselves.

import { create } from 'zustand';
import type { DocumentStatus } from '../../../shared/api';

export const EMPTY_STATUS: DocumentStatus = {
  documentId: 0, revision: 0, name: '', format: '', packetCount: 0, bytesRead: 0, totalBytes: 0,
  loading: false,
};

export interface ByteRange {
  offset: number;
  length: number;
}

interface AppState {
  status: DocumentStatus;
  /** 1-based number of the selected packet, or 0. */
  selected: number;
  /** The last failure to show in the status bar, in plain words. */
  problem: string;
  /** Bumped whenever a new file is opened, so cached rows are dropped. */
  generation: number;
  /** Bytes of the selected packet shown highlighted: the selected field's, or none. */
  highlight: ByteRange | null;
  /** The list row to scroll into view; `seq` changes on every request, even for one row. */
  reveal: { index: number; seq: number } | null;
  /** The list row of the selection, -1 when not known (chosen outside the list). */
  selectedRow: number;
  revealRow(index: number): void;
  /**
   * An expression another pane puts in the filter bar ("Apply as filter"); with `apply`
   * false the bar only shows it, for the user to edit ("Prepare filter").
   */
  filterRequest: { expression: string; apply: boolean; seq: number } | null;
  requestFilter(expression: string, apply?: boolean): void;
  /** Takes a status snapshot from an answer or an event, unless a newer one is held. */
  applyStatus(status: DocumentStatus): void;
  select(number: number): void;
  highlightBytes(range: ByteRange | null): void;
  report(problem: string): void;
}

export const useAppStore = create<AppState>()((set) => ({
  status: EMPTY_STATUS,
  selected: 0,
  problem: '',
  generation: 0,
  highlight: null,
  reveal: null,
  selectedRow: -1,
  filterRequest: null,
  requestFilter: (expression, apply = true) => set((s) => ({
    filterRequest: { expression, apply, seq: (s.filterRequest?.seq ?? 0) + 1 },
  })),
  revealRow: (index) => set((s) => ({
    reveal: { index, seq: (s.reveal?.seq ?? 0) + 1 }, selectedRow: index,
  })),
  applyStatus: (status) => set((state) => {
    if (status.revision <= state.status.revision) return {};
    if (status.documentId === state.status.documentId) {
      // Another filter lists other packets: rows held for the old list are dropped.
      const filterChanged = status.displayFilter?.expression !==
        state.status.displayFilter?.expression;
      return filterChanged ? { status, generation: state.generation + 1 } : { status };
    }
    return { status, selected: 0, problem: '', generation: state.generation + 1, highlight: null,
      selectedRow: -1 };
  }),
  select: (selected) => set({ selected, highlight: null }),
  highlightBytes: (highlight) => set({ highlight }),
  report: (problem) => set({ problem }),
}));

let pendingStatus: DocumentStatus | undefined;

/**
 * For the service's status events: the newest of those that arrive within one animation
 * frame is applied, once, so a burst (a page that was busy, a capture at full speed) costs
 * one render rather than one each. The timer stands in when frames are not drawn (a hidden
 * window), so the status still arrives.
 */
export function applyStatusEvent(status: DocumentStatus): void {
  const scheduled = pendingStatus !== undefined;
  if (!pendingStatus || status.revision > pendingStatus.revision) pendingStatus = status;
  if (scheduled) return;
  const apply = () => {
    const newest = pendingStatus;
    pendingStatus = undefined;
    if (newest) useAppStore.getState().applyStatus(newest);
  };
  requestAnimationFrame(apply);
  setTimeout(apply, STATUS_FALLBACK_MS);
}

const STATUS_FALLBACK_MS = 100;

/** How many rows the packet list has: the displayed packets when a filter is applied. */
export function listedCount(status: DocumentStatus): number {
  return status.displayFilter?.displayed ?? status.packetCount;
}
