// Edits the packet list's colouring rules: name, pattern on Info, colour, order, on/off.

import { safeRegExp } from '../../format/colour-match';
import { useColourRules } from '../../store/colour-rules-store';

export function ColourRulesDialog({ onClose }: { onClose(): void }) {
  const { rules, enabled, update, add, remove, move, setEnabled, reset } = useColourRules();
  return (
    <div className="popover colour-rules" role="dialog" aria-label="Colouring rules"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <label className="popover-row">
        <input type="checkbox" checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)} />
        Colour the packet list (first matching rule wins)
      </label>
      <table>
        <thead><tr><th>On</th><th>Name</th><th>Info matches (regular expression)</th>
          <th>Colour</th><th /></tr></thead>
        <tbody>
          {rules.map((rule, index) => {
            const invalid = rule.pattern !== '' && !safeRegExp(rule.pattern);
            return (
              <tr key={rule.id} data-rule={rule.id}>
                <td><input type="checkbox" aria-label={`Use rule ${rule.name}`}
                  checked={rule.enabled}
                  onChange={(event) => update(rule.id, { enabled: event.target.checked })} /></td>
                <td><input aria-label="Rule name" value={rule.name}
                  onChange={(event) => update(rule.id, { name: event.target.value })} /></td>
                <td><input aria-label="Rule pattern" value={rule.pattern} spellCheck={false}
                  aria-invalid={invalid} className="mono"
                  title={invalid ? 'Not a valid regular expression: this rule matches nothing'
                    : undefined}
                  onChange={(event) => update(rule.id, { pattern: event.target.value })} /></td>
                <td><input type="color" aria-label="Rule colour" value={rule.colour}
                  onChange={(event) => update(rule.id, { colour: event.target.value })} /></td>
                <td className="rule-actions">
                  <button type="button" aria-label="Move up" disabled={index === 0}
                    onClick={() => move(rule.id, -1)}>↑</button>
                  <button type="button" aria-label="Move down"
                    disabled={index === rules.length - 1}
                    onClick={() => move(rule.id, 1)}>↓</button>
                  <button type="button" aria-label={`Delete rule ${rule.name}`}
                    onClick={() => remove(rule.id)}>✕</button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="popover-actions">
        <button type="button" onClick={add}>Add rule</button>
        <button type="button" onClick={reset}>Restore defaults</button>
        <button type="button" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
