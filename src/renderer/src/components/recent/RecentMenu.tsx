// The toolbar's Recent button: files opened before, newest first, the folder as a tooltip.
// Arrow keys, Home and End move through the list, Enter opens, Escape closes; files that
// are gone stay listed, greyed, so the user sees why one cannot be opened.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentFileItem } from '../../../../shared/recent-api';
import { useAppStore } from '../../store/app-store';
import { fetchRecent, openRecent } from './open-recent';
import './recent.css';

export function RecentMenu() {
  const report = useAppStore((s) => s.report);
  const [items, setItems] = useState<RecentFileItem[] | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const box = useRef<HTMLSpanElement>(null);

  const close = (refocus: boolean) => {
    setItems(null);
    if (refocus) button.current?.focus();
  };

  const show = () => {
    fetchRecent().then(setItems).catch((error: Error) => report(error.message));
  };

  // Focus goes to the first entry once the list is there, as in a native menu.
  useEffect(() => {
    if (items) list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [items]);

  useEffect(() => {
    if (!items) return;
    const outside = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) close(false);
    };
    window.addEventListener('mousedown', outside);
    return () => window.removeEventListener('mousedown', outside);
  }, [items]);

  const choose = (item: RecentFileItem) => {
    close(true);
    openRecent(item);
  };

  const onKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const entries = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const focusAt = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusAt(at + 1),
      ArrowUp: () => focusAt(at - 1),
      Home: () => focusAt(0),
      End: () => focusAt(entries.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    event.stopPropagation();
    const move = moves[event.key];
    if (!move) return;
    if (event.key !== 'Tab') event.preventDefault();
    move();
  };

  return (
    <span className="recent" ref={box}>
      <button type="button" ref={button} aria-haspopup="menu" aria-expanded={items !== null}
        title="Open a file opened before"
        onClick={() => (items ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !items) {
            event.preventDefault();
            show();
          }
        }}>
        Recent ▾
      </button>
      {items && (
        <ul className="recent-menu" role="menu" aria-label="Recent files" ref={list}
          onKeyDown={onKey}>
          {items.length === 0 && <li className="empty" role="none">No recent files</li>}
          {items.map((item) => (
            <li key={item.id} role="menuitem" tabIndex={-1}
              className={item.exists ? undefined : 'missing'}
              title={item.exists ? item.folder : `${item.folder} (the file is no longer there)`}
              aria-label={item.exists ? item.name : `${item.name}, missing`}
              onClick={() => choose(item)}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                choose(item);
              }}>
              {item.name}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
