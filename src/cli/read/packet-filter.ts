// Compiles the filter expression of `tapline read` into a test on packet records.

import type { PacketRecord } from '../../engine/files/packet-record';
import { CliError } from '../cli-error';

export type PacketFilter = (record: PacketRecord) => boolean;

/**
 * Undefined when there is no expression. The pcap-filter compiler is being written in
 * src/engine/filter/ and is not wired in yet, so until then an expression is refused with
 * a clear message rather than silently ignored.
 */
export function compilePacketFilter(expression: string): PacketFilter | undefined {
  if (expression.trim() === '') return undefined;
  throw new CliError('CLI_BAD_FILTER',
    `filter expressions are not supported yet ("${expression}"); ` +
    'read the whole file, or filter first with tcpdump -w');
}
