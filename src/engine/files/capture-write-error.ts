// The error a capture writer raises when the packets cannot be put in the chosen format.

export type CaptureWriteErrorCode =
  | 'CAPTURE_NO_INTERFACE'
  | 'CAPTURE_UNKNOWN_INTERFACE'
  | 'PCAP_MIXED_LINK_TYPES'
  | 'CAPTURE_TIME_OUT_OF_RANGE';

export class CaptureWriteError extends Error {
  constructor(readonly code: CaptureWriteErrorCode, message: string) {
    super(message);
    this.name = 'CaptureWriteError';
  }
}
