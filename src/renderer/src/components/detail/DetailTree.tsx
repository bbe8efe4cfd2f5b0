// The selected packet's layers and fields: arrows move, Left/Right fold, selection lights bytes.

import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { filterForField } from '../../format/field-filter';
import { copyText } from '../../format/clipboard';
import { useAppStore } from '../../store/app-store';
import { fieldAt, useSelectedPacket } from '../../store/selected-packet';
import {
  fieldLine, layerKey, treeAsText, visibleItems, type TreeItem,
} from './tree-items';

export function DetailTree() {
  const packet = useSelectedPacket();
  const highlight = useAppStore((s) => s.highlight);
  const highlightBytes = useAppStore((s) => s.highlightBytes);
  const requestFilter = useAppStore((s) => s.requestFilter);
  const report = useAppStore((s) => s.report);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(0);
  const tree = useRef<HTMLDivElement>(null);
  const items = useMemo(() => visibleItems(packet?.layers ?? [], collapsed),
    [packet, collapsed]);

  // A byte clicked in the hex pane makes its field the active item.
  useEffect(() => {
    if (!packet || !highlight) return;
    const shown = items[active];
    const range = shown?.field ?? shown?.layer;
    if (range?.offset === highlight.offset && range.length === highlight.length) return;
    const hit = fieldAt(packet.layers, highlight.offset);
    const at = items.findIndex((item) => item.field === hit?.field);
    if (at >= 0) setActive(at);
    // Only a change of the bytes moves the active item, not the move that lit them.
  }, [highlight, packet, items]);

  useEffect(() => {
    document.getElementById(`tree-item-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  if (!packet) return <div className="detail-tree empty" aria-label="Packet details" />;

  const current: TreeItem | undefined = items[Math.min(active, items.length - 1)];
  const lit = (item: TreeItem) => {
    const range = item.field ?? item.layer;
    return highlight?.offset === range.offset && highlight?.length === range.length;
  };
  const choose = (index: number) => {
    const item = items[index];
    if (!item) return;
    setActive(index);
    const range = item.field ?? item.layer;
    highlightBytes({ offset: range.offset, length: range.length });
  };
  const fold = (item: TreeItem, open: boolean) => setCollapsed((old) => {
    const next = new Set(old);
    if (open) next.delete(item.key);
    else next.add(item.key);
    return next;
  });
  const copy = (text: string | undefined) => {
    if (text !== undefined) copyText(text).catch((error: Error) => report(error.message));
  };
  const filter = current?.field ? filterForField(current.field.name, current.field.value) : null;

  const onKey = (event: KeyboardEvent) => {
    if (!current) return;
    const open = !collapsed.has(layerKey(current.layer));
    const moves: Record<string, () => void> = {
      ArrowDown: () => choose(Math.min(items.length - 1, active + 1)),
      ArrowUp: () => choose(Math.max(0, active - 1)),
      Home: () => choose(0),
      End: () => choose(items.length - 1),
      ArrowRight: () => current.level === 1 && (open ? choose(active + 1) : fold(current, true)),
      ArrowLeft: () => current.level === 2 ? choose(current.parent)
        : fold(current, false),
      Enter: () => choose(active),
    };
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      event.stopPropagation();
      return copy(current.field ? fieldLine(current.field) : current.layer.label);
    }
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  return (
    <div className="detail-pane">
      <div className="pane-actions" role="toolbar" aria-label="Detail actions">
        <button type="button" disabled={!current?.field}
          onClick={() => copy(current?.field && fieldLine(current.field))}>Copy field</button>
        <button type="button" disabled={!current?.field}
          onClick={() => copy(current?.field && String(current.field.value))}>Copy value</button>
        <button type="button" onClick={() => copy(treeAsText(packet.layers))}>Copy tree</button>
        <button type="button" disabled={!filter}
          title={filter ? `Display only packets where ${filter}` : 'libpcap has no primitive ' +
            'for this field'}
          onClick={() => filter && requestFilter(filter)}>Apply as filter</button>
      </div>
      <div className="detail-tree" role="tree" aria-label="Packet details" tabIndex={0}
        data-packet={packet.number}
        ref={tree} aria-activedescendant={current ? `tree-item-${active}` : undefined}
        onKeyDown={onKey}>
        {items.map((item, index) => {
          const open = !collapsed.has(item.key);
          const text = item.field ? fieldLine(item.field) : item.layer.label;
          return (
            <div key={item.key} id={`tree-item-${index}`} role="treeitem"
              aria-level={item.level} aria-selected={lit(item)}
              aria-expanded={item.level === 1 ? open : undefined}
              data-field={item.field?.name}
              className={[item.level === 1 ? 'detail-layer-label' : 'detail-field',
                lit(item) ? 'selected' : '', index === active ? 'active' : ''].join(' ')}
              onClick={() => {
                if (item.level === 1) fold(item, !open);
                choose(index);
              }}>
              {item.level === 1 && <span className="twisty" aria-hidden="true">
                {open ? '▾' : '▸'}</span>}
              {text}
            </div>
          );
        })}
      </div>
    </div>
  );
}
