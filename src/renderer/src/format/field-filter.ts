// The pcap-filter expression that selects packets with a field's value, where one exists.

type Builder = (value: string) => string;

/** Field name (as the detail tree names it) to the libpcap primitive with the same meaning. */
const PRIMITIVES: Record<string, Builder> = {
  'eth.src': (v) => `ether src ${v}`,
  'eth.dst': (v) => `ether dst ${v}`,
  'eth.type': (v) => `ether proto ${v}`,
  'vlan.id': (v) => `vlan ${v}`,
  'ip.src': (v) => `src host ${v}`,
  'ip.dst': (v) => `dst host ${v}`,
  'ip.proto': (v) => `ip proto ${v}`,
  'ipv6.src': (v) => `src host ${v}`,
  'ipv6.dst': (v) => `dst host ${v}`,
  'ipv6.nxt': (v) => `ip6 proto ${v}`,
  'tcp.srcport': (v) => `tcp src port ${v}`,
  'tcp.dstport': (v) => `tcp dst port ${v}`,
  'udp.srcport': (v) => `udp src port ${v}`,
  'udp.dstport': (v) => `udp dst port ${v}`,
  'arp.opcode': (v) => `arp[6:2] = ${v}`,
  'icmp.type': (v) => `icmp[icmptype] = ${v}`,
  'icmpv6.type': (v) => `icmp6[icmp6type] = ${v}`,
};

/** Only plain values reach the expression: a decoded value could hold anything. */
const SAFE_VALUE = /^[0-9A-Za-z:.]+$/;

/** The expression, or null when libpcap has no primitive for the field or the value is odd. */
export function filterForField(name: string, value: string | number): string | null {
  const build = PRIMITIVES[name];
  const text = String(value).trim().split(/\s/)[0] ?? '';
  if (!build || !SAFE_VALUE.test(text)) return null;
  return build(text);
}
