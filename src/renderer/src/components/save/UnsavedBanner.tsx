// A stopped live capture that no save has copied whole: said above the list, with Save, and
// the browser asks before the page is left.

import { useEffect } from 'react';
import { inBrowser } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { useSaveDialog } from './save-store';

export function UnsavedBanner() {
  const unsaved = useAppStore((s) => s.status.unsaved === true);
  const running = useAppStore((s) => s.status.capture?.running === true);
  const packets = useAppStore((s) => s.status.packetCount);
  const show = useSaveDialog((s) => s.show);

  // In a browser tab only: Electron would cancel the close silently, and its main process
  // asks with a native dialog instead.
  useEffect(() => {
    if (!unsaved || !inBrowser) return;
    const onLeave = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Electron ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [unsaved]);

  if (!unsaved || running) return null;
  return (
    <div className="banner" data-testid="unsaved-banner" role="region" aria-label="Unsaved capture">
      <span className="banner-text">
        Unsaved capture: {packets.toLocaleString('en-US')} packets{' '}
        <span className="muted">(kept only in the spool folder until saved)</span>
      </span>
      <button type="button" onClick={show}>Save…</button>
    </div>
  );
}
