// Compiles the filter expression of `tapline read` into a test on packet records.

import type { PacketRecord } from '../../engine/files/packet-record';
import { compileFilter, FilterError } from '../../engine/filter/compile-filter';
import { CliError } from '../cli-error';

export interface PacketFilter {
  matches(record: PacketRecord): boolean;
  /** Throws when the expression cannot apply to a link type, as tcpdump refuses to start. */
  checkLinkType(linkType: number): void;
}

function filterProblem(expression: string, error: FilterError): CliError {
  return new CliError('CLI_BAD_FILTER',
    `bad filter expression "${expression}": ${error.message} ` +
    `(${error.code}, at character ${error.position + 1}); see man pcap-filter`);
}

/** Undefined when there is no expression, so every packet is printed without a test. */
export function compilePacketFilter(expression: string): PacketFilter | undefined {
  if (expression.trim() === '') return undefined;
  let compiled;
  try {
    compiled = compileFilter(expression);
  } catch (error) {
    if (error instanceof FilterError) throw filterProblem(expression, error);
    throw error;
  }
  return {
    matches: (record) =>
      compiled.matches(record.linkType, record.data, record.originalLength),
    checkLinkType(linkType) {
      const error = compiled.linkTypeError(linkType);
      if (error) throw filterProblem(expression, error);
    },
  };
}
