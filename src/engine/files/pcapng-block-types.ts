// pcapng block type codes and the short names used in messages.
// Format: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/

export const BlockType = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  /** The obsolete Packet Block, superseded by the Enhanced Packet Block. */
  PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  NAME_RESOLUTION: 0x00000004,
  INTERFACE_STATISTICS: 0x00000005,
  ENHANCED_PACKET: 0x00000006,
  CUSTOM: 0x00000bad,
  CUSTOM_DO_NOT_COPY: 0x40000bad,
} as const;

export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const names = new Map<number, string>([
  [BlockType.SECTION_HEADER, 'SHB'],
  [BlockType.INTERFACE_DESCRIPTION, 'IDB'],
  [BlockType.PACKET, 'PB'],
  [BlockType.SIMPLE_PACKET, 'SPB'],
  [BlockType.NAME_RESOLUTION, 'NRB'],
  [BlockType.INTERFACE_STATISTICS, 'ISB'],
  [BlockType.ENHANCED_PACKET, 'EPB'],
  [BlockType.CUSTOM, 'CB'],
  [BlockType.CUSTOM_DO_NOT_COPY, 'DCB'],
]);

/** "EPB", or "block type 0x00000123" for types Tapline does not know. */
export function blockTypeName(type: number): string {
  return names.get(type) ?? `block type 0x${type.toString(16).padStart(8, '0')}`;
}
