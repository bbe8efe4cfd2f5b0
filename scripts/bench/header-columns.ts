// A sketch for the filter figure: IPv4 addresses and ports kept per packet in typed arrays.

const ETHERNET = 1;
const ETHERTYPE_IPV4 = 0x0800;
const PORTED_PROTOCOLS = new Set([6, 17, 132]);

/** What a column says of a packet. */
const Kind = { OTHER_IPV4: 0, PORTED_IPV4: 1, UNKNOWN: 2 } as const;

/**
 * Not engine code: it measures what the filter figure would cost if the index kept these
 * 13 bytes a packet. Only Ethernet and IPv4 are read; any other packet is UNKNOWN and would
 * still need its bytes and the compiled filter, which is why such packets are counted.
 */
export function headerColumns(bytes: Uint8Array, offsets: readonly number[],
  captured: readonly number[], linkType: number) {
  const packets = offsets.length;
  const sources = new Uint32Array(packets);
  const destinations = new Uint32Array(packets);
  const sourcePorts = new Uint16Array(packets);
  const destinationPorts = new Uint16Array(packets);
  const kinds = new Uint8Array(packets).fill(Kind.UNKNOWN);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fallbacks = 0;

  for (let i = 0; i < packets; i++) {
    const at = offsets[i];
    const length = captured[i];
    if (linkType !== ETHERNET || length < 34 || view.getUint16(at + 12) !== ETHERTYPE_IPV4) {
      fallbacks++;
      continue;
    }
    const headerLength = (bytes[at + 14] & 0x0f) * 4;
    sources[i] = view.getUint32(at + 26);
    destinations[i] = view.getUint32(at + 30);
    const firstFragment = (view.getUint16(at + 20) & 0x1fff) === 0;
    const ports = at + 14 + headerLength;
    if (PORTED_PROTOCOLS.has(bytes[at + 23]) && firstFragment && 14 + headerLength + 4 <= length) {
      kinds[i] = Kind.PORTED_IPV4;
      sourcePorts[i] = view.getUint16(ports);
      destinationPorts[i] = view.getUint16(ports + 2);
    } else {
      kinds[i] = Kind.OTHER_IPV4;
    }
  }

  return {
    bytesPerPacket: 4 + 4 + 2 + 2 + 1,
    fallbacks,
    /** Packets matching `host HOST and port PORT`, for an IPv4 HOST given as a number. */
    count(host: number, port: number): number {
      let matched = 0;
      for (let i = 0; i < packets; i++) {
        if (kinds[i] !== Kind.PORTED_IPV4) continue;
        if (sources[i] !== host && destinations[i] !== host) continue;
        if (sourcePorts[i] === port || destinationPorts[i] === port) matched++;
      }
      return matched;
    },
  };
}
