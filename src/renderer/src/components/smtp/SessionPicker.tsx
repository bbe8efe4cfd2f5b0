// Switches the panel between the file's SMTP sessions.

import type { SmtpSessionItem } from '../../../../shared/api';
import { useAppStore } from '../../store/app-store';
import { useFollowSmtp } from './follow-smtp-store';

function label(item: SmtpSessionItem): string {
  const messages = item.messages.length === 1 ? '1 message' : `${item.messages.length} messages`;
  const encrypted = item.encrypted ? ', encrypted' : '';
  return `${item.conversation}: ${item.client} → ${item.server}, ${messages}${encrypted}`;
}

export function SessionPicker({ sessions, current }: {
  sessions: SmtpSessionItem[]; current: number;
}) {
  const generation = useAppStore((s) => s.generation);
  const show = useFollowSmtp((s) => s.show);
  return (
    <select aria-label="SMTP session" value={current}
      onChange={(event) => show(Number(event.currentTarget.value), generation)}>
      {sessions.map((item) => (
        <option key={item.conversation} value={item.conversation}>{label(item)}</option>
      ))}
    </select>
  );
}
