// The toolbar button and the Ctrl+Shift+S key that open Follow SMTP on the selected packet.

import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { followSelectedPacket } from './follow-smtp-store';

export function FollowSmtpButton() {
  const selected = useAppStore((s) => s.selected);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.ctrlKey || !event.shiftKey || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      void followSelectedPacket();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <button type="button" disabled={selected === 0} onClick={() => void followSelectedPacket()}
      title="Show the SMTP session of the selected packet (Ctrl+Shift+S)">
      Follow SMTP
    </button>
  );
}
