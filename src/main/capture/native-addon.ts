// Loads tapline_pcap.node, Tapline's libpcap binding (native/), and types what it exports.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaptureError } from './capture-error';

export interface NativeAddress {
  family: 'inet' | 'inet6';
  address?: string;
  netmask?: string;
  broadcast?: string;
  destination?: string;
}

export interface NativeInterface {
  name: string;
  description?: string;
  /** PCAP_IF_* bits. */
  flags: number;
  /** if_nametoindex(); 0 for devices that are not network interfaces. */
  index: number;
  addresses: NativeAddress[];
}

export interface NativeLinkType {
  dlt: number;
  name?: string;
  description?: string;
}

export interface NativeCaptureOptions {
  device: string;
  filter: string;
  snaplen: number;
  promisc: boolean;
  immediate: boolean;
  timeoutMs: number;
  bufferSize: number;
  nano: boolean;
  maxBatchBytes: number;
  maxBatchPackets: number;
}

export interface NativeStats {
  received: number;
  dropped: number;
  ifDropped: number;
}

export interface NativeCaptureInfo {
  device: string;
  snaplen: number;
  precision: 'nano' | 'micro';
  running: boolean;
  dlt?: number;
  dltName?: string;
  warning?: string;
}

/** What the addon attaches to the errors it throws. */
export interface NativeError extends Error {
  pcapStatus?: string;
  pcapMessage?: string;
  stage?: string;
}

export interface NativeLiveCapture {
  info(): NativeCaptureInfo;
  stats(): NativeStats;
  stop(): void;
}

export interface NativeAddon {
  libraryVersion(): string;
  listInterfaces(): NativeInterface[];
  probeLinkType(name: string): NativeLinkType;
  compileFilter(expression: string, dlt: number, snaplen: number): number;
  LiveCapture: new (
    options: NativeCaptureOptions,
    onBatch: (data: Uint8Array, records: Uint32Array) => void,
    onEnd: (error: NativeError | null, stats: NativeStats) => void,
  ) => NativeLiveCapture;
}

const ADDON_FILE = 'tapline_pcap.node';

/** Where the addon may be: an explicit path, then the source tree's native/build. */
function candidates(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromEnv = process.env.TAPLINE_PCAP_ADDON;
  const list = [
    path.resolve(here, '../../../native/build/Release', ADDON_FILE),
    // Bundled by electron-vite, this code runs from out/main or out/main/chunks.
    path.resolve(here, '../../native/build/Release', ADDON_FILE),
    path.resolve(process.cwd(), 'native/build/Release', ADDON_FILE),
  ];
  return fromEnv ? [fromEnv, ...list] : list;
}

let loaded: NativeAddon | undefined;

/** The addon, loaded once. Throws CAPTURE_ADDON_MISSING when it was not built. */
export function nativeAddon(): NativeAddon {
  if (loaded) return loaded;
  const found = candidates().find((file) => existsSync(file));
  if (!found) {
    throw new CaptureError('CAPTURE_ADDON_MISSING',
      'The live-capture module is not built: run `node native/build.mjs` '
      + '(needs libpcap-dev, g++ and make).');
  }
  loaded = createRequire(import.meta.url)(found) as NativeAddon;
  return loaded;
}
