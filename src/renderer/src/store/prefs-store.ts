// Preferences and layout kept across runs: columns, time format, theme, pane sizes.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { TimeFormat } from '../format/time-format';

export type ColumnId = 'number' | 'time' | 'source' | 'destination' | 'protocol' | 'length' |
  'info';

export interface ColumnPref {
  id: ColumnId;
  width: number;
  hidden: boolean;
}

export type Theme = 'system' | 'light' | 'dark';

export const DEFAULT_COLUMNS: ColumnPref[] = [
  { id: 'number', width: 72, hidden: false },
  { id: 'time', width: 112, hidden: false },
  { id: 'source', width: 150, hidden: false },
  { id: 'destination', width: 150, hidden: false },
  { id: 'protocol', width: 72, hidden: false },
  { id: 'length', width: 64, hidden: false },
  { id: 'info', width: 600, hidden: false },
];

export const MIN_COLUMN_WIDTH = 32;
const MAX_COLUMN_WIDTH = 4000;

/** Fractions of the available space: the list's height, the tree's width. */
export interface PaneSizes {
  list: number;
  tree: number;
}

interface Prefs {
  columns: ColumnPref[];
  timeFormat: TimeFormat;
  theme: Theme;
  panes: PaneSizes;
  /** Info shows absolute TCP sequence numbers, as tcpdump -S prints them. */
  absoluteSequence: boolean;
  setColumnWidth(id: ColumnId, width: number): void;
  moveColumn(id: ColumnId, to: number): void;
  setColumnHidden(id: ColumnId, hidden: boolean): void;
  resetColumns(): void;
  setTimeFormat(format: TimeFormat): void;
  setTheme(theme: Theme): void;
  setPanes(panes: Partial<PaneSizes>): void;
  setAbsoluteSequence(absolute: boolean): void;
}

const clamp = (value: number, low: number, high: number) =>
  Math.min(high, Math.max(low, value));

export const usePrefs = create<Prefs>()(persist((set) => ({
  columns: DEFAULT_COLUMNS,
  timeFormat: 'relative',
  theme: 'system',
  panes: { list: 0.6, tree: 0.45 },
  absoluteSequence: false,
  setColumnWidth: (id, width) => set((s) => ({
    columns: s.columns.map((c) => c.id === id
      ? { ...c, width: Math.round(clamp(width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH)) } : c),
  })),
  moveColumn: (id, to) => set((s) => {
    const moving = s.columns.find((c) => c.id === id);
    if (!moving) return {};
    const rest = s.columns.filter((c) => c.id !== id);
    rest.splice(clamp(to, 0, rest.length), 0, moving);
    return { columns: rest };
  }),
  // The last visible column stays: a list without columns cannot be operated.
  setColumnHidden: (id, hidden) => set((s) => {
    const visible = s.columns.filter((c) => !c.hidden && c.id !== id).length;
    if (hidden && visible === 0) return {};
    return { columns: s.columns.map((c) => c.id === id ? { ...c, hidden } : c) };
  }),
  resetColumns: () => set({ columns: DEFAULT_COLUMNS }),
  setTimeFormat: (timeFormat) => set({ timeFormat }),
  setTheme: (theme) => set({ theme }),
  setAbsoluteSequence: (absoluteSequence) => set({ absoluteSequence }),
  setPanes: (panes) => set((s) => ({
    panes: {
      list: clamp(panes.list ?? s.panes.list, 0.15, 0.85),
      tree: clamp(panes.tree ?? s.panes.tree, 0.15, 0.85),
    },
  })),
}), {
  name: 'tapline.prefs',
  version: 1,
  // A stored list missing a column (from an older build) gets the missing ones back.
  merge: (stored, current) => {
    const saved = (stored ?? {}) as Partial<Prefs>;
    const columns = (saved.columns ?? []).filter((c) =>
      DEFAULT_COLUMNS.some((d) => d.id === c.id));
    for (const d of DEFAULT_COLUMNS) if (!columns.some((c) => c.id === d.id)) columns.push(d);
    return { ...current, ...saved, columns };
  },
}));
