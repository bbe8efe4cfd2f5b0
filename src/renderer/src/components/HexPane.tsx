// The selected packet's bytes, laid out as `tcpdump -X` prints them; the selected field's
// bytes are highlighted, and clicking a byte selects its field.

import { type ReactElement } from 'react';
import { toHexRows } from '../format/hex-rows';
import { useAppStore, type ByteRange } from '../store/app-store';
import { fieldAt, useSelectedPacket } from '../store/selected-packet';

const BYTES_PER_ROW = 16;

export function HexPane() {
  const packet = useSelectedPacket();
  const highlight = useAppStore((s) => s.highlight);
  const highlightBytes = useAppStore((s) => s.highlightBytes);

  if (!packet) {
    return <div className="hex-pane empty" aria-label="Packet bytes">Select a packet to see
      its bytes.</div>;
  }
  const pick = (offset: number) => {
    const hit = fieldAt(packet.layers, offset);
    highlightBytes(hit ? { offset: hit.field.offset, length: hit.field.length } : null);
  };
  return (
    <div className="hex-pane" aria-label="Packet bytes" data-packet={packet.number}>
      {toHexRows(packet.bytes).map((row, rowIndex) => (
        <div className="hex-row" key={row.offset}>
          <span className="hex-offset">{row.offset}:</span>
          <span className="hex-bytes">
            {byteSpans(row.hex, rowIndex * BYTES_PER_ROW, highlight, pick)}
          </span>
          <span className="hex-ascii">{row.ascii}</span>
        </div>
      ))}
    </div>
  );
}

/** The row's hex text with one span per byte, keeping tcpdump's spacing in the text. */
function byteSpans(hex: string, first: number, highlight: ByteRange | null,
  pick: (offset: number) => void): ReactElement[] {
  const spans: ReactElement[] = [];
  let offset = first;
  hex.split(' ').forEach((group, groupIndex) => {
    if (groupIndex > 0) spans.push(<span key={`s${offset}`}> </span>);
    for (let i = 0; i < group.length; i += 2) {
      const at = offset++;
      const lit = highlight && at >= highlight.offset && at < highlight.offset + highlight.length;
      spans.push(<span key={at} className={lit ? 'byte lit' : 'byte'} data-offset={at}
        onClick={() => pick(at)}>{group.slice(i, i + 2)}</span>);
    }
  });
  return spans;
}
