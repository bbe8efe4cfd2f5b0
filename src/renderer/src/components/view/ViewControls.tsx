// The View controls in the toolbar: time format, theme, columns, colouring rules.

import { useState } from 'react';
import { TIME_FORMATS, type TimeFormat } from '../../format/time-format';
import { usePrefs, type Theme } from '../../store/prefs-store';
import { COLUMN_TITLES } from '../packet-list/columns';
import { ColourRulesDialog } from './ColourRulesDialog';

export function ViewControls() {
  const timeFormat = usePrefs((s) => s.timeFormat);
  const setTimeFormat = usePrefs((s) => s.setTimeFormat);
  const theme = usePrefs((s) => s.theme);
  const setTheme = usePrefs((s) => s.setTheme);
  const absoluteSequence = usePrefs((s) => s.absoluteSequence);
  const setAbsoluteSequence = usePrefs((s) => s.setAbsoluteSequence);
  const [open, setOpen] = useState<'columns' | 'colours' | null>(null);

  return (
    <div className="toolbar view-controls">
      <label>Time
        <select aria-label="Time format" value={timeFormat}
          onChange={(event) => setTimeFormat(event.target.value as TimeFormat)}>
          {TIME_FORMATS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
        </select>
      </label>
      <label>Theme
        <select aria-label="Theme" value={theme}
          onChange={(event) => setTheme(event.target.value as Theme)}>
          <option value="system">Follow system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <label title="Info shows TCP sequence numbers as sent, not counted from the first">
        <input type="checkbox" checked={absoluteSequence}
          onChange={(event) => setAbsoluteSequence(event.target.checked)} />
        Absolute sequence numbers (-S)
      </label>
      <button type="button" aria-expanded={open === 'columns'}
        onClick={() => setOpen(open === 'columns' ? null : 'columns')}>Columns…</button>
      <button type="button" aria-expanded={open === 'colours'}
        onClick={() => setOpen(open === 'colours' ? null : 'colours')}>Colouring…</button>
      {open === 'columns' && <ColumnChooser onClose={() => setOpen(null)} />}
      {open === 'colours' && <ColourRulesDialog onClose={() => setOpen(null)} />}
    </div>
  );
}

function ColumnChooser({ onClose }: { onClose(): void }) {
  const columns = usePrefs((s) => s.columns);
  const setHidden = usePrefs((s) => s.setColumnHidden);
  const reset = usePrefs((s) => s.resetColumns);
  return (
    <div className="popover" role="dialog" aria-label="Columns"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      {columns.map((column) => (
        <label key={column.id} className="popover-row">
          <input type="checkbox" checked={!column.hidden}
            onChange={(event) => setHidden(column.id, !event.target.checked)} />
          {COLUMN_TITLES[column.id]}
        </label>
      ))}
      <div className="popover-actions">
        <button type="button" onClick={reset}>Reset columns</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}

