// Command-line options of the web mode.

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
  return options;
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
