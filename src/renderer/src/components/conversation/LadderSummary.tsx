// Above the diagram: who talks to whom, the handshake's round trip, each side's SYN options,
// and a sentence when the diagram stops before the conversation does.

import type { Ladder } from '../../../../shared/conversation-api';

function roundTrip(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(3)} ms`;
}

export function LadderSummary({ ladder }: { ladder: Ladder }) {
  const { segments } = ladder;
  const last = segments.at(-1);
  return (
    <div className="ladder-summary">
      <div>
        <strong className="ladder-client">{ladder.client}</strong> (client) ↔{' '}
        <strong className="ladder-server">{ladder.server}</strong> (server),{' '}
        {segments.length.toLocaleString('en-US')} segments
        {last && `, ${last.time.toFixed(6)} s`}
      </div>
      <div data-field="handshake">
        {ladder.handshakeMs !== undefined
          ? <>Handshake RTT {roundTrip(ladder.handshakeMs)} (SYN to the client&apos;s ACK)</>
          : 'Handshake RTT unknown: the capture does not hold the whole handshake'}
      </div>
      <dl className="ladder-offers">
        <dt>client SYN</dt>
        <dd data-field="client-offer">{ladder.clientOffer ?? 'not captured'}</dd>
        <dt>server SYN</dt>
        <dd data-field="server-offer">{ladder.serverOffer ?? 'not captured'}</dd>
      </dl>
      {ladder.truncated && (
        <p className="ladder-truncated" role="note">
          Only the first {segments.length.toLocaleString('en-US')} segments are drawn (up to
          packet {last?.packet}): the conversation goes on after them.
        </p>
      )}
    </div>
  );
}
