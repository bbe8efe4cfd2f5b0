// Asks the service for the ladder of a packet's conversation, and turns every way that can
// fail into a sentence for the panel.

import { useEffect, useState } from 'react';
import type { Ladder } from '../../../../shared/conversation-api';
import { tapline } from '../../api/tapline';

export type LadderAnswer =
  | { state: 'reading' }
  | { state: 'problem'; text: string }
  | { state: 'ready'; ladder: Ladder };

const STILL_LOADING = 'The file is still loading: the ladder is drawn once it has been read ' +
  'to the end.';

/** The web adapter's errors carry the service's code; Electron's bridge keeps only words. */
function isStillLoading(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'DOCUMENT_LOADING' || /still loading/.test(String(message));
}

async function askLadder(packet: number): Promise<LadderAnswer> {
  const { conversation } = await tapline.request('conversation.forPacket', { number: packet });
  if (conversation === null) {
    return { state: 'problem', text: `Packet ${packet} is not part of a TCP conversation.` };
  }
  const ladder = await tapline.request('conversation.ladder', { conversation });
  return { state: 'ready', ladder };
}

/**
 * The answer for `packet` in document `documentId`; asked again when loading ends, so a
 * panel opened on a file still being read fills in by itself, and when `round` changes.
 */
export function useLadderAnswer(packet: number | null, documentId: number, loading: boolean,
  round: number): LadderAnswer | null {
  const [answer, setAnswer] = useState<{ key: string; value: LadderAnswer } | null>(null);
  const key = `${documentId}:${packet}:${loading}:${round}`;

  useEffect(() => {
    if (packet === null) return;
    if (loading) {
      setAnswer({ key, value: { state: 'problem', text: STILL_LOADING } });
      return;
    }
    let current = true;
    askLadder(packet)
      .catch((error: unknown): LadderAnswer => ({ state: 'problem',
        text: isStillLoading(error) ? STILL_LOADING : `No ladder: ${(error as Error).message}` }))
      .then((value) => { if (current) setAnswer({ key, value }); });
    return () => { current = false; };
  }, [key, packet, loading]);

  if (packet === null) return null;
  return answer?.key === key ? answer.value : { state: 'reading' };
}
