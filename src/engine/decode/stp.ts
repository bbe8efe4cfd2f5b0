// Spanning tree BPDUs (IEEE 802.1D, rapid 802.1w), carried in LLC with SAP 0x42.

import { macString } from './address';
import type { DecodeContext } from './decode-context';

const VERSIONS: ReadonlyMap<number, string> = new Map([
  [0, '802.1d'], [2, '802.1w'], [3, '802.1s'], [4, 'SPB'],
]);
const BPDU_TYPES: ReadonlyMap<number, string> = new Map([
  [0x00, 'Config'], [0x02, 'Rapid STP'], [0x80, 'Topology Change'],
]);
const FLAGS: [number, string][] = [
  [0x01, 'Topology change'], [0x02, 'Proposal'], [0x10, 'Learn'], [0x20, 'Forward'],
  [0x40, 'Agreement'], [0x80, 'Topology change ACK'],
];
const PORT_ROLES = ['Unknown', 'Alternate', 'Root', 'Designated'];
const CONFIG_LENGTH = 35;
/** BPDU times count 1/256 s. */
const TIME_BASE = 256;

function bridgeId(ctx: DecodeContext, at: number): string {
  const r = ctx.r;
  return `${r.u16(at).toString(16).padStart(4, '0')}.${macString(r, at + 2)}`;
}

function seconds(ctx: DecodeContext, at: number): string {
  return `${(ctx.r.u16(at) / TIME_BASE).toFixed(2)}s`;
}

export function printStp(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'stp';
  if (length < 4 || r.u16(at) !== 0) {
    ctx.out += ' (invalid)';
    return;
  }
  const version = r.u8(at + 2);
  const type = r.u8(at + 3);
  const versionName = VERSIONS.get(version);
  if (!versionName) {
    ctx.out += `unknown STP version, length ${length}`;
    return;
  }
  ctx.out += `STP ${versionName}, ` +
    (BPDU_TYPES.get(type) ?? `Unknown BPDU Type (0x${type.toString(16).padStart(2, '0')})`);
  const rapid = type === 0x02 && version === 2;
  if (type !== 0x00 && !rapid) return;
  if (length < (rapid ? CONFIG_LENGTH + 1 : CONFIG_LENGTH)) {
    ctx.out += ' (invalid)';
    return;
  }

  const flags = r.u8(at + 4);
  const names = FLAGS.filter(([bit]) => flags & bit).map(([, name]) => name);
  ctx.out += `, Flags [${names.length ? names.join(', ') : 'none'}]` +
    `, bridge-id ${bridgeId(ctx, at + 17)}.${r.u16(at + 25).toString(16).padStart(4, '0')}` +
    `, length ${length}`;
  if (!ctx.verbose) return;
  ctx.out += `\n\tmessage-age ${seconds(ctx, at + 27)}, max-age ${seconds(ctx, at + 29)}` +
    `, hello-time ${seconds(ctx, at + 31)}, forwarding-delay ${seconds(ctx, at + 33)}`;
  ctx.out += `\n\troot-id ${bridgeId(ctx, at + 5)}, root-pathcost ${r.u32(at + 13)}`;
  if (version === 2) ctx.out += `, port-role ${PORT_ROLES[(flags >> 2) & 3]}`;
}
