// The "Range" field of the Save dialog: "1-100" or one number, as packet numbers.

export type RangeParse = { first: number; last: number } | { error: string };

const RANGE = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/;

/** Whether the range fits the file is the service's answer: a live capture still grows. */
export function parsePacketRange(text: string): RangeParse {
  const match = RANGE.exec(text);
  if (!match) return { error: `"${text.trim()}" is not a range: type two packet numbers ` +
    'like 1-100, or one number' };
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first < 1) return { error: 'packets are numbered from 1' };
  if (last < first) return { error: `the range ${first}-${last} runs backwards: ` +
    `did you mean ${last}-${first}?` };
  return { first, last };
}
