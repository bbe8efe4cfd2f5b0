// The saving part of the contract: which packets, in which format.

import { z } from 'zod';

export const SaveOptionsSchema = z.object({
  format: z.enum(['pcap', 'pcapng']),
  /** Every packet, the ones the display filter shows, or packets first to last (numbers). */
  scope: z.union([
    z.literal('all'),
    z.literal('displayed'),
    z.object({
      first: z.number().int().positive(),
      last: z.number().int().positive(),
    }).strict(),
  ]),
}).strict();
export type SaveOptions = z.infer<typeof SaveOptionsSchema>;

export const SaveRequestSchemas = {
  /** Electron: asks where with a native dialog, then writes atomically. */
  'document.save': SaveOptionsSchema,
} as const;

export interface SaveResults {
  /** Null when the user cancelled the dialog. */
  'document.save': { path: string; packets: number } | null;
}
