// The display filter: a tcpdump expression, checked as you type, applied with Enter,
// cleared with Esc; Ctrl+/ focuses it. The previous result stays until a valid one applies.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ExpressionCheck } from '../../../../shared/filter-api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { useFilterHistory } from '../../store/filter-history';
import './filter-bar.css';

const CHECK_DELAY_MS = 150;
const KEYWORDS = ['host', 'net', 'port', 'portrange', 'src', 'dst', 'ether', 'ip', 'ip6', 'arp',
  'tcp', 'udp', 'icmp', 'icmp6', 'vlan', 'len', 'less', 'greater', 'and', 'or', 'not',
  'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0'];

export function FilterBar() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const applied = useAppStore((s) => s.status.displayFilter);
  const history = useFilterHistory((s) => s.entries);
  const remember = useFilterHistory((s) => s.remember);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<ExpressionCheck>({ ok: true });
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

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

  // "Apply as filter" from the detail tree: the bar shows the expression and applies it.
  const request = useAppStore((s) => s.filterRequest);
  useEffect(() => {
    if (!request) return;
    setText(request.expression);
    apply(request.expression);
  }, [request]);

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && check.ok) apply(text);
    if (event.key === 'Escape') {
      setText('');
      apply('');
    }
  };

  const state = text === '' ? 'empty' : check.ok ? 'valid' : 'invalid';
  return (
    <div className="filter-bar">
      <input ref={input} className={`filter-input ${state}`} value={text} spellCheck={false}
        aria-label="Display filter" aria-invalid={!check.ok} list="filter-suggestions"
        placeholder="Display filter, as tcpdump takes it: host 198.51.100.112 and port 25  (Ctrl+/)"
        onChange={(event) => setText(event.currentTarget.value)} onKeyDown={onKey} />
      <datalist id="filter-suggestions">
        {[...history, ...KEYWORDS].map((entry) => <option key={entry} value={entry} />)}
      </datalist>
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
