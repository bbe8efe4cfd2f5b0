// The link type of an interface as the capture helper sees it (`tapline-capture -L`), so
// that a capture filter can be checked while it is typed by an app without capture rights.

import { spawnSync } from 'node:child_process';
import { CaptureError } from './capture-error';
import { HELPER_PREFIX, helperOpenError, helperSpawnError } from './helper-errors';

/** libpcap's DLT_* value of `device`; throws the helper's error as a CaptureError. */
export function helperLinkType(helper: string, device: string): number {
  const run = spawnSync(helper, ['-i', device, '-L'], {
    encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error) throw helperSpawnError(run.error, helper);
  if (run.status !== 0) {
    const said = run.stderr.split('\n').filter((line) => line.startsWith(HELPER_PREFIX)).at(-1);
    throw helperOpenError(run.status ?? -1, said?.slice(HELPER_PREFIX.length) ?? '', helper,
      device, '');
  }
  const dlt = Number.parseInt(run.stdout, 10);
  if (!Number.isInteger(dlt)) {
    throw new CaptureError('CAPTURE_CHILD_FAILED',
      `The capture helper ${helper} did not say the link type of ${device}.`, run.stdout);
  }
  return dlt;
}
