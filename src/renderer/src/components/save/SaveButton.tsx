// The toolbar's Save As… button.

import { useAppStore } from '../../store/app-store';
import { useSaveDialog } from './save-store';

export function SaveButton() {
  const hasPackets = useAppStore((s) => s.status.packetCount > 0);
  const show = useSaveDialog((s) => s.show);
  return (
    <button type="button" className="save-as" disabled={!hasPackets} onClick={show}
      title="Save all, the displayed or some packets as pcap or pcapng (Ctrl+S)">
      Save As…
    </button>
  );
}
