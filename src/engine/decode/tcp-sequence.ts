// Per-connection initial sequence numbers, so that seq/ack print relative as tcpdump's do.

/** The two initial sequence numbers of one connection, in its canonical direction. */
interface Connection {
  seq: number;
  ack: number;
}

/**
 * tcpdump records a connection at its first packet with ACK set (or anew at any SYN|ACK) and
 * prints later numbers relative to that. Both directions share one entry, keyed with the
 * lower (address, port) endpoint first; `reversed` says a packet goes the other way.
 * Like tcpdump's table it is never pruned: one small entry per connection seen.
 */
export class TcpSequenceTable {
  private readonly connections = new Map<string, Connection>();
  /** Set by `relate`: the base seq/ack of the packet's direction, for SACK blocks. */
  baseSeq = 0;
  baseAck = 0;
  reversed = false;
  seq = 0;
  ack = 0;

  clear(): void {
    this.connections.clear();
  }

  /**
   * Sets `seq` and `ack` to what tcpdump prints for this packet. `source` and `destination`
   * are the address bytes as text keys; `syn` restarts the connection.
   */
  relate(
    source: string, sourcePort: number, destination: string, destinationPort: number,
    seq: number, ack: number, syn: boolean,
  ): void {
    const reversed = source > destination ||
      (source === destination && sourcePort > destinationPort);
    const key = reversed
      ? `${destination}/${destinationPort}/${source}/${sourcePort}`
      : `${source}/${sourcePort}/${destination}/${destinationPort}`;
    let connection = this.connections.get(key);
    if (!connection || syn) {
      connection = connection ?? { seq: 0, ack: 0 };
      if (reversed) {
        connection.ack = seq;
        connection.seq = (ack - 1) >>> 0;
      } else {
        connection.seq = seq;
        connection.ack = (ack - 1) >>> 0;
      }
      this.connections.set(key, connection);
      this.seq = seq;
      this.ack = ack;
    } else if (reversed) {
      this.seq = (seq - connection.ack) >>> 0;
      this.ack = (ack - connection.seq) >>> 0;
    } else {
      this.seq = (seq - connection.seq) >>> 0;
      this.ack = (ack - connection.ack) >>> 0;
    }
    this.baseSeq = connection.seq;
    this.baseAck = connection.ack;
    this.reversed = reversed;
  }
}
