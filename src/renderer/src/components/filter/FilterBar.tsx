// The display filter: a tcpdump expression, checked as you type, applied with Enter,
// cleared with Esc; Ctrl+/ focuses it. The previous result stays until a valid one applies.
// The word being typed is completed from keywords, history and the capture's own hosts and
// ports: arrows choose, Tab or Enter takes, Esc closes the list.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExpressionCheck } from '../../../../shared/filter-api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { useFilterHistory } from '../../store/filter-history';
import { suggestions, type Suggestion } from './filter-completion';
import { FilterSuggestions, SUGGESTIONS_ID, suggestionId } from './FilterSuggestions';
import { useCaptureEndpoints } from './use-capture-endpoints';
import './filter-bar.css';

const CHECK_DELAY_MS = 150;

export function FilterBar() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const applied = useAppStore((s) => s.status.displayFilter);
  const history = useFilterHistory((s) => s.entries);
  const remember = useFilterHistory((s) => s.remember);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<ExpressionCheck>({ ok: true });
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { endpoints, refresh } = useCaptureEndpoints();
  const [listOpen, setListOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const items = useMemo(() => (listOpen ? suggestions(text, endpoints, history) : []),
    [listOpen, text, endpoints, history]);
  const shown = items.length > 0;

  useEffect(() => {
    const timer = setTimeout(() => {
      tapline.request('filter.check', { expression: text }).then(setCheck)
        .catch(() => setCheck({ ok: true }));
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    const focus = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === '/') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', focus);
    return () => window.removeEventListener('keydown', focus);
  }, []);

  const apply = (expression: string) => {
    setBusy(true);
    tapline.request('filter.apply', { expression }).then((status) => {
      applyStatus(status);
      if (expression.trim()) remember(expression.trim());
    }).catch((error: Error) => setCheck({ ok: false, message: error.message, position: -1 }))
      .finally(() => setBusy(false));
  };

  // "Apply as filter" from the detail tree or the packet menu: the bar shows the expression
  // and applies it, or only shows it, focused, for the user to finish.
  const request = useAppStore((s) => s.filterRequest);
  useEffect(() => {
    if (!request) return;
    setText(request.expression);
    setListOpen(false);
    if (request.apply) apply(request.expression);
    else input.current?.focus();
  }, [request]);

  const edit = (next: string) => {
    setText(next);
    setActive(-1);
    setListOpen(true);
    refresh();
  };
  const take = (item: Suggestion) => edit(item.text);

  /** Keys for the open list; true when the key was used there. */
  const listKey = (event: KeyboardEvent<HTMLInputElement>): boolean => {
    const moves: Record<string, (() => void) | undefined> = {
      ArrowDown: () => setActive((at) => (at + 1) % items.length),
      ArrowUp: () => setActive((at) => (at <= 0 ? items.length - 1 : at - 1)),
      Escape: () => setListOpen(false),
      Tab: () => take(items[Math.max(0, active)]),
      Enter: () => take(items[active]),
    };
    const move = moves[event.key];
    const usable = move && !event.shiftKey && (event.key !== 'Enter' || active >= 0);
    if (!usable) return false;
    event.preventDefault();
    move();
    return true;
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (shown && listKey(event)) return;
    if (event.key === 'ArrowDown') {
      setListOpen(true);
      refresh();
    }
    if (event.key === 'Enter' && check.ok) {
      setListOpen(false);
      apply(text);
    }
    if (event.key === 'Escape') {
      setText('');
      apply('');
    }
  };

  const state = text === '' ? 'empty' : check.ok ? 'valid' : 'invalid';
  return (
    <div className="filter-bar">
      <div className="filter-field">
        <input ref={input} className={`filter-input ${state}`} value={text} spellCheck={false}
          aria-label="Display filter" aria-invalid={!check.ok} role="combobox"
          aria-autocomplete="list" aria-expanded={shown}
          aria-controls={shown ? SUGGESTIONS_ID : undefined}
          aria-activedescendant={shown && active >= 0 ? suggestionId(active) : undefined}
          placeholder={'Display filter, as tcpdump takes it: host 198.51.100.112 and port 25' +
            '  (Ctrl+/)'}
          onChange={(event) => edit(event.currentTarget.value)} onKeyDown={onKey}
          onFocus={refresh} onBlur={() => setListOpen(false)} />
        {shown && <FilterSuggestions items={items} active={active} onTake={take} />}
      </div>
      <button type="button" disabled={!check.ok || busy} onClick={() => apply(text)}>Apply</button>
      {applied && (
        <span className="filter-result" data-testid="filter-result">
          {applied.displayed.toLocaleString('en-US')} shown · {applied.milliseconds} ms
        </span>
      )}
      {!check.ok && <FilterProblem text={text} check={check} />}
    </div>
  );
}

/** libpcap's words, and a caret under the character where the expression went wrong. */
function FilterProblem({ text, check }: { text: string; check: ExpressionCheck & { ok: false } }) {
  const at = check.position;
  return (
    <div className="filter-problem" role="alert">
      {at >= 0 && at <= text.length && (
        <code className="filter-caret">
          {text.slice(0, at)}<mark>{text.slice(at, at + 1) || ' '}</mark>{text.slice(at + 1)}
        </code>
      )}
      <span>{check.message}</span>
    </div>
  );
}
