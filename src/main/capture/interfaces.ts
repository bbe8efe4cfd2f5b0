// Lists the capture interfaces libpcap knows, numbered as `tcpdump -D` numbers them.

import { nativeAddon, type NativeAddress } from './native-addon';
import { linkTypeFromDlt } from './link-type';
import { interfaceState } from './interface-state';

// PCAP_IF_* bits from <pcap/pcap.h>.
const PCAP_IF_LOOPBACK = 0x1;
const PCAP_IF_UP = 0x2;
const PCAP_IF_RUNNING = 0x4;
const PCAP_IF_WIRELESS = 0x8;
const PCAP_IF_CONNECTION_STATUS = 0x30;

export type ConnectionStatus = 'unknown' | 'connected' | 'disconnected' | 'not-applicable';

const CONNECTION_STATUS: readonly ConnectionStatus[] =
  ['unknown', 'connected', 'disconnected', 'not-applicable'];

export interface InterfaceFlags {
  readonly up: boolean;
  readonly running: boolean;
  readonly loopback: boolean;
  readonly wireless: boolean;
  readonly connection: ConnectionStatus;
}

export interface InterfaceLinkType {
  /** LINKTYPE_* value, as a capture file records it. */
  readonly linkType: number;
  /** libpcap's DLT_* value. */
  readonly dlt: number;
  /** libpcap's name (EN10MB) and description (Ethernet). */
  readonly name?: string;
  readonly description?: string;
}

export interface CaptureDevice {
  /** 1-based position, the number `tcpdump -D` shows and `tcpdump -i` accepts. */
  readonly number: number;
  readonly name: string;
  readonly description?: string;
  /** The kernel's interface index; 0 for pseudo-devices such as nflog or any. */
  readonly index: number;
  readonly flags: InterfaceFlags;
  readonly addresses: readonly NativeAddress[];
  /** Absent when probing was not asked for or not permitted. */
  readonly linkType?: InterfaceLinkType;
}

export interface ListOptions {
  /**
   * Opens each network interface (and `any`) briefly to learn its link type. Needs capture
   * privileges; without them linkType is left out. Pseudo-devices (nflog, nfqueue, dbus,
   * bluetooth) are not opened, since opening some of them binds kernel queues.
   */
  readonly probeLinkTypes?: boolean;
}

function flagsOf(bits: number): InterfaceFlags {
  return {
    up: (bits & PCAP_IF_UP) !== 0,
    running: (bits & PCAP_IF_RUNNING) !== 0,
    loopback: (bits & PCAP_IF_LOOPBACK) !== 0,
    wireless: (bits & PCAP_IF_WIRELESS) !== 0,
    connection: CONNECTION_STATUS[(bits & PCAP_IF_CONNECTION_STATUS) >> 4],
  };
}

function probe(name: string): InterfaceLinkType | undefined {
  if (interfaceState(name) === 'down') return undefined;
  try {
    const found = nativeAddon().probeLinkType(name);
    return { linkType: linkTypeFromDlt(found.dlt), ...found };
  } catch {
    return undefined;
  }
}

export function listInterfaces(options: ListOptions = {}): CaptureDevice[] {
  return nativeAddon().listInterfaces().map((device, position) => {
    const probed = options.probeLinkTypes && (device.index > 0 || device.name === 'any')
      ? probe(device.name)
      : undefined;
    return {
      number: position + 1,
      name: device.name,
      ...(device.description === undefined ? {} : { description: device.description }),
      index: device.index,
      flags: flagsOf(device.flags),
      addresses: device.addresses,
      ...(probed ? { linkType: probed } : {}),
    };
  });
}

/** The words shown in brackets after a device's name, e.g. "Up, Running, Loopback". */
export function describeFlags(flags: InterfaceFlags): string {
  const words: string[] = [];
  if (flags.up) words.push('Up');
  if (flags.running) words.push('Running');
  if (flags.wireless) words.push('Wireless');
  if (flags.loopback) words.push('Loopback');
  if (flags.connection === 'connected') words.push('Connected');
  if (flags.connection === 'disconnected') words.push('Disconnected');
  // Only the states present on the test machine are checked against tcpdump -D.
  if (flags.connection === 'unknown') words.push('Connection status unknown');
  return words.length > 0 ? words.join(', ') : 'none';
}

/** One line per device in the form `tcpdump -D` uses: `3.lo [Up, Running, Loopback]`. */
export function formatInterfaceLine(device: CaptureDevice): string {
  const description = device.description ? ` (${device.description})` : '';
  return `${device.number}.${device.name}${description} [${describeFlags(device.flags)}]`;
}
