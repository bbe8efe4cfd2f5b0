// The one error type a damaged or unreadable capture file produces.

export type CaptureFileErrorCode =
  | 'CAPTURE_UNKNOWN_FORMAT'
  | 'PCAP_BAD_HEADER'
  | 'PCAP_TRUNCATED_RECORD'
  | 'PCAP_BAD_RECORD'
  | 'PCAPNG_BAD_BLOCK'
  | 'PCAPNG_TRUNCATED_BLOCK'
  | 'PCAPNG_NO_INTERFACE';

/**
 * Raised once, where a file stops making sense. Every packet before `offset` has already been
 * delivered, so a caller keeps them and shows this message.
 */
export class CaptureFileError extends Error {
  readonly code: CaptureFileErrorCode;
  readonly offset: number;
  readonly blockType?: string;

  constructor(code: CaptureFileErrorCode, offset: number, message: string, blockType?: string) {
    const where = blockType ? `${blockType} at byte offset ${offset}` : `byte offset ${offset}`;
    super(`${message} (${where})`);
    this.name = 'CaptureFileError';
    this.code = code;
    this.offset = offset;
    this.blockType = blockType;
  }
}
