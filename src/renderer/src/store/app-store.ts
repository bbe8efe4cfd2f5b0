// UI state: what is open, what is selected, what went wrong. Never the packets themselves.

import { create } from 'zustand';
import type { DocumentStatus } from '../../../shared/api';

export const EMPTY_STATUS: DocumentStatus = {
  name: '', format: '', packetCount: 0, bytesRead: 0, totalBytes: 0, loading: false,
};

interface AppState {
  status: DocumentStatus;
  /** 1-based number of the selected packet, or 0. */
  selected: number;
  /** The last failure to show in the status bar, in plain words. */
  problem: string;
  /** Bumped whenever a new file is opened, so cached rows are dropped. */
  generation: number;
  setStatus(status: DocumentStatus): void;
  documentOpened(status: DocumentStatus): void;
  select(number: number): void;
  report(problem: string): void;
}

export const useAppStore = create<AppState>()((set) => ({
  status: EMPTY_STATUS,
  selected: 0,
  problem: '',
  generation: 0,
  setStatus: (status) => set({ status }),
  documentOpened: (status) => set((state) => ({
    status, selected: 0, problem: '', generation: state.generation + 1,
  })),
  select: (selected) => set({ selected }),
  report: (problem) => set({ problem }),
}));
