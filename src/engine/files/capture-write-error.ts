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

export function unknownInterface(id: number): CaptureWriteError {
  return new CaptureWriteError('CAPTURE_UNKNOWN_INTERFACE',
    `a packet names interface ${id}, which is not among the interfaces to write`);
}

export function timeOutOfRange(seconds: number, format: string): CaptureWriteError {
  return new CaptureWriteError('CAPTURE_TIME_OUT_OF_RANGE', `a packet's time (${seconds} s ` +
    `since 1970) is outside what ${format} can store (1970 to 2106)`);
}
