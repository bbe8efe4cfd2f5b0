// Names tcpdump gives to EtherTypes and IP protocol numbers.

/** EtherType names as tcpdump prints them (`ethertype IPv4 (0x0800)`). */
export const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0800, 'IPv4'], [0x86dd, 'IPv6'], [0x0806, 'ARP'], [0x8035, 'Reverse ARP'],
  [0x8100, '802.1Q'], [0x88a8, '802.1Q-QinQ'], [0x9100, '802.1Q-9100'],
  [0x9200, '802.1Q-9200'], [0x8847, 'MPLS unicast'], [0x8848, 'MPLS multicast'],
  [0x8863, 'PPPoE D'], [0x8864, 'PPPoE S'], [0x88cc, 'LLDP'], [0x888e, 'EAPOL'],
  [0x9000, 'Loopback'], [0x6558, 'TEB'], [0x809b, 'Appletalk'],
  [0x80f3, 'Appletalk ARP'], [0x8137, 'IPX'], [0x876b, 'TCP/IP Compression'],
  [0x8808, 'MAC control'], [0x8809, 'Slow Protocols'], [0x880b, 'PPP'],
  [0x8902, 'CFM'], [0x88e5, '802.1AE MACsec'], [0x8906, 'FCoE'], [0x8914, 'FCoE Initialization'],
  [0x0600, 'NS'], [0x6002, 'MOP RC'], [0x6001, 'MOP DL'], [0x6003, 'DN'],
  [0x6004, 'LAT'], [0x8038, 'Lanbridge'], [0x8041, 'DEC'], [0x8044, 'DN'],
  [0x0200, 'PUP'], [0x88f7, 'PTP'], [0x8892, 'PROFINET'], [0x88e7, 'PBB'],
  [0x8870, 'Jumbo'], [0x22f0, 'AVB'], [0x893f, 'ARISTA'], [0x88a2, 'AoE'],
  [0x8819, 'CobraNet'], [0x885b, 'HPE'], [0x88e3, 'Media Redundancy Protocol'],
  [0x86df, 'WCCP'], [0x0842, 'Wake-on-LAN'], [0x8909, 'GeoNet'], [0x894f, 'NSH'],
]);

/** IP protocol names as tcpdump -v prints them (`proto TCP (6)`). */
export const IP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [0, 'Options'], [1, 'ICMP'], [2, 'IGMP'], [4, 'IPIP'], [6, 'TCP'], [8, 'EGP'],
  [9, 'IGRP'], [17, 'UDP'], [33, 'DCCP'], [41, 'IPv6'], [43, 'Routing'],
  [44, 'Fragment'], [46, 'RSVP'], [47, 'GRE'], [50, 'ESP'], [51, 'AH'], [55, 'Mobile IP'],
  [58, 'ICMPv6'], [62, 'Mobile IP (old)'],
  [88, 'EIGRP'], [89, 'OSPF'], [103, 'PIM'], [108, 'Compressed IP'], [112, 'VRRP'],
  [113, 'PGM'], [132, 'SCTP'], [135, 'Mobility'],
]);

export function ethertypeName(type: number): string | undefined {
  return ETHERTYPE_NAMES.get(type);
}

export function ipProtocolName(protocol: number): string {
  return IP_PROTOCOL_NAMES.get(protocol) ?? 'unknown';
}

export function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}
