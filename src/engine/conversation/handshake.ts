// What the three-way handshake tells: timing and the options each side offered.

import type { TcpOptions } from './tcp-segment';

/** The options one side put on its SYN or SYN/ACK. */
export interface SideOffer {
  readonly mss?: number;
  readonly windowScale?: number;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
}

export interface HandshakeFacts {
  synFrame?: number;
  synTime?: number;
  synAckFrame?: number;
  synAckTime?: number;
  ackFrame?: number;
  ackTime?: number;
  client?: SideOffer;
  server?: SideOffer;
}

export function sideOffer(options: TcpOptions): SideOffer {
  return {
    mss: options.mss,
    windowScale: options.windowScale,
    sackPermitted: options.sackPermitted === true,
    timestamps: options.timestamp !== undefined,
  };
}

/** SYN to the client's ACK: the round trip as the capture point saw it, in seconds. */
export function handshakeRtt(facts: HandshakeFacts): number | undefined {
  if (facts.synTime === undefined || facts.ackTime === undefined) return undefined;
  return facts.ackTime - facts.synTime;
}
