// Save As: the format, which packets (all, displayed, the selected one, a range), then Save.

import { useState, type FormEvent } from 'react';
import type { DocumentStatus } from '../../../../shared/api';
import type { SaveOptions } from '../../../../shared/save-api';
import { useAppStore } from '../../store/app-store';
import { parsePacketRange } from './packet-range';
import { savePackets } from './save-packets';
import './save.css';

type Which = 'all' | 'displayed' | 'selected' | 'range';

/** pcapng keeps what a live capture or a pcapng file holds (interfaces, comments). */
export function defaultFormat(status: DocumentStatus): SaveOptions['format'] {
  return status.format === 'pcapng' || status.capture || status.unsaved ? 'pcapng' : 'pcap';
}

function count(n: number): string {
  return `${n.toLocaleString('en-US')} packet${n === 1 ? '' : 's'}`;
}

export function SaveDialog({ onClose }: { onClose(): void }) {
  const status = useAppStore((s) => s.status);
  const selected = useAppStore((s) => s.selected);
  const filtered = status.displayFilter !== undefined;
  const [format, setFormat] = useState(() => defaultFormat(status));
  const [which, setWhich] = useState<Which>(filtered ? 'displayed' : 'all');
  const [range, setRange] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const scope = (): { scope: SaveOptions['scope'] } | { error: string } => {
    if (which === 'all' || which === 'displayed') return { scope: which };
    if (which === 'selected') return { scope: { first: selected, last: selected } };
    const parsed = parsePacketRange(range);
    return 'error' in parsed ? parsed : { scope: parsed };
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const chosen = scope();
    if ('error' in chosen) return setProblem(chosen.error);
    setProblem('');
    setBusy(true);
    savePackets({ format, scope: chosen.scope }).then((done) => {
      setBusy(false);
      if (done !== null) onClose();
    }).catch((error: Error) => {
      setBusy(false);
      setProblem(error.message);
    });
  };

  const option = (value: Which, label: string, disabled = false) => (
    <label className="check">
      <input type="radio" name="which" value={value} checked={which === value}
        disabled={disabled} onChange={() => setWhich(value)} />
      {label}
    </label>
  );

  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="save-dialog" role="dialog" aria-label="Save As" onSubmit={save}>
        <h2>Save As</h2>
        <fieldset>
          <legend>Format</legend>
          {(['pcapng', 'pcap'] as const).map((value) => (
            <label className="check" key={value}>
              <input type="radio" name="format" value={value} checked={format === value}
                onChange={() => setFormat(value)} />
              {value}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Packets</legend>
          {option('all', `All packets (${count(status.packetCount)})`)}
          {option('displayed', filtered
            ? `Displayed packets (${count(status.displayFilter?.displayed ?? 0)})`
            : 'Displayed packets (no display filter applied)', !filtered)}
          {option('selected', selected > 0 ? `Selected packet (${selected})`
            : 'Selected packet (none selected)', selected === 0)}
          <div className="range-row">
            {option('range', 'Range')}
            <input aria-label="Packet range" placeholder="1-100" value={range}
              spellCheck={false} onFocus={() => setWhich('range')}
              onChange={(event) => setRange(event.currentTarget.value)} />
          </div>
        </fieldset>
        {problem && <div className="field-error" role="alert">{problem}</div>}
        <div className="buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={busy || status.packetCount === 0}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </div>
  );
}
