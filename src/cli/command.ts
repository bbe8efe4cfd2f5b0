// The shape of a `tapline` subcommand, so the dispatcher can list, document and run it.

/** The process streams a command uses; tests and other hosts can pass their own. */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface Command {
  /** The word after `tapline`, e.g. `read`. */
  readonly name: string;
  /** One line for the command list of `tapline --help`. */
  readonly summary: string;
  /** The full text of `tapline NAME --help`: usage line first, then options. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}
