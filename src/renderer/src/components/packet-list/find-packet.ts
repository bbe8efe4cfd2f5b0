// Find (Ctrl+F): text in the Info column, bytes in hex, or a pcap-filter expression.

import { MAX_ROWS_PER_REQUEST } from '../../../../shared/api';
import { tapline } from '../../api/tapline';
import { usePrefs } from '../../store/prefs-store';

export type FindMode = 'text' | 'hex' | 'filter';

/** Rows read per Enter when searching Info text, so one search never runs unbounded. */
export const TEXT_SEARCH_LIMIT = 50_000;

export type FindResult =
  | { found: true; index?: number; number: number }
  | { found: false; message: string };

/** Searches from the row after `fromRow` (list index) / packet after `fromNumber`. */
export async function findNext(mode: FindMode, query: string, fromRow: number,
  fromNumber: number, listed: number): Promise<FindResult> {
  if (mode === 'text') return findText(query, fromRow + 1, listed);
  const hex = query.replace(/[\s:]/g, '');
  if (mode === 'hex' && !/^([0-9a-fA-F]{2})+$/.test(hex)) {
    return { found: false, message: 'Type bytes as pairs of hex digits, e.g. 45 00 or 4500.' };
  }
  const params = mode === 'hex' ? { after: fromNumber, hex } : { after: fromNumber,
    expression: query };
  const { number } = await tapline.request('packets.find', params);
  if (number === null) return { found: false, message: 'No packet after this one matches.' };
  return { found: true, number };
}

async function findText(query: string, start: number, listed: number): Promise<FindResult> {
  const needle = query.toLowerCase();
  // The text is looked for in the Info the list shows.
  const { absoluteSequence } = usePrefs.getState();
  const end = Math.min(listed, start + TEXT_SEARCH_LIMIT);
  for (let at = start; at < end; at += MAX_ROWS_PER_REQUEST) {
    const count = Math.min(MAX_ROWS_PER_REQUEST, end - at);
    const rows = await tapline.request('packets.rows', { start: at, count, absoluteSequence });
    const hit = rows.findIndex((row) => row.info.toLowerCase().includes(needle));
    if (hit >= 0) return { found: true, index: at + hit, number: rows[hit].number };
    if (rows.length < count) break;
  }
  if (end < listed) {
    return { found: false, message: `Not in rows ${start + 1}–${end}: press Enter to go on.` };
  }
  return { found: false, message: 'No row after this one has that text in its Info.' };
}
