// The packet list's columns: their titles and what each cell shows.

import type { PacketRow } from '../../../../shared/api';
import { formatTime, type TimeFormat } from '../../format/time-format';
import type { ColumnId } from '../../store/prefs-store';

export const COLUMN_TITLES: Record<ColumnId, string> = {
  number: 'No.', time: 'Time', source: 'Source', destination: 'Destination',
  protocol: 'Protocol', length: 'Length', info: 'Info',
};

/** What the Time column needs besides the row: the format and the file's first time. */
export interface TimeContext {
  format: TimeFormat;
  origin: number | undefined;
}

/** `previous` is the time of the listed row before this one, when loaded. */
export function cellText(id: ColumnId, row: PacketRow, index: number, time: TimeContext,
  previous: number | undefined): string {
  switch (id) {
    case 'number': return String(row.number);
    case 'time':
      return formatTime(time.format, row.time, previous, time.origin, index === 0);
    case 'source': return row.source;
    case 'destination': return row.destination;
    case 'protocol': return row.protocol;
    case 'length': return String(row.length);
    case 'info': return row.info;
  }
}

export const NUMERIC_COLUMNS: ReadonlySet<ColumnId> = new Set(['number', 'time', 'length']);
