// The open file's first packet time, asked once per file, for the time-of-day format.

import { useEffect, useState } from 'react';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';

export function useTimeOrigin(): number | undefined {
  const documentId = useAppStore((s) => s.status.documentId);
  const hasPackets = useAppStore((s) => s.status.packetCount > 0);
  const [origin, setOrigin] = useState<{ id: number; seconds: number }>();

  useEffect(() => {
    if (!hasPackets || origin?.id === documentId) return;
    let current = true;
    tapline.request('packets.timeOrigin', {})
      .then(({ seconds }) => current && seconds !== null &&
        setOrigin({ id: documentId, seconds }))
      .catch(() => { /* the column keeps relative times; nothing else depends on it */ });
    return () => { current = false; };
  }, [documentId, hasPackets, origin]);

  return origin?.id === documentId ? origin.seconds : undefined;
}
