// `tapline open [FILE]` (and `tapline FILE`): the app, with the file open.

import type { Command } from '../command';
import { launchApp } from '../app-launch';

const HELP = `usage: tapline open [FILE]
       tapline FILE

Opens Tapline: the desktop window where Electron is installed and a display exists,
otherwise the same UI served to a browser on 127.0.0.1 (the URL is printed).
`;

export const openCommand: Command = {
  name: 'open',
  summary: 'open the app, with a capture file if one is given',
  help: HELP,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(HELP);
      return 0;
    }
    return launchApp(args);
  },
};
