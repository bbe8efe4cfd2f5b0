// The table of `tapline` subcommands: add a command here and it is dispatched and listed.

import type { Command } from '../command';
import { readCommand } from './read';
import { smtpCommand } from './smtp';
import { statsCommand } from './stats';

export const commands: readonly Command[] = [readCommand, statsCommand, smtpCommand];
