// Every test file spools live captures into a temporary folder of its own unless it names
// one: captures left in the user's state folder would be offered for recovery by the app.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.TAPLINE_SPOOL_DIR ??= mkdtempSync(join(tmpdir(), 'tapline-test-spool-'));
