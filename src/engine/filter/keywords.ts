// The reserved words of the pcap-filter language and the names that stand for numbers.

/** Protocol qualifiers (libpcap's `pname`). `link`, `ppp`, `slip`... all mean the link layer. */
export const PROTOCOL_WORDS: ReadonlyMap<string, string> = new Map([
  ['link', 'link'], ['ether', 'link'], ['ppp', 'link'], ['slip', 'link'],
  ['fddi', 'link'], ['tr', 'link'], ['wlan', 'link'],
  ['ip', 'ip'], ['arp', 'arp'], ['rarp', 'rarp'], ['sctp', 'sctp'], ['tcp', 'tcp'],
  ['udp', 'udp'], ['icmp', 'icmp'], ['igmp', 'igmp'], ['igrp', 'igrp'], ['pim', 'pim'],
  ['vrrp', 'vrrp'], ['carp', 'carp'], ['radio', 'radio'], ['ip6', 'ip6'],
  ['icmp6', 'icmp6'], ['ah', 'ah'], ['esp', 'esp'], ['atalk', 'atalk'], ['aarp', 'aarp'],
  ['decnet', 'decnet'], ['lat', 'lat'], ['sca', 'sca'], ['moprc', 'moprc'],
  ['mopdl', 'mopdl'], ['iso', 'iso'], ['esis', 'esis'], ['es-is', 'esis'], ['isis', 'isis'],
  ['is-is', 'isis'], ['l1', 'l1'], ['l2', 'l2'], ['iih', 'iih'], ['lsp', 'lsp'],
  ['snp', 'snp'], ['csnp', 'csnp'], ['psnp', 'psnp'], ['clnp', 'clnp'], ['stp', 'stp'],
  ['ipx', 'ipx'], ['netbeui', 'netbeui'],
]);

/** Every other reserved word, spelled as the parser sees it. */
export const OTHER_WORDS: ReadonlyMap<string, string> = new Map([
  ['src', 'src'], ['dst', 'dst'], ['host', 'host'], ['net', 'net'], ['mask', 'mask'],
  ['port', 'port'], ['portrange', 'portrange'], ['proto', 'proto'],
  ['protochain', 'protochain'], ['gateway', 'gateway'], ['type', 'type'],
  ['subtype', 'subtype'], ['direction', 'dir'], ['dir', 'dir'], ['address1', 'addr1'],
  ['addr1', 'addr1'], ['address2', 'addr2'], ['addr2', 'addr2'], ['address3', 'addr3'],
  ['addr3', 'addr3'], ['address4', 'addr4'], ['addr4', 'addr4'], ['ra', 'ra'], ['ta', 'ta'],
  ['less', 'less'], ['greater', 'greater'], ['byte', 'byte'], ['broadcast', 'broadcast'],
  ['multicast', 'multicast'], ['and', 'and'], ['or', 'or'], ['not', 'not'], ['len', 'len'],
  ['inbound', 'inbound'], ['outbound', 'outbound'], ['ifindex', 'ifindex'],
  ['vlan', 'vlan'], ['mpls', 'mpls'], ['pppoed', 'pppoed'], ['pppoes', 'pppoes'],
  ['geneve', 'geneve'], ['lane', 'lane'], ['llc', 'llc'], ['metac', 'metac'], ['bcc', 'bcc'],
  ['oam', 'oam'], ['oamf4', 'oamf4'], ['oamf4ec', 'oamf4ec'], ['oamf4sc', 'oamf4sc'],
  ['sc', 'sc'], ['ilmic', 'ilmic'], ['vpi', 'vpi'], ['vci', 'vci'],
  ['connectmsg', 'connectmsg'], ['metaconnect', 'metaconnect'], ['on', 'on'],
  ['ifname', 'on'], ['rnr', 'rnr'], ['rulenum', 'rnr'], ['srnr', 'srnr'],
  ['subrulenum', 'srnr'], ['reason', 'reason'], ['rset', 'rset'], ['ruleset', 'rset'],
  ['action', 'action'], ['fisu', 'fisu'], ['lssu', 'lssu'], ['lsu', 'lsu'], ['sio', 'sio'],
  ['opc', 'opc'], ['dpc', 'dpc'], ['sls', 'sls'], ['hfisu', 'hfisu'], ['hlssu', 'hlssu'],
  ['hlsu', 'hlsu'], ['hsio', 'hsio'], ['hopc', 'hopc'], ['hdpc', 'hdpc'], ['hsls', 'hsls'],
]);

/** Names the scanner turns straight into numbers (header offsets, types and flag bits). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['icmptype', 0], ['icmpcode', 1],
  ['icmp-echoreply', 0], ['icmp-unreach', 3], ['icmp-sourcequench', 4],
  ['icmp-redirect', 5], ['icmp-echo', 8], ['icmp-routeradvert', 9],
  ['icmp-routersolicit', 10], ['icmp-timxceed', 11], ['icmp-paramprob', 12],
  ['icmp-tstamp', 13], ['icmp-tstampreply', 14], ['icmp-ireq', 15],
  ['icmp-ireqreply', 16], ['icmp-maskreq', 17], ['icmp-maskreply', 18],
  ['icmp6type', 0], ['icmp6code', 1],
  ['icmp6-destinationunreach', 1], ['icmp6-packettoobig', 2], ['icmp6-timeexceeded', 3],
  ['icmp6-parameterproblem', 4], ['icmp6-echo', 128], ['icmp6-echoreply', 129],
  ['icmp6-multicastlistenerquery', 130], ['icmp6-multicastlistenerreportv1', 131],
  ['icmp6-multicastlistenerdone', 132], ['icmp6-routersolicit', 133],
  ['icmp6-routeradvert', 134], ['icmp6-neighborsolicit', 135],
  ['icmp6-neighboradvert', 136], ['icmp6-redirect', 137], ['icmp6-routerrenum', 138],
  ['icmp6-nodeinformationquery', 139], ['icmp6-nodeinformationresponse', 140],
  ['icmp6-ineighbordiscoverysolicit', 141], ['icmp6-ineighbordiscoveryadvert', 142],
  ['icmp6-multicastlistenerreportv2', 143], ['icmp6-homeagentdiscoveryrequest', 144],
  ['icmp6-homeagentdiscoveryreply', 145], ['icmp6-mobileprefixsolicit', 146],
  ['icmp6-mobileprefixadvert', 147], ['icmp6-certpathsolicit', 148],
  ['icmp6-certpathadvert', 149], ['icmp6-multicastrouteradvert', 151],
  ['icmp6-multicastroutersolicit', 152], ['icmp6-multicastrouterterm', 153],
  ['tcpflags', 13], ['tcp-fin', 0x01], ['tcp-syn', 0x02], ['tcp-rst', 0x04],
  ['tcp-push', 0x08], ['tcp-ack', 0x10], ['tcp-urg', 0x20], ['tcp-ece', 0x40],
  ['tcp-cwr', 0x80],
]);
