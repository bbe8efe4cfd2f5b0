// Ctrl+S opens Save As (Ctrl+Shift+S is Follow SMTP's), and the dialog when it is open.

import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { SaveDialog } from './SaveDialog';
import { useSaveDialog } from './save-store';

export function SaveDialogHost() {
  const { open, show, hide } = useSaveDialog();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey ||
        event.key.toLowerCase() !== 's') return;
      // Also keeps the browser's own "Save page as" away.
      event.preventDefault();
      if (useAppStore.getState().status.packetCount > 0) show();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show]);

  return open ? <SaveDialog onClose={hide} /> : null;
}
