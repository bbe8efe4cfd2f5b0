// Errors the CLI reports to the user: a code, a sentence to act on, and an exit code.

export type CliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_UNKNOWN_COMMAND'
  | 'CLI_FILE_NOT_FOUND'
  | 'CLI_FILE_UNREADABLE'
  | 'CLI_FILE_UNWRITABLE'
  | 'CLI_BAD_FILTER';

/** Usage mistakes exit with 2, as most Unix tools do; everything else with 1. */
export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = code === 'CLI_USAGE' || code === 'CLI_UNKNOWN_COMMAND' ? 2 : 1;
  }
}

/** The one line printed on stderr for any error that ends a command. */
export function errorLine(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return `tapline: ${error.message} [${error.code}]\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `tapline: ${message.split('\n')[0]}\n`;
}
