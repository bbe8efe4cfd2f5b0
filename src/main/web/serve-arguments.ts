// Command-line options of the web mode.

import { isIP } from 'node:net';
import { isLoopback } from './request-guard';

export interface ServeOptions {
  host: string;
  port: number;
  file?: string;
  /** Why a browser is used instead of the desktop window, said once at start. */
  reason?: string;
}

export function parseServeArguments(args: string[]): ServeOptions {
  const options: ServeOptions = { host: '127.0.0.1', port: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--host') options.host = requireValue(args, ++i, arg);
    else if (arg === '--port') options.port = parsePort(requireValue(args, ++i, arg));
    else if (arg === '--reason') options.reason = requireValue(args, ++i, arg);
    else if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${arg}`);
    else options.file = arg;
  }
  checkHost(options.host);
  return options;
}

/**
 * A wildcard address is refused: the page's Origin and Host must name the address it was
 * served on, so the user has to say which one other machines will use.
 */
function checkHost(host: string): void {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') {
    throw new Error(`--host ${host} listens everywhere; name the one address that other `
      + 'machines should use, e.g. --host 192.0.2.10');
  }
  if (host !== 'localhost' && isIP(host) === 0) {
    throw new Error(`--host takes an IP address or localhost, not ${host}`);
  }
}

/** The warning printed when the user chose to listen on more than loopback. */
export function exposureWarning(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return `warning: listening on ${host}, not loopback: anyone who can reach this address `
    + 'and sees the URL with its token can read the open capture and start captures. '
    + 'The traffic is plain HTTP. Use an SSH tunnel to 127.0.0.1 where you can.';
}

function requireValue(args: string[], i: number, option: string): string {
  const value = args[i];
  if (value === undefined) throw new Error(`${option} needs a value`);
  return value;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a number from 0 to 65535, not ${text}`);
  }
  return port;
}
