// Ctrl+G: a packet number, then Enter selects that packet and scrolls it into view.

import { useState } from 'react';
import { useAppStore } from '../../store/app-store';

export function GoToPacket({ onClose }: { onClose(): void }) {
  const count = useAppStore((s) => s.status.packetCount);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');

  const go = () => {
    const number = Number(text);
    if (!Number.isInteger(number) || number < 1 || number > count) {
      setProblem(`Type a packet number from 1 to ${count.toLocaleString('en-US')}.`);
      return;
    }
    const state = useAppStore.getState();
    state.select(number);
    // Under a display filter the row of a packet is not known here: only unfiltered rows map.
    if (!state.status.displayFilter) state.revealRow(number - 1);
    onClose();
  };

  return (
    <div className="list-bar" role="dialog" aria-label="Go to packet">
      <label>Go to packet
        <input autoFocus inputMode="numeric" value={text} aria-label="Packet number"
          aria-invalid={problem !== ''}
          onChange={(event) => { setText(event.target.value.trim()); setProblem(''); }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') go();
            if (event.key === 'Escape') onClose();
          }} />
      </label>
      <button type="button" onClick={go}>Go</button>
      <button type="button" onClick={onClose}>Close</button>
      {problem && <span className="status-error" role="alert">{problem}</span>}
    </div>
  );
}
