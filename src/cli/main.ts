// The `tapline` dispatcher: finds the subcommand in the table and runs it.

import { CliError, errorLine } from './cli-error';
import type { Command, CommandIo } from './command';
import { existsSync } from 'node:fs';
import { commands } from './commands/index';
import { openCommand } from './commands/open';

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const list = commands
    .map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `usage: tapline COMMAND [options] [arguments]

Tapline reads packet captures like tcpdump and explains them like Wireshark.

commands:
${list}

"tapline COMMAND --help" or "tapline help COMMAND" describes one command.
`;
}

function find(name: string): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    throw new CliError('CLI_UNKNOWN_COMMAND',
      `unknown command "${name}"; the commands are: ${commands.map((c) => c.name).join(', ')}`);
  }
  return command;
}

/** Runs one command line (without "node tapline") and resolves to the exit code. */
export async function main(args: readonly string[], io: CommandIo): Promise<number> {
  try {
    const [first, ...rest] = args;
    if (first === undefined) {
      // A bare `tapline` is a usage mistake: the text goes where errors go.
      io.stderr.write(overview());
      return 2;
    }
    if (first === '--help' || first === '-h') {
      io.stdout.write(overview());
      return 0;
    }
    if (first === 'help') {
      io.stdout.write(rest[0] === undefined ? overview() : find(rest[0]).help);
      return 0;
    }
    // `tapline FILE`, like `tapline open FILE`: what a file manager's "Open with" runs.
    if (!commands.some((command) => command.name === first) && existsSync(first)) {
      return await openCommand.run(args, io);
    }
    return await find(first).run(rest, io);
  } catch (error) {
    io.stderr.write(errorLine(error));
    return error instanceof CliError ? error.exitCode : 1;
  }
}
