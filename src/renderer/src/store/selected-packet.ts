// The selected packet's bytes and decoded layers, fetched once per selection for both panes.

import { useEffect, useState } from 'react';
import type { DetailLayer } from '../../../shared/api';
import { tapline } from '../api/tapline';
import { base64ToBytes } from '../format/hex-rows';
import { useAppStore } from './app-store';

export interface SelectedPacket {
  number: number;
  bytes: Uint8Array;
  layers: DetailLayer[];
}

let cached: Promise<SelectedPacket> | undefined;
let cachedKey = '';

function load(number: number, generation: number): Promise<SelectedPacket> {
  const key = `${generation}:${number}`;
  if (key !== cachedKey || !cached) {
    cachedKey = key;
    cached = Promise.all([
      tapline.request('packets.bytes', { number }),
      tapline.request('packets.detail', { number }),
    ]).then(([bytes, detail]) => ({
      number, bytes: base64ToBytes(bytes.base64), layers: detail.layers,
    }));
    cached.catch(() => { cachedKey = ''; });
  }
  return cached;
}

export function useSelectedPacket(): SelectedPacket | null {
  const selected = useAppStore((s) => s.selected);
  const generation = useAppStore((s) => s.generation);
  const report = useAppStore((s) => s.report);
  const [packet, setPacket] = useState<SelectedPacket | null>(null);

  useEffect(() => {
    if (selected === 0) return setPacket(null);
    let current = true;
    load(selected, generation)
      .then((loaded) => current && setPacket(loaded))
      .catch((error: Error) => report(error.message));
    return () => { current = false; };
  }, [selected, generation, report]);

  return packet;
}

/** The narrowest field that covers byte `offset`, for clicks in the hex pane. */
export function fieldAt(layers: DetailLayer[], offset: number) {
  let best: { layer: DetailLayer; field: DetailLayer['fields'][number] } | undefined;
  for (const layer of layers) {
    for (const field of layer.fields) {
      const covers = offset >= field.offset && offset < field.offset + field.length;
      if (covers && (!best || field.length <= best.field.length)) best = { layer, field };
    }
  }
  return best;
}
