// The open capture's frequent hosts and ports, asked for again only when the capture changed.

import { useCallback, useRef, useState } from 'react';
import type { FrequentEndpoints } from '../../../../shared/endpoints-api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';

/** While a capture runs, its counts are asked for at most this often. */
const REFRESH_INTERVAL_MS = 2000;

export function useCaptureEndpoints(): { endpoints: FrequentEndpoints | null; refresh(): void } {
  const [endpoints, setEndpoints] = useState<FrequentEndpoints | null>(null);
  const asked = useRef({ key: '', at: 0 });

  const refresh = useCallback(() => {
    const { documentId, packetCount } = useAppStore.getState().status;
    const key = `${documentId}:${packetCount}`;
    const sameDocument = asked.current.key.startsWith(`${documentId}:`);
    if (key === asked.current.key) return;
    if (sameDocument && Date.now() - asked.current.at < REFRESH_INTERVAL_MS) return;
    asked.current = { key, at: Date.now() };
    if (documentId === 0 || packetCount === 0) {
      setEndpoints(null);
      return;
    }
    tapline.request('document.endpoints', {}).then((found) => {
      if (asked.current.key === key) setEndpoints(found);
    }).catch(() => {
      // Completion is a help, not a need: without counts only keywords are offered.
      if (asked.current.key === key) setEndpoints(null);
    });
  }, []);

  return { endpoints, refresh };
}
