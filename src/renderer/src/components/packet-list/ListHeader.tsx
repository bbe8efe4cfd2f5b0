// Column headers: drag the edge to resize, drag the title (or Alt+arrows) to reorder.

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { usePrefs, type ColumnId, type ColumnPref } from '../../store/prefs-store';
import { COLUMN_TITLES, NUMERIC_COLUMNS } from './columns';

export function ListHeader({ columns }: { columns: ColumnPref[] }) {
  const setWidth = usePrefs((s) => s.setColumnWidth);
  const move = usePrefs((s) => s.moveColumn);
  const dragging = useRef<ColumnId | null>(null);
  const order = usePrefs((s) => s.columns);

  const startResize = (event: PointerEvent, column: ColumnPref) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture(event.pointerId);
    const onMove = (e: globalThis.PointerEvent) =>
      setWidth(column.id, column.width + e.clientX - startX);
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };

  const onKey = (event: KeyboardEvent, column: ColumnPref) => {
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
    if (!step) return;
    event.preventDefault();
    if (event.altKey) {
      move(column.id, order.findIndex((c) => c.id === column.id) + step);
    } else if (event.shiftKey) {
      setWidth(column.id, column.width + step * 10);
    } else {
      const cells = [...(event.currentTarget.parentElement?.children ?? [])] as HTMLElement[];
      cells[cells.indexOf(event.currentTarget as HTMLElement) + step]?.focus();
    }
  };

  return (
    <div className="packet-list-header" role="row">
      {columns.map((column) => (
        <div key={column.id} role="columnheader" tabIndex={-1} draggable
          data-column={column.id}
          title={`${COLUMN_TITLES[column.id]}: drag to move, drag the edge to resize ` +
            '(Alt+←/→ moves, Shift+←/→ resizes)'}
          className={`cell col-${column.id}${NUMERIC_COLUMNS.has(column.id) ? ' num' : ''}`}
          style={{ width: column.width }}
          onKeyDown={(event) => onKey(event, column)}
          onDragStart={(event) => {
            dragging.current = column.id;
            event.dataTransfer.effectAllowed = 'move';
          }}
          onDragOver={(event) => event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            const from = dragging.current;
            dragging.current = null;
            if (from && from !== column.id) {
              move(from, order.findIndex((c) => c.id === column.id));
            }
          }}>
          {COLUMN_TITLES[column.id]}
          <span className="column-resizer" aria-hidden="true"
            onPointerDown={(event) => startResize(event, column)} />
        </div>
      ))}
    </div>
  );
}
