// Maps libpcap's DLT_* values to the LINKTYPE_* values written in capture files.

/**
 * DLT_* and LINKTYPE_* agree except for a few old values that differ between systems;
 * those that Linux can return are listed here. Other systems' odd values (DLT_RAW is 14 on
 * OpenBSD) are mapped too, but untested, since only Linux is built for now.
 */
const DLT_TO_LINKTYPE: ReadonlyMap<number, number> = new Map([
  [11, 100], // DLT_ATM_RFC1483
  [12, 101], // DLT_RAW (most systems)
  [14, 101], // DLT_RAW (OpenBSD)
]);

export function linkTypeFromDlt(dlt: number): number {
  return DLT_TO_LINKTYPE.get(dlt) ?? dlt;
}
