// Checks a capture filter by compiling it for a link type, as libpcap will when capturing.

import { CaptureError } from './capture-error';
import { nativeAddon } from './native-addon';
import { openError } from './native-error';

/** A link type (libpcap's DLT_* value, as listInterfaces() probes it) or an interface. */
export type FilterTarget =
  | { readonly dlt: number; readonly snaplen?: number }
  | { readonly interface: string; readonly snaplen?: number };

export interface CompiledFilter {
  /** Length of the BPF program libpcap made; 1 for the empty filter. */
  readonly instructions: number;
}

/** Opens the interface briefly for its link type; needs capture privileges. */
function linkTypeOf(name: string): number {
  try {
    return nativeAddon().probeLinkType(name).dlt;
  } catch (error) {
    throw openError(error, name, '');
  }
}

/**
 * Compiles `expression` without capturing; for a link type it needs no privileges. Throws
 * CAPTURE_BAD_FILTER with libpcap's own text. Filters that depend on the interface's IPv4
 * netmask ("ip broadcast") compile here with the netmask unknown, as libpcap does for a
 * device without an IPv4 address; opening the capture checks them again with the real one.
 * On a live Linux interface libpcap reads VLAN tags through kernel extensions, so "vlan"
 * filters compile to other code there than here; whether they are valid does not change.
 */
export function compileFilter(expression: string, target: FilterTarget): CompiledFilter {
  if (expression.length > 65536) {
    throw new CaptureError('CAPTURE_BAD_FILTER',
      'The capture filter is longer than 64 KiB: shorten it.');
  }
  const dlt = 'dlt' in target ? target.dlt : linkTypeOf(target.interface);
  try {
    const instructions = nativeAddon().compileFilter(expression, dlt, target.snaplen ?? 262144);
    return { instructions };
  } catch (error) {
    if (error instanceof CaptureError) throw error;
    const native = error instanceof Error ? error : new Error(String(error));
    throw openError(Object.assign(native, { stage: 'filter' }), '', expression);
  }
}
