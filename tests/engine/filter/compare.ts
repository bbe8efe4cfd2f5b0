// Compares our filter with tcpdump's selection for many expressions and link types at once.

import {
  type CompiledFilter, compileFilter,
} from '../../../src/engine/filter/compile-filter';
import { FilterError } from '../../../src/engine/filter/filter-error';
import { askTcpdump, type Corpus } from './oracle';

export interface Comparison {
  /** One line per (expression, link type) on which we differ from tcpdump. */
  readonly disagreements: string[];
  readonly packetsCompared: number;
  readonly summary: string;
}

const REJECTS_ALL = 'expression rejects all packets';

/** Runs tcpdump on each corpus for each expression and checks our answer for every packet. */
export async function compareWithTcpdump(expressions: readonly string[],
  list: readonly Corpus[], corpusFor?: (index: number) => readonly Corpus[]):
  Promise<Comparison> {
  const jobs: Array<[Corpus, string]> = [];
  expressions.forEach((expression, i) => {
    for (const corpus of corpusFor ? corpusFor(i) : list) jobs.push([corpus, expression]);
  });
  const answers = await askTcpdump(jobs);
  const disagreements: string[] = [];
  let packetsCompared = 0;
  let pairs = 0;
  let refused = 0;

  jobs.forEach(([corpus, expression], i) => {
    const answer = answers[i];
    const where = `link type ${corpus.linkType}, ${JSON.stringify(expression)}`;
    let filter: CompiledFilter;
    try {
      filter = compileFilter(expression);
    } catch (error) {
      const message = error instanceof FilterError ? error.message : String(error);
      if (!answer.error) disagreements.push(`${where}: we refuse (${message}), tcpdump accepts`);
      return;
    }
    const match = (index: number): boolean => {
      const packet = corpus.packets[index];
      return filter.matches(corpus.linkType, packet.data, packet.length);
    };
    if (answer.error === REJECTS_ALL) {
      // libpcap's optimizer refuses a filter it proves always false: we must match nothing.
      refused++;
      const hits = corpus.packets.filter((_, index) => match(index)).length;
      if (hits > 0) disagreements.push(`${where}: tcpdump rejects all, we match ${hits}`);
      return;
    }
    if (answer.error) {
      refused++;
      if (!filter.linkTypeError(corpus.linkType) || expression === '') {
        disagreements.push(`${where}: tcpdump refuses (${answer.error}), we accept`);
      }
      return;
    }
    if (filter.linkTypeError(corpus.linkType)) {
      disagreements.push(`${where}: we refuse (${filter.linkTypeError(corpus.linkType)!.message})`);
      return;
    }
    pairs++;
    const differing: number[] = [];
    for (let index = 0; index < corpus.packets.length; index++) {
      if (match(index) !== answer.selected!.has(index)) differing.push(index);
    }
    packetsCompared += corpus.packets.length;
    if (differing.length > 0) {
      const sample = differing.slice(0, 5).map((index) =>
        `#${index} (${corpus.packets[index].data.length} bytes, tcpdump ` +
        `${answer.selected!.has(index) ? 'selects' : 'drops'})`);
      disagreements.push(`${where}: ${differing.length} packets differ: ${sample.join(', ')}`);
    }
  });

  const summary = `${expressions.length} expressions, ${pairs} (expression, link type) pairs ` +
    `compared packet by packet (${packetsCompared} packet decisions), ${refused} refused by ` +
    `tcpdump for the link type, ${disagreements.length} disagreements`;
  return { disagreements, packetsCompared, summary };
}
