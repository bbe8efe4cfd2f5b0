// The TCP ladder side panel: the selected packet's conversation drawn between its two hosts,
// or the reason it cannot be (not TCP, file still loading).

import type { Ladder } from '../../../../shared/conversation-api';
import { useAppStore } from '../../store/app-store';
import { LadderDiagram } from './LadderDiagram';
import { useLadder } from './ladder-store';
import { LadderSummary } from './LadderSummary';
import { useLadderAnswer } from './use-ladder-answer';
import './ladder.css';

/** The two hosts over their lines, client left and server right, as "address.port". */
function HostHeaders({ ladder }: { ladder: Ladder }) {
  return (
    <div className="ladder-hosts" aria-label="Hosts">
      <span className="ladder-gutter">packet / time</span>
      <span className="ladder-lane">
        <span className="ladder-host client" data-side="client">{ladder.client}</span>
        <span className="ladder-host server" data-side="server">{ladder.server}</span>
      </span>
    </div>
  );
}

export function LadderPanel() {
  const documentId = useAppStore((s) => s.status.documentId);
  const loading = useAppStore((s) => s.status.loading);
  const live = useAppStore((s) => s.status.capture !== undefined);
  const { packet, round, close, redraw } = useLadder();
  const shownDocument = useLadder((s) => s.documentId);
  const open = packet !== null && shownDocument === documentId;
  const answer = useLadderAnswer(open ? packet : null, documentId, loading, round);

  if (!open || !answer) return null;
  const ladder = answer.state === 'ready' ? answer.ladder : null;

  return (
    <aside className="ladder-panel" aria-label="TCP ladder"
      onKeyDown={(event) => event.key === 'Escape' && close()}>
      <header className="ladder-bar">
        <h2>TCP ladder{ladder && `: conversation ${ladder.conversation}`}</h2>
        {live && (
          <button type="button" onClick={redraw}
            title="Draw the ladder again with the packets captured since">Redraw</button>
        )}
        <button type="button" className="ladder-close" onClick={close}
          aria-label="Close TCP ladder">×</button>
      </header>
      {answer.state === 'reading' && <p className="ladder-message">Reading the conversation…</p>}
      {answer.state === 'problem' && (
        <p className="ladder-message" role="alert">{answer.text}</p>
      )}
      {ladder && (
        <>
          <LadderSummary ladder={ladder} />
          <HostHeaders ladder={ladder} />
          <LadderDiagram key={`${documentId}:${ladder.conversation}`} ladder={ladder}
            openedFrom={packet} />
        </>
      )}
    </aside>
  );
}
