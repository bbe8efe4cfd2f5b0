// Files opened before, as the main side remembers them. The renderer names an entry by its
// id only: paths reach the main side from dialogs, the command line or a drop, never from
// the page (issue 8).

import { z } from 'zod';
import type { DocumentStatus } from './api';

export interface RecentFileItem {
  /** Opaque; stays the same for the same file across runs. */
  id: string;
  /** The file's name, for the list. */
  name: string;
  /** The folder it is in, for a tooltip. */
  folder: string;
  /** Milliseconds since the epoch; 0 when an older list did not record it. */
  openedAt: number;
  /** False when the file is no longer there. */
  exists: boolean;
}

export const RecentRequestSchemas = {
  'document.recent': z.object({}).strict(),
  'document.openRecent': z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }).strict(),
} as const;

export interface RecentResults {
  /** Newest first, at most ten. */
  'document.recent': RecentFileItem[];
  'document.openRecent': DocumentStatus;
}
