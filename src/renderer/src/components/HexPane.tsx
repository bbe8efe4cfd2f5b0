// The selected packet's bytes, laid out as `tcpdump -X` prints them.

import { useEffect, useState } from 'react';
import { tapline } from '../api/tapline';
import { base64ToBytes, toHexRows, type HexRow } from '../format/hex-rows';
import { useAppStore } from '../store/app-store';

export function HexPane() {
  const selected = useAppStore((s) => s.selected);
  const generation = useAppStore((s) => s.generation);
  const report = useAppStore((s) => s.report);
  const [rows, setRows] = useState<HexRow[]>([]);

  useEffect(() => {
    if (selected === 0) return setRows([]);
    let current = true;
    tapline.request('packets.bytes', { number: selected })
      .then(({ base64 }) => current && setRows(toHexRows(base64ToBytes(base64))))
      .catch((error: Error) => report(error.message));
    return () => { current = false; };
  }, [selected, generation, report]);

  if (selected === 0) {
    return <div className="hex-pane empty" aria-label="Packet bytes">Select a packet to see
      its bytes.</div>;
  }
  return (
    <div className="hex-pane" aria-label="Packet bytes" data-packet={selected}>
      {rows.map((row) => (
        <div className="hex-row" key={row.offset}>
          <span className="hex-offset">{row.offset}:</span>
          <span className="hex-bytes">{row.hex}</span>
          <span className="hex-ascii">{row.ascii}</span>
        </div>
      ))}
    </div>
  );
}
