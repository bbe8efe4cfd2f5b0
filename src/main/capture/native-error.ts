// Turns an error from the libpcap addon into a CaptureError with a code and advice.

import { CaptureError } from './capture-error';
import { interfaceState } from './interface-state';
import type { NativeError } from './native-addon';
import {
  badFilterError, interfaceDownError, noSuchInterfaceError, openFailedError, permissionError,
} from './open-errors';

/** The command that lets a non-root process capture (see docs/CAPTURE.md). */
export function setcapAdvice(): string {
  return `run Tapline as root, or give the program that captures the right once with `
    + `\`sudo setcap cap_net_raw,cap_net_admin=eip ${process.execPath}\`, or capture `
    + 'through the tapline-capture helper (TAPLINE_CAPTURE_HELPER)';
}

function asNative(error: unknown): NativeError {
  return error instanceof Error ? error : new Error(String(error));
}

/** An error thrown while opening a capture on `device` with `filter`. */
export function openError(error: unknown, device: string, filter: string): CaptureError {
  const native = asNative(error);
  const detail = native.pcapMessage ?? native.message;
  if (native.stage === 'filter') return badFilterError(filter, detail);
  switch (native.pcapStatus) {
    case 'PCAP_ERROR_PERM_DENIED':
    case 'PCAP_ERROR_PROMISC_PERM_DENIED':
      return permissionError(device, setcapAdvice(), detail);
    case 'PCAP_ERROR_NO_SUCH_DEVICE':
      return noSuchInterfaceError(device, detail);
    case 'PCAP_ERROR_IFACE_NOT_UP':
      return interfaceDownError(device, detail);
    default:
      return openFailedError(device, detail);
  }
}

/** An error that ended a running capture on `device`. */
export function readError(error: unknown, device: string): CaptureError {
  const detail = asNative(error).pcapMessage ?? asNative(error).message;
  const state = interfaceState(device);
  if (state === 'down' || state === 'missing') return interfaceLostError(device, state, detail);
  return captureStoppedError(device, detail);
}

/** A capture ended because its interface went down or was deleted. */
export function interfaceLostError(device: string, state: 'down' | 'missing',
  detail: string): CaptureError {
  const what = state === 'down' ? 'went down' : 'was removed';
  return new CaptureError('CAPTURE_INTERFACE_DOWN',
    `Interface ${device} ${what} during the capture; the packets captured until then are `
    + 'kept. Start a new capture when it is back.', detail);
}

/** A capture ended by a read error that is not the interface going away. */
export function captureStoppedError(device: string, detail: string): CaptureError {
  return new CaptureError('CAPTURE_READ_FAILED',
    `Capturing on ${device} stopped: ${detail}. The packets captured until then are kept.`,
    detail);
}
