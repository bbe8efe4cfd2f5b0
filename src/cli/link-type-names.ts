// tcpdump's names for link types, as in "link-type EN10MB (Ethernet)".

const NAMES: Record<number, [string, string]> = {
  0: ['NULL', 'BSD loopback'],
  1: ['EN10MB', 'Ethernet'],
  101: ['RAW', 'Raw IP'],
  108: ['LOOP', 'OpenBSD loopback'],
  113: ['LINUX_SLL', 'Linux cooked v1'],
  228: ['IPV4', 'Raw IPv4'],
  229: ['IPV6', 'Raw IPv6'],
  276: ['LINUX_SLL2', 'Linux cooked v2'],
};

/** "EN10MB (Ethernet)", or the number for link types we do not know by name. */
export function linkTypeLabel(linkType: number): string {
  const known = NAMES[linkType];
  return known ? `${known[0]} (${known[1]})` : `${linkType}`;
}
