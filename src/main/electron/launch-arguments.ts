// The capture file named on a command line, ours or a second instance's.

import { isAbsolute, resolve } from 'node:path';

/**
 * The last argument that is not an option, resolved against the folder it was typed in.
 * Unpackaged, argv is [electron, app folder or script, ...]; packaged, [tapline, ...].
 * Chromium's own switches (--foo=bar) are options too, so they are skipped.
 */
export function fileFromArguments(argv: readonly string[], packaged: boolean,
  workingDirectory: string): string | undefined {
  const args = argv.slice(packaged ? 1 : 2).filter((arg) => arg !== '' && !arg.startsWith('-'));
  const file = args.at(-1);
  if (file === undefined) return undefined;
  return isAbsolute(file) ? file : resolve(workingDirectory, file);
}
