// One row of the packet list; payload text is only ever set as text, never as markup.

import { memo, type MouseEvent } from 'react';
import type { PacketRow } from '../../../../shared/api';
import { explainSmtpReply } from '../../format/smtp-replies';
import { explainTcpFlags } from '../../format/tcp-flags';
import type { ColourRule } from '../../store/colour-rules-store';
import type { ColumnPref } from '../../store/prefs-store';
import { cellText, NUMERIC_COLUMNS, type TimeContext } from './columns';

export const ROW_HEIGHT = 22;

interface RowProps {
  index: number;
  row?: PacketRow;
  columns: ColumnPref[];
  time: TimeContext;
  /** The previous listed row's time, for the delta format. */
  previous: number | undefined;
  selected: boolean;
  marked: boolean;
  colour?: ColourRule;
  onSelect(index: number, number: number): void;
}

function RowView({ index, row, columns, time, previous, selected, marked, colour, onSelect }:
  RowProps) {
  const classes = ['packet-row'];
  if (selected) classes.push('selected');
  if (marked) classes.push('marked');
  if (colour && !selected && !marked) classes.push('coloured');
  return (
    <div role="row" aria-rowindex={index + 1} aria-selected={selected}
      id={`packet-row-${index}`} className={classes.join(' ')}
      data-number={row?.number} data-rule={colour?.id}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT,
        background: colour && !selected && !marked ? colour.colour : undefined }}
      onClick={() => row && onSelect(index, row.number)}>
      {columns.map((column) => (
        <div role="gridcell" key={column.id} style={{ width: column.width }}
          className={`cell col-${column.id}${NUMERIC_COLUMNS.has(column.id) ? ' num' : ''}`}
          onMouseEnter={column.id === 'info' && row ? explainOnHover(row.info) : undefined}>
          {row ? cellText(column.id, row, index, time, previous) : column.id === 'number'
            ? String(index + 1) : column.id === 'info' ? '…' : ''}
        </div>
      ))}
    </div>
  );
}

/**
 * The Info tooltip: TCP flags and SMTP reply codes in words. Written when the pointer
 * arrives, not for every row drawn while scrolling. A cell shows another packet after a
 * filter or reload, so a text left from the last one is removed.
 */
function explainOnHover(info: string) {
  return (event: MouseEvent<HTMLElement>) => {
    const parts = [explainTcpFlags(info), explainSmtpReply(info)].filter(Boolean);
    if (parts.length > 0) event.currentTarget.title = parts.join('\n');
    else event.currentTarget.removeAttribute('title');
  };
}

export const PacketRowView = memo(RowView);
