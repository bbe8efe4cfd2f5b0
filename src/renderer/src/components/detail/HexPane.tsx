// The selected packet's bytes, laid out as `tcpdump -X` prints them; the selected field's
// bytes are highlighted, clicking a byte (or moving with the arrows) selects its field.

import { useState, type KeyboardEvent, type ReactElement } from 'react';
import { bytesAsCArray, bytesAsHex, bytesAsText } from '../../format/byte-copy';
import { copyText } from '../../format/clipboard';
import { toHexRows } from '../../format/hex-rows';
import { useAppStore, type ByteRange } from '../../store/app-store';
import { fieldAt, useSelectedPacket } from '../../store/selected-packet';

const BYTES_PER_ROW = 16;

export function HexPane() {
  const packet = useSelectedPacket();
  const highlight = useAppStore((s) => s.highlight);
  const highlightBytes = useAppStore((s) => s.highlightBytes);
  const report = useAppStore((s) => s.report);
  // The byte the arrow keys move from; every packet starts at its first byte.
  const [place, setPlace] = useState({ packet: 0, offset: 0 });

  if (!packet) {
    return <div className="hex-pane empty" aria-label="Packet bytes">Select a packet to see
      its bytes.</div>;
  }
  const cursor = place.packet === packet.number ? place.offset : 0;
  const pick = (offset: number) => {
    setPlace({ packet: packet.number, offset });
    const hit = fieldAt(packet.layers, offset);
    highlightBytes(hit ? { offset: hit.field.offset, length: hit.field.length }
      : { offset, length: 1 });
  };
  // Copies act on the highlighted bytes, or on the whole packet when none are.
  const chosen = () => highlight
    ? packet.bytes.subarray(highlight.offset, highlight.offset + highlight.length)
    : packet.bytes;
  const copy = (text: string) => copyText(text).catch((error: Error) => report(error.message));
  const onKey = (event: KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowLeft: -1, ArrowRight: 1, ArrowUp: -BYTES_PER_ROW, ArrowDown: BYTES_PER_ROW,
    };
    const last = packet.bytes.length - 1;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? last
      : steps[event.key] === undefined ? undefined : cursor + steps[event.key];
    if (to === undefined || last < 0) return;
    event.preventDefault();
    pick(Math.min(last, Math.max(0, to)));
  };

  return (
    <div className="hex-wrap">
      <div className="pane-actions" role="toolbar" aria-label="Byte actions">
        <button type="button" onClick={() => copy(bytesAsHex(chosen()))}>Copy as hex</button>
        <button type="button" onClick={() => copy(bytesAsText(chosen()))}>Copy as text</button>
        <button type="button" onClick={() => copy(bytesAsCArray(chosen(),
          `packet_${packet.number}`))}>Copy as C array</button>
        <span className="pane-note">{highlight ? `${highlight.length} bytes at ` +
          `${highlight.offset}` : `all ${packet.bytes.length} bytes`}</span>
      </div>
      <div className="hex-pane" aria-label="Packet bytes" data-packet={packet.number}
        tabIndex={0} onKeyDown={onKey} role="region"
        aria-description="Arrows, Home and End move through the bytes, selecting their field">
        {toHexRows(packet.bytes).map((row, rowIndex) => (
          <div className="hex-row" key={row.offset}>
            <span className="hex-offset">{row.offset}:</span>
            <span className="hex-bytes">
              {byteSpans(row.hex, rowIndex * BYTES_PER_ROW, highlight, cursor, pick)}
            </span>
            <span className="hex-ascii">{row.ascii}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The row's hex text with one span per byte, keeping tcpdump's spacing in the text. */
function byteSpans(hex: string, first: number, highlight: ByteRange | null, cursor: number,
  pick: (offset: number) => void): ReactElement[] {
  const spans: ReactElement[] = [];
  let offset = first;
  hex.split(' ').forEach((group, groupIndex) => {
    if (groupIndex > 0) spans.push(<span key={`s${offset}`}> </span>);
    for (let i = 0; i < group.length; i += 2) {
      const at = offset++;
      const lit = highlight && at >= highlight.offset && at < highlight.offset + highlight.length;
      const classes = `byte${lit ? ' lit' : ''}${at === cursor ? ' cursor' : ''}`;
      spans.push(<span key={at} className={classes} data-offset={at}
        onClick={() => pick(at)}>{group.slice(i, i + 2)}</span>);
    }
  });
  return spans;
}
