// Packets the user marked (Ctrl+M) in the open file; dropped when another file opens.

import { create } from 'zustand';

interface Marks {
  documentId: number;
  marked: ReadonlySet<number>;
  toggle(documentId: number, number: number): void;
}

export const useMarks = create<Marks>()((set) => ({
  documentId: 0,
  marked: new Set(),
  toggle: (documentId, number) => set((s) => {
    const next = new Set(s.documentId === documentId ? s.marked : []);
    if (next.has(number)) next.delete(number);
    else next.add(number);
    return { documentId, marked: next };
  }),
}));

/** The marked packet after (step 1) or before (step -1) `from`, wrapping around; or null. */
export function nextMarked(marked: ReadonlySet<number>, from: number, step: 1 | -1):
  number | null {
  const sorted = [...marked].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  if (step === 1) return sorted.find((n) => n > from) ?? sorted[0];
  return [...sorted].reverse().find((n) => n < from) ?? sorted[sorted.length - 1];
}
