// The per-packet remarks reassembly makes, in the spirit of Wireshark's TCP analysis flags.

export type PacketNote =
  /** Every payload byte was seen before, or the segment starts inside delivered data. */
  | 'retransmission'
  /** New bytes that arrived after bytes further on in the stream. */
  | 'out-of-order'
  /** Starts beyond everything seen so far: bytes in between were never captured. */
  | 'missing-segment'
  /** A bare ACK repeating the previous ACK and window of the same side. */
  | 'duplicate-ack'
  | 'zero-window';

export const PACKET_NOTE_LABELS: Readonly<Record<PacketNote, string>> = {
  'retransmission': 'retransmission',
  'out-of-order': 'out-of-order segment',
  'missing-segment': 'previous segment not captured',
  'duplicate-ack': 'duplicate ACK',
  'zero-window': 'zero window',
};
