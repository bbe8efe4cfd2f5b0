// Whether the Save As dialog is open: the toolbar, Ctrl+S and the unsaved banner all open it.

import { create } from 'zustand';

interface SaveDialogState {
  open: boolean;
  show(): void;
  hide(): void;
}

export const useSaveDialog = create<SaveDialogState>()((set) => ({
  open: false,
  show: () => set({ open: true }),
  hide: () => set({ open: false }),
}));
