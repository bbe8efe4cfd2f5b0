// The detail tree of one packet: its protocol layers, each with named fields and offsets.

import { Truncated } from './byte-reader';
import { DecodeContext, type PrintOptions } from './decode-context';
import { FieldTree, type Layer } from './field-tree';
import { decodeLink } from './link';
import type { PacketRecord } from '../files/packet-record';

export type { Field, Layer } from './field-tree';

export interface Dissection {
  readonly layers: Layer[];
  /** The same one-line summary the printer gives (sequence numbers absolute). */
  readonly summary: string;
  /** True when the packet ended before a header that it announced. */
  readonly truncated: boolean;
}

/**
 * Decodes one packet with field collection turned on. Packets are dissected one at a time
 * in any order, as a user clicks them, so no per-connection state is used: TCP numbers are
 * the raw ones (Wireshark's `tcp.seq_raw`).
 */
export function dissect(record: PacketRecord, options: PrintOptions = {}): Dissection {
  const ctx = new DecodeContext({ ...options, absoluteSequence: true });
  const tree = new FieldTree();
  ctx.begin(record.data, tree);
  ctx.originalLength = record.originalLength;
  ctx.interfaceId = record.interfaceId;
  let truncated = false;
  try {
    if (record.data.length > 0) decodeLink(ctx, record.linkType);
  } catch (error) {
    if (!(error instanceof Truncated)) throw error;
    truncated = true;
    ctx.out += ` [|${ctx.protocol}]`;
  }
  return { layers: tree.layers, summary: ctx.out, truncated };
}
