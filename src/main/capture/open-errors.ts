// The words for a capture that could not start, the same whichever program opened the
// interface (the Node capture process or the tapline-capture helper).

import { CaptureError } from './capture-error';

export function badFilterError(filter: string, pcapText: string): CaptureError {
  return new CaptureError('CAPTURE_BAD_FILTER',
    `The capture filter "${filter}" is not valid: ${pcapText}. Fix it and start again.`,
    pcapText);
}

export function noSuchInterfaceError(device: string, detail: string): CaptureError {
  return new CaptureError('CAPTURE_NO_SUCH_INTERFACE',
    `There is no interface named "${device}": choose one from the interface list.`, detail);
}

export function permissionError(device: string, advice: string, detail: string): CaptureError {
  return new CaptureError('CAPTURE_PERMISSION_DENIED',
    `No permission to capture on ${device}: ${advice}.`, detail);
}

export function interfaceDownError(device: string, detail: string): CaptureError {
  return new CaptureError('CAPTURE_INTERFACE_DOWN',
    `Interface ${device} is down: bring it up (ip link set ${device} up) and start again.`,
    detail);
}

export function openFailedError(device: string, detail: string): CaptureError {
  return new CaptureError('CAPTURE_OPEN_FAILED',
    `Could not start capturing on ${device}: ${detail}.`, detail);
}
