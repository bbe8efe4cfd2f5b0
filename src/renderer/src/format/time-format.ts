// The Time column: seconds since the first packet, since the previous row, or time of day.

export type TimeFormat = 'relative' | 'delta' | 'absolute';

export const TIME_FORMATS: { value: TimeFormat; label: string }[] = [
  { value: 'relative', label: 'Seconds since first packet' },
  { value: 'delta', label: 'Seconds since previous listed packet' },
  { value: 'absolute', label: 'Time of day (UTC)' },
];

/**
 * `previous` is the listed row before this one (undefined while it is not loaded);
 * `origin` the first packet's time in seconds since the epoch (undefined when unknown).
 */
export function formatTime(format: TimeFormat, time: number, previous: number | undefined,
  origin: number | undefined, isFirst: boolean): string {
  if (format === 'delta') {
    if (isFirst) return '0.000000';
    return previous === undefined ? '' : (time - previous).toFixed(6);
  }
  if (format === 'absolute' && origin !== undefined) return timeOfDay(origin + time);
  return time.toFixed(6);
}

/** hh:mm:ss.uuuuuu in UTC, as tcpdump prints it with TZ=UTC. */
export function timeOfDay(epochSeconds: number): string {
  const micros = Math.round(epochSeconds * 1e6);
  const day = ((micros % 86_400_000_000) + 86_400_000_000) % 86_400_000_000;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const seconds = Math.floor(day / 1e6);
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:` +
    `${pad(seconds % 60)}.${pad(day % 1e6, 6)}`;
}
