// The endpoints part of the contract: the hosts and ports a capture holds, most frequent
// first, for completing `host` and `port` in the filter bar.

import { z } from 'zod';

/** At most this many hosts and this many ports come back. */
export const MAX_ENDPOINTS = 200;

export interface FrequentEndpoints {
  /** IPv4 dotted quads and IPv6 text as tcpdump -n prints them; packets that carry each. */
  hosts: { address: string; packets: number }[];
  /** TCP, UDP and SCTP ports; packets that carry each, as source or destination. */
  ports: { port: number; packets: number }[];
  /** Packets looked at, of the document's packets when asked. */
  counted: number;
  /**
   * Packets the index's header columns do not describe (IPv6, VLAN-tagged…) are read from
   * the file up to a bound; those beyond it are left out and counted here.
   */
  skipped: number;
}

export const EndpointRequestSchemas = {
  'document.endpoints': z.object({
    limit: z.number().int().positive().max(MAX_ENDPOINTS).optional(),
  }).strict(),
} as const;

export interface EndpointResults {
  'document.endpoints': FrequentEndpoints;
}
