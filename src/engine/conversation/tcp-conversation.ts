// One TCP connection: its two endpoints, the handshake, and a reassembler per direction.

import { type HandshakeFacts, handshakeRtt, sideOffer } from './handshake';
import type { PacketNote } from './packet-note';
import { type StreamSink, StreamReassembler } from './stream-reassembler';
import { hasFlag, TcpFlag, type TcpSegment } from './tcp-segment';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export type Side = 'client' | 'server';

/** Receives a conversation's in-order bytes, tagged by the side that sent them. */
export interface ConversationListener {
  opened?(conversation: TcpConversation): void;
  segment?(conversation: TcpConversation, segment: TcpSegment, from: Side,
    notes: readonly PacketNote[]): void;
  data?(conversation: TcpConversation, from: Side, bytes: Uint8Array, frame: number,
    time: number): void;
  gap?(conversation: TcpConversation, from: Side, length: number, frame: number,
    time: number): void;
  end?(conversation: TcpConversation, from: Side, how: 'fin' | 'rst', frame: number,
    time: number): void;
}

export interface SideClose {
  readonly how: 'fin' | 'rst';
  readonly frame: number;
  readonly time: number;
}

export class TcpConversation {
  readonly client: Endpoint;
  readonly server: Endpoint;
  /** True when a SYN or SYN/ACK said who opened the connection. */
  readonly rolesFromHandshake: boolean;
  readonly handshake: HandshakeFacts = {};
  readonly firstFrame: number;
  readonly firstTime: number;
  lastFrame: number;
  lastTime: number;
  packets = 0;
  /** The first sequence number each side used, SYN or not. */
  readonly baseSeq: { client?: number; server?: number } = {};
  readonly closes: { client?: SideClose; server?: SideClose } = {};
  readonly noteCounts: Partial<Record<PacketNote, number>> = {};
  private readonly fromClient: StreamReassembler;
  private readonly fromServer: StreamReassembler;

  constructor(
    /** 0-based, in order of first packet: tshark's tcp.stream. */
    readonly number: number,
    first: TcpSegment,
    private readonly listener: ConversationListener,
    maxHeldBytes?: number,
  ) {
    const source = { address: first.source, port: first.sourcePort };
    const destination = { address: first.destination, port: first.destinationPort };
    const synAck = hasFlag(first, TcpFlag.SYN) && hasFlag(first, TcpFlag.ACK);
    this.client = synAck ? destination : source;
    this.server = synAck ? source : destination;
    this.rolesFromHandshake = hasFlag(first, TcpFlag.SYN);
    this.firstFrame = this.lastFrame = first.frame;
    this.firstTime = this.lastTime = first.time;
    const rtt = (): number | undefined => handshakeRtt(this.handshake);
    this.fromClient = new StreamReassembler(this.sinkFor('client'), maxHeldBytes, rtt);
    this.fromServer = new StreamReassembler(this.sinkFor('server'), maxHeldBytes, rtt);
  }

  sideOf(segment: TcpSegment): Side {
    const fromClient = segment.source === this.client.address &&
      segment.sourcePort === this.client.port;
    return fromClient ? 'client' : 'server';
  }

  get clientBytes(): number {
    return this.fromClient.deliveredBytes;
  }

  get serverBytes(): number {
    return this.fromServer.deliveredBytes;
  }

  get missingBytes(): number {
    return this.fromClient.missingBytes + this.fromServer.missingBytes;
  }

  /** True once a RST was seen or both sides' FINs were reached. */
  get isClosed(): boolean {
    const { client, server } = this.closes;
    return client?.how === 'rst' || server?.how === 'rst' || (!!client && !!server);
  }

  accept(segment: TcpSegment): void {
    const side = this.sideOf(segment);
    this.packets++;
    this.lastFrame = segment.frame;
    this.lastTime = segment.time;
    this.baseSeq[side] ??= segment.seq;
    this.noteHandshake(segment, side);

    const reassembler = side === 'client' ? this.fromClient : this.fromServer;
    const other = side === 'client' ? this.fromServer : this.fromClient;
    const notes = reassembler.accept(segment, other.ackState);
    if (hasFlag(segment, TcpFlag.ACK)) {
      other.acknowledge(segment.ack, segment.frame, segment.time);
    }
    for (const note of notes) this.noteCounts[note] = (this.noteCounts[note] ?? 0) + 1;
    this.listener.segment?.(this, segment, side, notes);
  }

  /** End of capture: delivers what still waits behind holes. */
  finish(): void {
    this.fromClient.finish(this.lastFrame, this.lastTime);
    this.fromServer.finish(this.lastFrame, this.lastTime);
  }

  private noteHandshake(segment: TcpSegment, side: Side): void {
    const facts = this.handshake;
    const syn = hasFlag(segment, TcpFlag.SYN);
    const ack = hasFlag(segment, TcpFlag.ACK);
    if (syn && !ack && side === 'client' && facts.synFrame === undefined) {
      facts.synFrame = segment.frame;
      facts.synTime = segment.time;
      facts.client = sideOffer(segment.options);
    } else if (syn && ack && side === 'server' && facts.synAckFrame === undefined) {
      facts.synAckFrame = segment.frame;
      facts.synAckTime = segment.time;
      facts.server = sideOffer(segment.options);
    } else if (!syn && ack && side === 'client' && facts.synAckFrame !== undefined &&
      facts.ackFrame === undefined) {
      facts.ackFrame = segment.frame;
      facts.ackTime = segment.time;
    }
  }

  private sinkFor(side: Side): StreamSink {
    return {
      data: (bytes, frame, time) => this.listener.data?.(this, side, bytes, frame, time),
      gap: (length, frame, time) => this.listener.gap?.(this, side, length, frame, time),
      end: (how, frame, time) => {
        this.closes[side] = { how, frame, time };
        this.listener.end?.(this, side, how, frame, time);
      },
    };
  }
}
