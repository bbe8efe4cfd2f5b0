// The list under the filter bar: what the word being typed may become. The input keeps the
// focus; the highlighted option is named to screen readers through aria-activedescendant.

import type { Suggestion } from './filter-completion';

export const SUGGESTIONS_ID = 'filter-suggestions';
export const suggestionId = (index: number) => `filter-suggestion-${index}`;

interface Props {
  items: Suggestion[];
  active: number;
  onTake(item: Suggestion): void;
}

export function FilterSuggestions({ items, active, onTake }: Props) {
  return (
    <ul className="filter-suggestions" id={SUGGESTIONS_ID} role="listbox"
      aria-label="Filter suggestions">
      {items.map((item, index) => (
        <li key={`${item.note}:${item.label}`} id={suggestionId(index)} role="option"
          aria-selected={index === active} className={index === active ? 'active' : undefined}
          // mousedown, not click: the input must not lose the focus first.
          onMouseDown={(event) => {
            event.preventDefault();
            onTake(item);
          }}>
          <span className="suggestion-label">{item.label}</span>
          <span className="suggestion-note">{item.note}</span>
        </li>
      ))}
    </ul>
  );
}
