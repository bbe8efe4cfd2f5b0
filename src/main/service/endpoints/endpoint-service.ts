// Answers document.endpoints for the open document: counts kept per document and brought up
// to date with each request, so a live capture is counted once, packet by packet.

import { MAX_ENDPOINTS, type FrequentEndpoints } from '../../../shared/endpoints-api';
import type { CaptureDocument } from '../capture-document';
import { Serial } from '../serial';
import { EndpointCounts } from './endpoint-counts';

export class EndpointService {
  /** Dropped with the document: nothing to clear when another file is opened. */
  private readonly counts = new WeakMap<CaptureDocument, EndpointCounts>();
  private readonly serial = new Serial();

  constructor(private readonly currentDocument: () => CaptureDocument) {}

  frequent(limit = MAX_ENDPOINTS): Promise<FrequentEndpoints> {
    const document = this.currentDocument();
    return this.serial.run(async () => {
      let counts = this.counts.get(document);
      if (!counts) {
        counts = new EndpointCounts();
        this.counts.set(document, counts);
      }
      await counts.extend(document);
      return counts.top(limit);
    });
  }
}
