// The Follow SMTP side panel: one session's dialogue or raw stream, and its messages.

import { useEffect, useState } from 'react';
import type { SmtpDialogue, SmtpSessionItem, SmtpStream } from '../../../../shared/api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { DialogueView } from './DialogueView';
import { useFollowSmtp } from './follow-smtp-store';
import { MessageSummary } from './MessageSummary';
import { RawStreamView } from './RawStreamView';
import { SessionPicker } from './SessionPicker';

/** Asks once per `key`; a closed panel (no `ask`) forgets, so reopening asks again. */
function useAnswer<T>(ask: (() => Promise<T>) | null, askKey: string): T | null {
  const report = useAppStore((s) => s.report);
  const [answer, setAnswer] = useState<{ key: string; value: T } | null>(null);
  const key = ask ? askKey : '';
  useEffect(() => {
    if (!ask) return;
    let current = true;
    ask().then((value) => current && setAnswer({ key, value }))
      .catch((error: Error) => report(error.message));
    return () => { current = false; };
    // `ask` is rebuilt each render; `key` says when it asks something new.
  }, [key, report]);
  return answer?.key === key ? answer.value : null;
}

function Summary({ dialogue }: { dialogue: SmtpDialogue }) {
  const { session, auth } = dialogue;
  const start = new Date(session.startTime * 1000).toISOString().replace('T', ' ');
  return (
    <div className="smtp-summary">
      <div><strong>{session.client}</strong> → <strong>{session.server}</strong></div>
      <div>started {start.slice(0, 23)} UTC, {session.commands} commands</div>
      {dialogue.encryption && <div className="smtp-encrypted">{dialogue.encryption}</div>}
      {auth && (
        <div className="smtp-auth">AUTH {auth.mechanism}
          {auth.username !== undefined && `, user ${auth.username}`}
          {auth.password !== undefined && `, password ${auth.password}`}
          {auth.succeeded !== undefined && (auth.succeeded ? ', accepted' : ', refused')}
        </div>
      )}
    </div>
  );
}

export function FollowSmtpPanel() {
  const generation = useAppStore((s) => s.generation);
  const { conversation, mode, reveal, close, setMode, setReveal } = useFollowSmtp();
  const shownGeneration = useFollowSmtp((s) => s.generation);
  const open = conversation !== null && shownGeneration === generation;

  const dialogue = useAnswer<SmtpDialogue>(open
    ? () => tapline.request('smtp.session', { conversation, revealCredentials: reveal })
    : null, `${generation}:${conversation}:${reveal}`);
  const stream = useAnswer<SmtpStream>(open && mode === 'raw'
    ? () => tapline.request('smtp.stream', { conversation, revealCredentials: reveal })
    : null, `${generation}:${conversation}:${reveal}:${mode}`);
  const sessions = useAnswer<SmtpSessionItem[]>(open
    ? () => tapline.request('smtp.sessions', {}) : null, `${generation}`);

  if (!open) return null;
  const secret = dialogue && (dialogue.auth !== undefined ||
    dialogue.phases.some((phase) => phase.steps.some((step) => step.masked)));

  return (
    <aside className="follow-smtp" aria-label="Follow SMTP">
      <header className="follow-smtp-bar">
        <h2>SMTP session {conversation}</h2>
        {sessions && sessions.length > 1 && (
          <SessionPicker sessions={sessions} current={conversation} />
        )}
        <div className="follow-smtp-modes" role="group" aria-label="View">
          <button type="button" aria-pressed={mode === 'dialogue'}
            onClick={() => setMode('dialogue')}>Dialogue</button>
          <button type="button" aria-pressed={mode === 'raw'}
            onClick={() => setMode('raw')}>Raw ASCII</button>
        </div>
        {(secret || reveal) && (
          <button type="button" onClick={() => setReveal(!reveal)}
            title="AUTH secrets are masked until you ask to see them">
            {reveal ? 'Hide credentials' : 'Reveal'}
          </button>
        )}
        <button type="button" className="follow-smtp-close" onClick={close}
          aria-label="Close Follow SMTP">×</button>
      </header>
      {!dialogue && <p className="smtp-note">Reading the session…</p>}
      {dialogue && (
        <div className="follow-smtp-body">
          <Summary dialogue={dialogue} />
          {mode === 'dialogue' && <DialogueView dialogue={dialogue} />}
          {mode === 'raw' && (stream ? <RawStreamView stream={stream} />
            : <p className="smtp-note">Reading the stream…</p>)}
          {dialogue.messages.map((message) => (
            <MessageSummary key={message.number} conversation={conversation}
              message={message} />
          ))}
        </div>
      )}
    </aside>
  );
}
