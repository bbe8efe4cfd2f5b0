// One row describer per sequence-number style, so switching -S on and off in the view never
// mixes lines printed one way into the other's cache of printed packets.

import type { CaptureDocument } from './capture-document';
import { RowDescriber } from './row-describer';

export class RowDescribers {
  private readonly relative: RowDescriber;
  /** Made on first use: most sessions never ask for absolute numbers. */
  private absolute?: RowDescriber;

  constructor(private readonly document: CaptureDocument) {
    this.relative = new RowDescriber(document);
  }

  /** The describer printing tcpdump -nn's lines, or tcpdump -nn -S's when `absoluteSequence`. */
  pick(absoluteSequence: boolean): RowDescriber {
    if (!absoluteSequence) return this.relative;
    this.absolute ??= new RowDescriber(this.document, { absoluteSequence: true });
    return this.absolute;
  }
}
