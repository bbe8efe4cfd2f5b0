// `tapline serve`: the web mode on its own, for a headless box.

import type { Command } from '../command';
import { launchApp } from '../app-launch';

const HELP = `usage: tapline serve [--host ADDRESS] [--port N] [FILE]

Serves Tapline's UI to a browser. It listens on 127.0.0.1 unless --host names another
address, and every API request needs the per-run token in the printed URL.
`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the UI to a browser (loopback only unless --host is given)',
  help: HELP,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(HELP);
      return 0;
    }
    return launchApp(args, true);
  },
};
