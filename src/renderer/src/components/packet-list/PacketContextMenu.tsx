// The packet list's context menu: right-click a row, or press the Menu key or Shift+F10 on
// the selected one. It filters on the packet's hosts, ports or conversation, prepares such
// a filter without applying it, and follows the packet's SMTP session.

import {
  useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent,
  type ReactElement,
} from 'react';
import { createPortal } from 'react-dom';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { followSelectedPacket } from '../smtp/follow-smtp-store';
import { packetFilters, type PacketFilters } from './packet-filters';
import './packet-menu.css';

interface MenuItem {
  label: string;
  /**
   * What the item does: put an expression in the filter bar, or follow the session.
   * `prepareOnly` (Shift held) leaves a filter unapplied, as "Prepare filter" does.
   */
  run(prepareOnly: boolean): void;
  hint?: string;
}

interface OpenMenu {
  number: number;
  x: number;
  y: number;
  items: MenuItem[];
  /** Where the focus goes back when the menu closes. */
  returnTo: HTMLElement | null;
}

function menuItems(filters: PacketFilters): MenuItem[] {
  const { requestFilter } = useAppStore.getState();
  const items: MenuItem[] = [];
  const filterItem = (label: string, expression: string): MenuItem => ({
    label, hint: expression, run: (prepareOnly) => requestFilter(expression, !prepareOnly),
  });
  if (filters.source) items.push(filterItem(`Filter on source host ${filters.source}`,
    `host ${filters.source}`));
  if (filters.destination && filters.destination !== filters.source) {
    items.push(filterItem(`Filter on destination host ${filters.destination}`,
      `host ${filters.destination}`));
  }
  if (filters.conversation) {
    items.push(filterItem('Filter on this conversation', filters.conversation));
  }
  for (const port of filters.ports) {
    items.push(filterItem(`Filter on port ${port}`, `port ${port}`));
  }
  const prepared = filters.conversation ?? (filters.source && `host ${filters.source}`);
  if (prepared) {
    items.push({ label: "Prepare filter (don't apply)", hint: prepared,
      run: () => requestFilter(prepared, false) });
  }
  if (filters.tcp) items.push({ label: 'Follow SMTP', run: () => void followSelectedPacket() });
  return items;
}

/**
 * The menu's state and handlers for the list. `onSelect` selects the row the menu is
 * opened on, as a click would.
 */
export function usePacketContextMenu(onSelect: (index: number, number: number) => void) {
  const [menu, setMenu] = useState<OpenMenu | null>(null);
  const opening = useRef(0);
  const report = useAppStore((s) => s.report);

  const openAt = useCallback((index: number, number: number, x: number, y: number) => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement
      : null;
    onSelect(index, number);
    const seq = ++opening.current;
    tapline.request('packets.detail', { number }).then(({ layers }) => {
      if (seq !== opening.current) return;
      setMenu({ number, x, y, items: menuItems(packetFilters(layers)), returnTo });
    }).catch((error: Error) => report(`packet ${number}: ${error.message}`));
  }, [onSelect, report]);

  /** Right-click on a row; the Menu key's own event lands on the list, not on a row. */
  const onContextMenu = (event: MouseEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-number]');
    event.preventDefault();
    if (row) {
      openAt(Number(row.getAttribute('aria-rowindex')) - 1, Number(row.dataset.number),
        event.clientX, event.clientY);
    } else openOnSelected();
  };

  const openOnSelected = () => {
    const { selected, selectedRow } = useAppStore.getState();
    if (selected === 0) return;
    const row = document.getElementById(`packet-row-${selectedRow}`);
    const box = (row ?? document.activeElement ?? document.body).getBoundingClientRect();
    openAt(selectedRow, selected, box.left + 40, box.bottom);
  };

  /** The Menu key and Shift+F10; true when the key opened the menu. */
  const onKey = (event: KeyboardEvent): boolean => {
    const menuKey = event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10');
    if (!menuKey) return false;
    event.preventDefault();
    openOnSelected();
    return true;
  };

  const close = () => {
    opening.current++;
    const back = menu?.returnTo;
    setMenu(null);
    if (back?.isConnected) back.focus();
  };

  const element = menu && <ContextMenu menu={menu} onClose={close} />;
  return { onContextMenu, onKey, element };
}

function ContextMenu({ menu, onClose }: { menu: OpenMenu; onClose(): void }): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState({ left: menu.x, top: menu.y });

  // Kept inside the window, and focused so arrows and Enter reach it at once.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    setPlace({ left: Math.max(0, Math.min(menu.x, window.innerWidth - width - 4)),
      top: Math.max(0, Math.min(menu.y, window.innerHeight - height - 4)) });
    element.focus();
  }, [menu]);

  useLayoutEffect(() => {
    const outside = (event: globalThis.MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('mousedown', outside);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', outside);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const choose = (item: MenuItem, shift: boolean) => {
    onClose();
    item.run(shift);
  };

  const onKey = (event: KeyboardEvent) => {
    const count = menu.items.length;
    const moves: Record<string, () => void> = {
      ArrowDown: () => setActive((at) => (at + 1) % count),
      ArrowUp: () => setActive((at) => (at - 1 + count) % count),
      Home: () => setActive(0),
      End: () => setActive(count - 1),
      Enter: () => choose(menu.items[active], event.shiftKey),
      ' ': () => choose(menu.items[active], event.shiftKey),
      Escape: onClose,
      Tab: onClose,
    };
    // The list under the menu must not move its selection with the menu's keys.
    event.stopPropagation();
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  // In the body, so no pane clips it; React still bubbles its events to the list.
  return createPortal(
    <div ref={box} className="packet-menu" role="menu" tabIndex={-1}
      aria-label={`Packet ${menu.number}`} aria-activedescendant={`packet-menu-${active}`}
      style={{ left: place.left, top: place.top }} onKeyDown={onKey}
      onContextMenu={(event) => {
        event.preventDefault();
        event.stopPropagation();
      }}>
      {menu.items.map((item, index) => (
        <div key={item.label} id={`packet-menu-${index}`} role="menuitem"
          className={index === active ? 'active' : undefined} title={item.hint}
          onMouseEnter={() => setActive(index)}
          onClick={(event) => choose(item, event.shiftKey)}>
          {item.label}
        </div>
      ))}
    </div>, document.body);
}
