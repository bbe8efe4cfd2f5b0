// The expressions a packet's context menu offers, from its decoded layers: its hosts, its
// ports and its conversation, in the pcap-filter words an admin would type.

import type { DetailLayer } from '../../../../shared/api';

export interface PacketFilters {
  source?: string;
  destination?: string;
  /** Source port first; one entry when both are the same. */
  ports: number[];
  /** Both hosts and, with TCP or UDP, both ports; absent without IP. */
  conversation?: string;
  /** True for TCP, the only transport Follow SMTP reads. */
  tcp: boolean;
}

/** Only plain addresses reach an expression: a decoded value could hold anything. */
const ADDRESS = /^[0-9A-Fa-f:.]+$/;

/** The innermost layer of those named: a tunnel's inner packet is the one the user reads. */
function innermost(layers: DetailLayer[], names: string[]): DetailLayer | undefined {
  return layers.findLast((layer) => names.includes(layer.name));
}

function value(layer: DetailLayer | undefined, name: string): string | number | undefined {
  return layer?.fields.find((field) => field.name === name)?.value;
}

export function packetFilters(layers: DetailLayer[]): PacketFilters {
  const ip = innermost(layers, ['ip', 'ipv6']);
  const prefix = ip?.name === 'ipv6' ? 'ipv6' : 'ip';
  const address = (name: string) => {
    const text = String(value(ip, `${prefix}.${name}`) ?? '');
    return ADDRESS.test(text) ? text : undefined;
  };
  const source = address('src');
  const destination = address('dst');
  const transport = innermost(layers, ['tcp', 'udp']);
  const port = (name: string) => {
    const found = value(transport, `${transport?.name}.${name}`);
    return typeof found === 'number' ? found : undefined;
  };
  const sourcePort = port('srcport');
  const destinationPort = port('dstport');
  const ports = sourcePort === undefined || destinationPort === undefined ? []
    : [...new Set([sourcePort, destinationPort])];

  let conversation: string | undefined;
  if (source && destination) {
    const hosts = [...new Set([source, destination])].map((host) => `host ${host}`);
    conversation = [...hosts, ...ports.map((p) => `port ${p}`)].join(' and ');
  }
  return { source, destination, ports, conversation, tcp: transport?.name === 'tcp' };
}
