// The toolbar button and the Ctrl+Shift+L key that open the TCP ladder of the selected packet.

import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { openLadderForSelected } from './ladder-store';

export function LadderButton() {
  const selected = useAppStore((s) => s.selected);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'l') return;
      event.preventDefault();
      openLadderForSelected();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <button type="button" disabled={selected === 0} onClick={openLadderForSelected}
      title="Draw the TCP conversation of the selected packet as a ladder (Ctrl+Shift+L)">
      TCP ladder
    </button>
  );
}
