// Service and protocol names the filter language accepts, as a Debian 12 system knows them.

// The engine reads no files, so the tables of netbase's /etc/services and /etc/protocols are
// kept here. Each entry is name/port (both TCP and UDP), name/NNt (TCP only) or name/NNu.
// Names missing here but added to a system's /etc/services are a known gap.

const SERVICE_TEXT = [
  'tcpmux/1t echo/7 discard/9 null/9 sink/9 systat/11t users/11t daytime/13 netstat/15t',
  'qotd/17t quote/17t chargen/19 source/19 ttytst/19 ftp-data/20t fsp/21u fspd/21u',
  'ftp/21t ssh/22t telnet/23t mail/25t smtp/25t time/37 timserver/37 nicname/43t',
  'whois/43t tacacs/49 domain/53 bootps/67u bootpc/68u tftp/69u gopher/70t finger/79t',
  'http/80t www/80t kerberos/88 kerberos-sec/88 kerberos5/88 krb5/88 iso-tsap/102t',
  'tsap/102t acr-nema/104t dicom/104t poppassd/106t pop-3/110t pop3/110t portmapper/111',
  'sunrpc/111 auth/113t authentication/113t ident/113t tap/113t nntp/119t readnews/119t',
  'untp/119t ntp/123u epmap/135t loc-srv/135t netbios-ns/137u netbios-dgm/138u',
  'netbios-ssn/139t imap/143t imap2/143t snmp/161 snmp-trap/162 snmptrap/162',
  'cmip-man/163 cmip-agent/164 mailq/174t xdmcp/177u bgp/179t smux/199t qmtp/209t',
  'wais/210t z3950/210t ipx/213u ptp-event/319u ptp-general/320u pawserv/345t',
  'zserv/346t rpc2portmap/369 codaauth2/370 Clearcase/371u clearcase/371u ldap/389',
  'svrloc/427 https/443 snpp/444t microsoft-ds/445t kpasswd/464 smtps/465t ssmtp/465t',
  'submissions/465t urd/465t saft/487t isakmp/500u biff/512u comsat/512u exec/512t',
  'login/513t who/513u whod/513u cmd/514t shell/514t syslog/514 printer/515t',
  'spooler/515t talk/517u ntalk/518u route/520u routed/520u router/520u gdomap/538',
  'uucp/540t uucpd/540t klogin/543t krcmd/544t kshell/544t dhcpv6-client/546u',
  'dhcpv6-server/547u afpovertcp/548t rtsp/554 nntps/563t snntp/563t submission/587t',
  'nqs/607t asf-rmcp/623u qmqp/628t ipp/631t ldaps/636 ldp/646 tinc/655 silc/706t',
  'kerberos-adm/749t kdc/750 kerberos-iv/750 kerberos4/750 kerberos-master/751',
  'kerberos_master/751u passwd-server/752u passwd_server/752u hprop/754t krb-prop/754t',
  'krb5_prop/754t krb_prop/754t moira-db/775t moira_db/775t moira-update/777t',
  'moira_update/777t moira-ureg/779u moira_ureg/779u spamd/783t domain-s/853',
  'supfilesrv/871t rsync/873t ftps-data/989t ftps/990t telnets/992t imaps/993t',
  'pop3s/995t socks/1080t proofd/1093t rootd/1094t rmiregistry/1099t supfiledbg/1127t',
  'skkserv/1178t openvpn/1194 predict/1210u rmtcfg/1236t xtel/1313t xtelw/1314t',
  'lotusnote/1352t lotusnotes/1352t ms-sql-s/1433t ms-sql-m/1434u ingreslock/1524t',
  'datametrics/1645 old-radius/1645 old-radacct/1646 sa-msg-port/1646 kermit/1649t',
  'groupwise/1677t l2f/1701u l2tp/1701u radius/1812 radacct/1813 radius-acct/1813',
  'cisco-sccp/2000t nfs/2049 gnunet/2086 rtcm-sc104/2101 zephyr-srv/2102u',
  'zephyr-clt/2103u zephyr-hm/2104u gsigatekeeper/2119t iprop/2121t gris/2135t',
  'cvspserver/2401t venus/2430 venus-se/2431 codasrv/2432 codasrv-se/2433 mon/2583',
  'zebrasrv/2600t zebra/2601t ripd/2602t ripngd/2603t ospfd/2604t bgpd/2605t',
  'ospf6d/2606t ospfapi/2607t isisd/2608t dict/2628t f5-globalsite/2792t gsiftp/2811t',
  'gpsd/2947t gds-db/3050t gds_db/3050t icp/3130u icpv2/3130u isns/3205',
  'iscsi-target/3260t mysql/3306t ms-wbt-server/3389t nut/3493 distcc/3632t daap/3689t',
  'subversion/3690t svn/3690t suucp/4031t sysrqd/4094t sieve/4190t f5-iquery/4353t',
  'epmd/4369t remctl/4373t ntske/4460t ipsec-nat-t/4500u fax/4557t hylafax/4559t',
  'iax/4569u mtn/4691t radmin-port/4899t lrrd/4949t munin/4949t sip/5060 sip-tls/5061',
  'jabber-client/5222t xmpp-client/5222t jabber-server/5269t xmpp-server/5269t',
  'cfengine/5308t mdns/5353u postgres/5432t postgresql/5432t rplay/5555u freeciv/5556t',
  'rptp/5556t nrpe/5666t nsca/5667t amqps/5671t amqp/5672t canna/5680t x11/6000t',
  'x11-0/6000t x11-1/6001t x11-2/6002t x11-3/6003t x11-4/6004t x11-5/6005t x11-6/6006t',
  'x11-7/6007t gnutella-svc/6346 gnutella-rtr/6347 redis/6379t sge-qmaster/6444t',
  'sge_qmaster/6444t sge-execd/6445t sge_execd/6445t mysql-proxy/6446t syslog-tls/6514t',
  'sane/6566t sane-port/6566t saned/6566t ircd/6667t babel/6696u ircs-u/6697t',
  'afs3-fileserver/7000u bbs/7000t afs3-callback/7001u afs3-prserver/7002u',
  'afs3-vlserver/7003u afs3-kaserver/7004u afs3-volser/7005u afs3-bos/7007u',
  'afs3-update/7008u afs3-rmtsys/7009u font-service/7100t xfs/7100t zope-ftp/8021t',
  'http-alt/8080t webcache/8080t tproxy/8081t omniorb/8088t puppet/8140t',
  'clc-build-daemon/8990t xinetd/9098t bacula-dir/9101t bacula-fd/9102t bacula-sd/9103t',
  'git/9418t xmms2/9667t zope/9673t webmin/10000t zabbix-agent/10050t',
  'zabbix-trapper/10051t amanda/10080t kamanda/10081t amandaidx/10082t amidxtape/10083t',
  'nbd/10809t hkp/11371t sgi-cmsd/17001u sgi-crsd/17002u sgi-gcd/17003u sgi-cad/17004t',
  'db-lsp/17500t dcap/22125t gsidcap/22128t wnn6/22273t binkp/24554t asp/27374',
  'csync2/30865t dircproxy/57000t tfido/60177t fido/60179t',
].join(' ');

