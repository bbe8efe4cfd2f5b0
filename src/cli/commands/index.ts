// The table of `tapline` subcommands: add a command here and it is dispatched and listed.

import type { Command } from '../command';
import { captureCommand } from './capture';
import { openCommand } from './open';
import { readCommand } from './read';
import { serveCommand } from './serve';
import { smtpCommand } from './smtp';
import { statsCommand } from './stats';

export const commands: readonly Command[] = [
  readCommand, statsCommand, smtpCommand, captureCommand, openCommand, serveCommand,
];
