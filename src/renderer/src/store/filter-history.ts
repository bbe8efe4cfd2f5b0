// Display filters the user applied, most recent first, kept across runs in local storage.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

const MAX_ENTRIES = 30;

interface FilterHistory {
  entries: string[];
  remember(expression: string): void;
}

export const useFilterHistory = create<FilterHistory>()(persist((set) => ({
  entries: [],
  remember: (expression) => set((state) => ({
    entries: [expression, ...state.entries.filter((e) => e !== expression)].slice(0, MAX_ENTRIES),
  })),
}), { name: 'tapline.filter-history' }));
