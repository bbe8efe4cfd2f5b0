// The `tapline` executable: runs the dispatcher on this process's arguments and streams.

import { errorLine } from './cli-error';
import type { CommandIo } from './command';
import { main } from './main';

// Stdin is touched only when a command reads it, so a terminal never holds the process.
const io: CommandIo = {
  get stdin() { return process.stdin; },
  stdout: process.stdout,
  stderr: process.stderr,
};

main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(errorLine(error));
  process.exitCode = 1;
});
