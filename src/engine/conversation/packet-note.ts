// The per-packet remarks reassembly makes, in the spirit of Wireshark's TCP analysis flags.

export type PacketNote =
  /**
   * Data below the highest sequence sent, too late to be out of order, or asked for by
   * duplicate ACKs (Wireshark's retransmission, fast and spurious retransmission).
   */
  | 'retransmission'
  /** Data below the highest sequence sent, within one initial RTT of the segment that got there. */
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
