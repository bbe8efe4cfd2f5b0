// Bytes as text for the clipboard: hex, printable text, or a C array.

export function bytesAsHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Printable ASCII kept, other bytes as dots, as tcpdump -A shows them. */
export function bytesAsText(bytes: Uint8Array): string {
  return Array.from(bytes, (b) =>
    b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.').join('');
}

const PER_LINE = 12;

export function bytesAsCArray(bytes: Uint8Array, name = 'packet'): string {
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += PER_LINE) {
    const row = Array.from(bytes.subarray(at, at + PER_LINE),
      (b) => `0x${b.toString(16).padStart(2, '0')}`);
    lines.push(`  ${row.join(', ')}${at + PER_LINE < bytes.length ? ',' : ''}`);
  }
  return `static const unsigned char ${name}[${bytes.length}] = {\n${lines.join('\n')}\n};\n`;
}
