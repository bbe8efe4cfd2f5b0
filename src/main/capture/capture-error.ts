// Live-capture errors: a Tapline code, a sentence the user can act on, libpcap's own text.

export type CaptureErrorCode =
  | 'CAPTURE_ADDON_MISSING'
  | 'CAPTURE_PERMISSION_DENIED'
  | 'CAPTURE_NO_SUCH_INTERFACE'
  | 'CAPTURE_INTERFACE_DOWN'
  | 'CAPTURE_BAD_FILTER'
  | 'CAPTURE_BAD_OPTIONS'
  | 'CAPTURE_OPEN_FAILED'
  | 'CAPTURE_READ_FAILED'
  | 'CAPTURE_CHILD_FAILED';

export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    /** libpcap's message, word for word, when libpcap said something. */
    readonly detail?: string,
  ) {
    super(message);
  }

  /** The plain form that crosses IPC and the renderer API. */
  toJSON(): { code: CaptureErrorCode; message: string; detail?: string } {
    return { code: this.code, message: this.message, detail: this.detail };
  }
}
