// Chooses the parser for a capture stream from its first four bytes.

import { CaptureFileError } from './capture-file-error';
import type { CaptureSink } from './packet-record';
import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO, PcapParser } from './pcap-parser';
import { BlockType } from './pcapng-block-types';
import { PcapngParser } from './pcapng-parser';

export const PCAPNG_SECTION_HEADER = BlockType.SECTION_HEADER;

export interface CaptureParser {
  /** Feeds the next bytes. Throws a CaptureFileError at the first damage. */
  push(chunk: Uint8Array): void;
  /** Says the stream has ended; throws if it ended inside a record. */
  end(): void;
}

/** A parser that waits for four bytes, then hands everything to pcap's or pcapng's. */
export function createCaptureParser(sink: CaptureSink): CaptureParser {
  let chosen: CaptureParser | undefined;
  let head = new Uint8Array(0);

  function choose(bytes: Uint8Array): CaptureParser {
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
    const big = view.getUint32(0, false);
    const little = view.getUint32(0, true);
    const pcapMagics = [PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO];
    if (pcapMagics.includes(big) || pcapMagics.includes(little)) return new PcapParser(sink);
    if (big === PCAPNG_SECTION_HEADER) return new PcapngParser(sink);
    throw new CaptureFileError('CAPTURE_UNKNOWN_FORMAT', 0,
      'not a capture file: Tapline reads pcap and pcapng files');
  }

  return {
    push(chunk) {
      if (chosen) return chosen.push(chunk);
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head, 0);
      joined.set(chunk, head.length);
      if (joined.length < 4) {
        head = joined;
        return;
      }
      chosen = choose(joined);
      chosen.push(joined);
    },
    end() {
      if (!chosen) {
        throw new CaptureFileError('CAPTURE_UNKNOWN_FORMAT', 0,
          `file too short to be a capture (${head.length} bytes)`);
      }
      chosen.end();
    },
  };
}
