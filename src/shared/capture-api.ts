// The live-capture part of the contract: interfaces, filter checks, start and stop.

import { z } from 'zod';

/** Longest filter expression accepted; libpcap has no limit, but a filter bar needs one. */
const MAX_FILTER_LENGTH = 4096;
const MAX_SNAPLEN = 262_144;

export interface CaptureInterfaceInfo {
  /** `tcpdump -D`'s number, which `tcpdump -i` also takes. */
  number: number;
  name: string;
  description?: string;
  up: boolean;
  running: boolean;
  loopback: boolean;
  wireless: boolean;
  addresses: string[];
}

export type FilterCheck = { ok: true } | { ok: false; message: string };

/** The live capture behind the open document, while and after it runs. */
export interface CaptureState {
  interface: string;
  filter: string;
  running: boolean;
  /** libpcap's counters: what passed the filter, and what the kernel or the NIC dropped. */
  received: number;
  droppedByKernel: number;
  droppedByInterface: number;
  /** Where the packets are spooled, so nothing captured is lost to a crash. */
  spoolFile: string;
  /** tcpdump's closing lines, once the capture has stopped. */
  summary?: string;
  /** Why the capture stopped by itself (interface down, permission…), in plain words. */
  error?: string;
}

export const CaptureRequestSchemas = {
  'capture.interfaces': z.object({}).strict(),
  'capture.checkFilter': z.object({
    interface: z.string().min(1).max(256),
    filter: z.string().max(MAX_FILTER_LENGTH),
  }).strict(),
  'capture.start': z.object({
    /** A name (eth0) or tcpdump -D's number as text ("3"). */
    interface: z.string().min(1).max(256),
    filter: z.string().max(MAX_FILTER_LENGTH).default(''),
    snapLength: z.number().int().min(0).max(MAX_SNAPLEN).default(MAX_SNAPLEN),
    promiscuous: z.boolean().default(true),
    stopAfterPackets: z.number().int().positive().optional(),
    stopAfterSeconds: z.number().positive().max(7 * 24 * 3600).optional(),
    stopAfterBytes: z.number().int().positive().optional(),
  }).strict(),
  'capture.stop': z.object({}).strict(),
  /** Stops the open document's capture if running, then starts it again alike. */
  'capture.restart': z.object({}).strict(),
} as const;

export interface CaptureResults {
  'capture.interfaces': CaptureInterfaceInfo[];
  'capture.checkFilter': FilterCheck;
}
