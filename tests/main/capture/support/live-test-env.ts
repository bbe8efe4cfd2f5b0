// What the live-capture tests need: root, the built addon, and why they skip without root.

import { ensureAddonBuilt } from '../../../../native/build.mjs';

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (!isRoot) {
  console.warn('[capture tests] skipping live-capture tests: they capture and create network '
    + 'namespaces, which needs root');
}

/** Builds the addon if needed (a few seconds, once). */
export function prepareAddon(): void {
  if (isRoot) ensureAddonBuilt();
}
