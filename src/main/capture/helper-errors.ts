// What the capture helper's exit code and last stderr line mean, as a CaptureError.
//
// native/helper/tapline-capture.c prints one line starting "tapline-capture: " and exits
// with one of these codes; the app turns them into the same codes and advice as the addon.

import { CaptureError } from './capture-error';
import { captureStoppedError, interfaceLostError } from './native-error';
import {
  badFilterError, interfaceDownError, noSuchInterfaceError, openFailedError, permissionError,
} from './open-errors';

/** The helper's exit codes (EXIT_* in tapline-capture.c). */
export const HelperExit = {
  OK: 0,
  OPEN_FAILED: 1,
  USAGE: 2,
  NO_SUCH_INTERFACE: 3,
  PERMISSION: 4,
  BAD_FILTER: 5,
  INTERFACE_DOWN: 6,
  READ_FAILED: 7,
  OUTPUT_FAILED: 8,
  PRIVILEGES: 9,
} as const;

export const HELPER_PREFIX = 'tapline-capture: ';

/** What the user can do when the helper may not capture. */
export function helperRightsAdvice(helper: string): string {
  return 'the capture helper needs its capabilities (the package grants them on install; by '
    + `hand: sudo setcap cap_net_raw,cap_net_admin=ep ${helper}), or run Tapline as root`;
}

/** The failure of a helper that exited before it started capturing. */
export function helperOpenError(code: number, line: string, helper: string, device: string,
  filter: string): CaptureError {
  const detail = line || `the capture helper exited with code ${code} and said nothing`;
  switch (code) {
    case HelperExit.USAGE:
      return new CaptureError('CAPTURE_BAD_OPTIONS',
        `The capture helper refused its options: ${detail}.`, detail);
    case HelperExit.NO_SUCH_INTERFACE:
      return noSuchInterfaceError(device, detail);
    case HelperExit.PERMISSION:
      return permissionError(device, helperRightsAdvice(helper), detail);
    case HelperExit.BAD_FILTER:
      // The helper says "bad capture filter 'F': TEXT"; TEXT is libpcap's own.
      return badFilterError(filter,
        /^bad capture filter '[^]*': ([^]*)$/.exec(detail)?.[1] ?? detail);
    case HelperExit.INTERFACE_DOWN:
      return interfaceDownError(device, detail);
    default:
      return openFailedError(device, detail);
  }
}

/** Why a helper that was capturing ended; undefined when it stopped as asked. */
export function helperEndError(code: number | null, signal: string | null, line: string,
  device: string): CaptureError | undefined {
  if (code === HelperExit.OK) return undefined;
  // The helper judges the interface's state itself: it may run in another namespace.
  if (code === HelperExit.INTERFACE_DOWN) {
    return interfaceLostError(device, / was removed /.test(line) ? 'missing' : 'down', line);
  }
  if (code === HelperExit.READ_FAILED) {
    // "capturing on DEVICE stopped: TEXT": the error says the first half itself.
    return captureStoppedError(device, / stopped: ([^]*)$/.exec(line)?.[1] ?? line);
  }
  const why = signal ? `it was killed by ${signal}` : `exit code ${code}${line ? `: ${line}` : ''}`;
  return new CaptureError('CAPTURE_CHILD_FAILED',
    `The capture helper ended unexpectedly (${why}); the packets received until then are kept.`,
    line || undefined);
}

/** A helper that could not be started at all (spawn's error). */
export function helperSpawnError(error: NodeJS.ErrnoException, helper: string): CaptureError {
  if (error.code === 'EACCES') {
    return new CaptureError('CAPTURE_PERMISSION_DENIED',
      `You may not run the capture helper ${helper}: packages let the members of the `
      + '"tapline" group run it (sudo usermod -aG tapline $USER, then log in again).',
      error.message);
  }
  if (error.code === 'ENOENT') {
    return new CaptureError('CAPTURE_CHILD_FAILED',
      `The capture helper ${helper} is missing: reinstall Tapline, or build it with `
      + '`node native/build.mjs`.', error.message);
  }
  return new CaptureError('CAPTURE_CHILD_FAILED',
    `The capture helper ${helper} could not be started: ${error.message}.`, error.message);
}
