// DHCPv6 (RFC 8415) on ports 546 and 547: the message type.

import type { DecodeContext } from './decode-context';

export const DHCP6_CLIENT_PORT = 546;
export const DHCP6_SERVER_PORT = 547;

const MESSAGE_TYPES = [
  '', 'solicit', 'advertise', 'request', 'confirm', 'renew', 'rebind', 'reply', 'release',
  'decline', 'reconfigure', 'inf-req', 'relay-fwd', 'relay-reply', 'leasequery',
  'leasequery-reply',
];

/**
 * Prints `dhcp6 solicit`. With -v tcpdump adds the transaction id and every option in
 * parentheses; those options are not decoded here, so -v shows the same words.
 */
export function printDhcp6(ctx: DecodeContext, at: number): void {
  ctx.protocol = 'dhcp6';
  const type = ctx.r.u8(at);
  ctx.out += `dhcp6 ${MESSAGE_TYPES[type] || `msgtype-${type}`}`;
}
