// Captures that a previous run spooled but never saved: list, reopen, discard.

import { z } from 'zod';

export interface UnsavedCapture {
  /** The spool file's name (not a path: the main side keeps the folder). */
  name: string;
  bytes: number;
  /** ISO 8601. */
  modified: string;
}

const SpoolName = z.object({ name: z.string().min(1).max(255) }).strict();

export const RecoveryRequestSchemas = {
  'captures.unsaved': z.object({}).strict(),
  'captures.reopen': SpoolName,
  'captures.discard': SpoolName,
} as const;

export interface RecoveryResults {
  'captures.unsaved': UnsavedCapture[];
  'captures.discard': UnsavedCapture[];
}
