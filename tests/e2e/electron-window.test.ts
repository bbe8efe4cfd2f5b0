// The desktop window, where Electron's binary is installed: it opens and lists a capture.

import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../src/cli/app-launch';
import { hasSharedData, repoRoot, sharedCapture } from '../support/shared-data';
import { tcpdump } from '../support/tcpdump';


const binary = electronBinary();
const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!binary) {
  console.warn("[e2e] skipping the Electron window test: Electron's binary is not installed " +
    '(npm could not download it here; run `npx install-electron` with network access, ' +
    'or with ELECTRON_MIRROR set)');
} else if (!display) {
  console.warn('[e2e] skipping the Electron window test: no display (run it under xvfb-run)');
}

describe.runIf(Boolean(binary) && display && hasSharedData)('Electron window', () => {
  it('opens the capture named on the command line', async () => {
    const capture = sharedCapture('01-seed-postfix-relay.pcap');
    const expected = tcpdump(['-nn', '-r', capture]).trim().split('\n').length;
    const app = await electron.launch({
      executablePath: binary,
      args: [join(repoRoot, 'out/main/index.js'), capture],
    });
    try {
      const window = await app.firstWindow();
      const count = window.getByTestId('packet-count');
      await expect.poll(() => count.textContent()).toBe(`${expected} packets`);
      const isolated = await window.evaluate(() => typeof (globalThis as { require?: unknown })
        .require === 'undefined');
      expect(isolated).toBe(true);
    } finally {
      await app.close();
    }
  });
});