const PROTOCOL_TEXT = [
  'ip/0 IP/0 hopopt/0 HOPOPT/0 icmp/1 ICMP/1 igmp/2 IGMP/2 ggp/3 GGP/3 ipencap/4',
  'IP-ENCAP/4 st/5 ST/5 tcp/6 TCP/6 egp/8 EGP/8 igp/9 IGP/9 pup/12 PUP/12 udp/17 UDP/17',
  'hmp/20 HMP/20 xns-idp/22 XNS-IDP/22 rdp/27 RDP/27 iso-tp4/29 ISO-TP4/29 dccp/33',
  'DCCP/33 xtp/36 XTP/36 ddp/37 DDP/37 idpr-cmtp/38 IDPR-CMTP/38 ipv6/41 IPv6/41',
  'ipv6-route/43 IPv6-Route/43 ipv6-frag/44 IPv6-Frag/44 idrp/45 IDRP/45 rsvp/46',
  'RSVP/46 gre/47 GRE/47 esp/50 IPSEC-ESP/50 ah/51 IPSEC-AH/51 skip/57 SKIP/57',
  'ipv6-icmp/58 IPv6-ICMP/58 ipv6-nonxt/59 IPv6-NoNxt/59 ipv6-opts/60 IPv6-Opts/60',
  'rspf/73 RSPF/73 CPHB/73 vmtp/81 VMTP/81 eigrp/88 EIGRP/88 ospf/89 OSPFIGP/89',
  'ax.25/93 AX.25/93 ipip/94 IPIP/94 etherip/97 ETHERIP/97 encap/98 ENCAP/98 pim/103',
  'PIM/103 ipcomp/108 IPCOMP/108 vrrp/112 VRRP/112 l2tp/115 L2TP/115 isis/124 ISIS/124',
  'sctp/132 SCTP/132 fc/133 FC/133 mobility-header/135 Mobility-Header/135 udplite/136',
  'UDPLite/136 mpls-in-ip/137 MPLS-in-IP/137 manet/138 hip/139 HIP/139 shim6/140',
  'Shim6/140 wesp/141 WESP/141 rohc/142 ROHC/142 ethernet/143 Ethernet/143 mptcp/262',
  'MPTCP/262',
].join(' ');

export interface ServicePorts {
  readonly tcp?: number;
  readonly udp?: number;
}

function parseServices(): Map<string, ServicePorts> {
  const table = new Map<string, ServicePorts>();
  for (const entry of SERVICE_TEXT.split(' ')) {
    const [name, ...ports] = entry.split('/');
    let tcp: number | undefined;
    let udp: number | undefined;
    for (const port of ports) {
      if (port.endsWith('t')) tcp = Number(port.slice(0, -1));
      else if (port.endsWith('u')) udp = Number(port.slice(0, -1));
      else tcp = udp = Number(port);
    }
    table.set(name, { tcp, udp });
  }
  return table;
}

function parseProtocols(): Map<string, number> {
  const table = new Map<string, number>();
  for (const entry of PROTOCOL_TEXT.split(' ')) {
    const [name, number] = entry.split('/');
    if (!table.has(name)) table.set(name, Number(number));
  }
  return table;
}

export const SERVICES: ReadonlyMap<string, ServicePorts> = parseServices();
export const IP_PROTOCOLS: ReadonlyMap<string, number> = parseProtocols();

/** libpcap's own table of link-layer protocol names (`ether proto \\arp`). */
export const ETHER_PROTOCOLS: ReadonlyMap<string, number> = new Map([
  ['ip', 0x0800], ['ip6', 0x86dd], ['arp', 0x0806], ['rarp', 0x8035], ['atalk', 0x809b],
  ['aarp', 0x80f3], ['decnet', 0x6003], ['sca', 0x6007], ['lat', 0x6004], ['mopdl', 0x6001],
  ['moprc', 0x6002], ['loopback', 0x9000],
  // 802.2 SAP values, which libpcap also accepts after `ether proto`.
  ['iso', 0xfe], ['stp', 0x42], ['ipx', 0xe0], ['netbeui', 0xf0],
]);
