// Per-connection initial sequence numbers, so that seq/ack print relative as tcpdump's do.

import { Ipv4ConnectionMap } from './ipv4-connection-map';

/** The two initial sequence numbers of one connection, in its canonical direction. */
interface Connection {
  seq: number;
  ack: number;
  /** Every (re)start of the connection, by packet number, oldest first: for `replayAt`. */
  starts: Start[];
}

interface Start {
  packet: number;
  seq: number;
  ack: number;
}

/**
 * tcpdump records a connection at its first packet with ACK set (or anew at any SYN|ACK) and
 * prints later numbers relative to that. Both directions share one entry, keyed with the
 * lower (address, port) endpoint first; `reversed` says a packet goes the other way.
 * Like tcpdump's table it is never pruned: one small entry per connection seen.
 */
export type Endpoint = number | string;

export class TcpSequenceTable {
  /** Lower endpoint, then higher endpoint, to the connection: no key string per packet. */
  private readonly connections = new Map<Endpoint, Map<Endpoint, Connection>>();
  /** IPv4 connections, both endpoints numbers: the lookup every IPv4 segment makes. */
  private readonly ipv4Connections = new Ipv4ConnectionMap<Connection>();
  /** Set by `relate`: the base seq/ack of the packet's direction, for SACK blocks. */
  baseSeq = 0;
  baseAck = 0;
  reversed = false;
  seq = 0;
  ack = 0;
  /** The number of the packet being printed, counted by the printer. */
  packet = 0;
  /**
   * Set to print again a packet printed before, in any order: the numbers are then those
   * in force when that packet was first printed, read from each connection's starts.
   */
  replayAt: number | undefined = undefined;

  clear(): void {
    this.connections.clear();
    this.ipv4Connections.clear();
  }

  private find(low: Endpoint, high: Endpoint): Connection | undefined {
    if (typeof low === 'number' && typeof high === 'number') {
      return this.ipv4Connections.get(low, high);
    }
    return this.connections.get(low)?.get(high);
  }

  private create(low: Endpoint, high: Endpoint): Connection {
    const connection: Connection = { seq: 0, ack: 0, starts: [] };
    if (typeof low === 'number' && typeof high === 'number') {
      this.ipv4Connections.add(low, high, connection);
      return connection;
    }
    let peers = this.connections.get(low);
    if (!peers) {
      peers = new Map();
      this.connections.set(low, peers);
    }
    peers.set(high, connection);
    return connection;
  }

  /**
   * Sets `seq` and `ack` to what tcpdump prints for this packet. An endpoint is an address
   * and port as one number (IPv4) or one string (IPv6); `syn` restarts the connection.
   */
  relate(source: Endpoint, destination: Endpoint, seq: number, ack: number, syn: boolean): void {
    const reversed = source > destination;
    const low = reversed ? destination : source;
    const high = reversed ? source : destination;
    let connection = this.find(low, high);
    if (this.replayAt !== undefined && connection) {
      this.replay(connection, seq, ack, reversed, this.replayAt);
      return;
    }
    if (!connection || syn) {
      connection ??= this.create(low, high);
      if (reversed) {
        connection.ack = seq;
        connection.seq = (ack - 1) >>> 0;
      } else {
        connection.seq = seq;
        connection.ack = (ack - 1) >>> 0;
      }
      connection.starts.push({ packet: this.packet, seq: connection.seq, ack: connection.ack });
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

  /** What relate() printed for packet `at` the first time, from the start in force then. */
  private replay(connection: Connection, seq: number, ack: number, reversed: boolean,
    at: number): void {
    const starts = connection.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle].packet <= at) low = middle;
      else high = middle - 1;
    }
    const start = starts[low];
    if (start.packet === at) {
      this.seq = seq;
      this.ack = ack;
    } else if (reversed) {
      this.seq = (seq - start.ack) >>> 0;
      this.ack = (ack - start.seq) >>> 0;
    } else {
      this.seq = (seq - start.seq) >>> 0;
      this.ack = (ack - start.ack) >>> 0;
    }
    this.baseSeq = start.seq;
    this.baseAck = start.ack;
    this.reversed = reversed;
  }
}
