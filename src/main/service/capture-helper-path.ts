// Which tapline-capture helper, if any, runs live captures instead of the Node capture process.

import { existsSync } from 'node:fs';

/** Names a helper binary for the web mode, the CLI or a development run of the app. */
export const CAPTURE_HELPER_ENV = 'TAPLINE_CAPTURE_HELPER';

/**
 * $TAPLINE_CAPTURE_HELPER when set, else `packaged` (the Electron app's
 * resources/capture/tapline-capture) when that file is there; undefined keeps the Node
 * capture process, which needs the rights on the Node or Electron binary itself.
 */
export function configuredCaptureHelper(packaged?: string): string | undefined {
  const named = process.env[CAPTURE_HELPER_ENV];
  if (named) return named;
  return packaged && existsSync(packaged) ? packaged : undefined;
}
