// The packet list's keys anywhere in the window: Ctrl+G, Ctrl+F, Ctrl+M, next/previous mark.

import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { nextMarked, useMarks } from '../../store/marks-store';
import { FindBar } from './FindBar';
import { GoToPacket } from './GoToPacket';

type Bar = 'goto' | 'find' | null;

/** Ctrl+Shift+N / Ctrl+Shift+B go to the next / previous marked packet, as in Wireshark. */
export function goToMarked(step: 1 | -1): void {
  const state = useAppStore.getState();
  const marks = useMarks.getState();
  if (marks.documentId !== state.status.documentId) return;
  const number = nextMarked(marks.marked, state.selected, step);
  if (number === null) return;
  state.select(number);
  if (!state.status.displayFilter) state.revealRow(number - 1);
}

export function toggleMark(): void {
  const state = useAppStore.getState();
  if (state.selected > 0) useMarks.getState().toggle(state.status.documentId, state.selected);
}

export function ListShortcuts() {
  const [bar, setBar] = useState<Bar>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const action = event.shiftKey
        ? { n: () => goToMarked(1), b: () => goToMarked(-1) }[key]
        : { g: () => setBar('goto'), f: () => setBar('find'), m: toggleMark }[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => {
    setBar(null);
    document.querySelector<HTMLElement>('.packet-list')?.focus();
  };
  if (bar === 'goto') return <GoToPacket onClose={close} />;
  if (bar === 'find') return <FindBar onClose={close} />;
  return null;
}
