// The deb's maintainer scripts as electron-builder will write them: every macro known to it,
// and valid bash once filled in.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';

// The macros electron-builder fills in a deb script (FpmTarget's bash template options).
const MACROS: Record<string, string> = { executable: 'tapline', sanitizedProductName: 'Tapline' };

function render(name: string): string {
  const text = readFileSync(join(repoRoot, 'packaging/linux', name), 'utf8');
  return text.replace(/\$\{([a-zA-Z]+)\}/g, (_match, macro: string) => {
    if (!(macro in MACROS)) throw new Error(`${name}: electron-builder knows no macro ${macro}`);
    return MACROS[macro];
  });
}

describe.each([['after-install.sh'], ['after-remove.sh']])('%s', (name) => {
  it('uses only known macros and is valid bash', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tapline-deb-')), name);
    writeFileSync(file, render(name));
    expect(() => execFileSync('bash', ['-n', file], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('after-install.sh', () => {
  it('grants the two capabilities to the helper only, limited to the group', () => {
    const script = render('after-install.sh');
    expect(script).toContain('setcap cap_net_raw,cap_net_admin=ep "$helper"');
    expect(script).toContain('chmod 0750 "$helper"');
    expect(script).toContain('chown root:"$capture_group" "$helper"');
    expect(script).not.toMatch(/setcap[^\n]*"\$app"/);
  });
});
