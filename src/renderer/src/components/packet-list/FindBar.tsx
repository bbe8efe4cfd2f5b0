// Ctrl+F: the find bar above the packet list; Enter finds the next match.

import { useState } from 'react';
import { listedCount, useAppStore } from '../../store/app-store';
import { findNext, type FindMode } from './find-packet';

const MODES: { value: FindMode; label: string }[] = [
  { value: 'text', label: 'Info text' },
  { value: 'hex', label: 'Hex bytes' },
  { value: 'filter', label: 'Filter expression' },
];

export function FindBar({ onClose }: { onClose(): void }) {
  const [mode, setMode] = useState<FindMode>('text');
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // Text searches that stop at their limit go on from where they stopped.
  const [resume, setResume] = useState<number | null>(null);

  const find = async () => {
    if (query === '' || busy) return;
    const state = useAppStore.getState();
    const fromRow = resume ?? state.selectedRow;
    setBusy(true);
    setMessage('Searching…');
    try {
      const result = await findNext(mode, query, fromRow, state.selected,
        listedCount(state.status));
      if (result.found) {
        setMessage('');
        setResume(null);
        state.select(result.number);
        const unfiltered = !state.status.displayFilter;
        const index = result.index ?? (unfiltered ? result.number - 1 : undefined);
        if (index !== undefined) state.revealRow(index);
        else setMessage(`Packet ${result.number} matches; it is not among the listed rows.`);
      } else {
        setMessage(result.message);
        const more = /rows \d+–(\d+)/.exec(result.message);
        setResume(more ? Number(more[1]) - 1 : null);
      }
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="list-bar" role="search" aria-label="Find packet">
      <select aria-label="Find in" value={mode}
        onChange={(event) => { setMode(event.target.value as FindMode); setResume(null); }}>
        {MODES.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
      </select>
      <input autoFocus aria-label="Find" value={query} spellCheck={false}
        placeholder={mode === 'hex' ? '45 00 00' : mode === 'filter' ? 'tcp port 25' : 'EHLO'}
        onChange={(event) => { setQuery(event.target.value); setResume(null); }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void find();
          if (event.key === 'Escape') onClose();
        }} />
      <button type="button" onClick={() => void find()} disabled={busy}>Find next</button>
      <button type="button" onClick={onClose}>Close</button>
      {message && <span className="list-bar-message" role="status">{message}</span>}
    </div>
  );
}
