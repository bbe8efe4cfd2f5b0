// Lays out bytes as `tcpdump -X` does: offset, eight groups of two bytes, then ASCII.

export interface HexRow {
  offset: string;
  hex: string;
  ascii: string;
}

const BYTES_PER_ROW = 16;

export function toHexRows(bytes: Uint8Array): HexRow[] {
  const rows: HexRow[] = [];
  for (let start = 0; start < bytes.length; start += BYTES_PER_ROW) {
    const slice = bytes.subarray(start, start + BYTES_PER_ROW);
    rows.push({
      offset: `0x${start.toString(16).padStart(4, '0')}`,
      hex: hexGroups(slice),
      ascii: Array.from(slice, printable).join(''),
    });
  }
  return rows;
}

function hexGroups(slice: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < slice.length; i += 2) {
    const pair = Array.from(slice.subarray(i, i + 2), (b) => b.toString(16).padStart(2, '0'));
    groups.push(pair.join(''));
  }
  return groups.join(' ');
}

/** Like tcpdump -X, shows only graphic characters: a space is a dot too. */
function printable(byte: number): string {
  return byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

export function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
