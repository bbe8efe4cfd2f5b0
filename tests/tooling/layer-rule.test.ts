// The import-layer rule: a file's folder decides what it may import (docs/ARCHITECTURE.md).

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';

const eslint = new ESLint({ cwd: repoRoot });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('import layers', () => {
  it.each([
    ['src/renderer/src/bad.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/src/bad.ts', "import { readFileSync } from 'fs';"],
    ['src/renderer/src/bad.ts', "import { readFileSync } from 'node:fs';"],
    ['src/renderer/src/bad.ts', "import { TaplineService } from '../../main/service/x';"],
    ['src/engine/decode/bad.ts', "import { readFileSync } from 'node:fs';"],
    ['src/engine/decode/bad.ts', "import { app } from 'electron';"],
    ['src/shared/bad.ts', "import { Buffer } from 'buffer';"],
    ['src/preload/bad.ts', "import { readFileSync } from 'fs';"],
    ['src/main/service/bad.ts', "import { app } from 'electron';"],
    ['src/cli/bad.ts', "import { app } from 'electron';"],
  ])('%s may not %s', async (filePath, source) => {
    expect(await importErrors(filePath, `${source}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/ok.ts', "import { z } from 'zod';"],
    ['src/renderer/src/ok.ts', "import type { PacketRow } from '../../shared/api';"],
    ['src/main/service/ok.ts', "import { readFileSync } from 'node:fs';"],
    ['src/main/electron/ok.ts', "import { app } from 'electron';"],
    ['src/preload/ok.ts', "import { contextBridge } from 'electron';"],
  ])('%s may %s', async (filePath, source) => {
    expect(await importErrors(filePath, `${source}\nexport const x = 1;\n`)).toEqual([]);
  });
});
