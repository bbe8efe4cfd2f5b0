// The error a filter expression raises when libpcap's compiler would refuse it.

export type FilterErrorCode = 'FILTER_SYNTAX' | 'FILTER_SEMANTIC';

/**
 * `position` is the 0-based character offset in the expression where the problem was found,
 * so an editor can put the caret there. The message reads like libpcap's own.
 */
export class FilterError extends Error {
  readonly code: FilterErrorCode;
  readonly position: number;

  constructor(code: FilterErrorCode, message: string, position: number) {
    super(message);
    this.name = 'FilterError';
    this.code = code;
    this.position = position;
  }
}

export function syntaxError(position: number, message = 'syntax error'): FilterError {
  return new FilterError('FILTER_SYNTAX', message, position);
}

export function semanticError(position: number, message: string): FilterError {
  return new FilterError('FILTER_SEMANTIC', message, position);
}
