// What the capture dialog asks before a capture starts: the interfaces, and filter checks.

import type { CaptureInterfaceInfo, FilterCheck } from '../../shared/capture-api';
import { ApiError } from '../../shared/api';
import { CaptureError, compileFilter, listInterfaces } from '../capture/index';

export function captureInterfaces(): CaptureInterfaceInfo[] {
  try {
    return listInterfaces().map((device) => ({
      number: device.number,
      name: device.name,
      ...(device.description ? { description: device.description } : {}),
      up: device.flags.up,
      running: device.flags.running,
      loopback: device.flags.loopback,
      wireless: device.flags.wireless,
      addresses: device.addresses.flatMap((address) => address.address ? [address.address] : []),
    }));
  } catch (error) {
    throw asApiError(error);
  }
}

/** Compiles the filter with libpcap for the interface's link type; libpcap's words if not. */
export function checkCaptureFilter(interfaceName: string, filter: string): FilterCheck {
  try {
    compileFilter(filter, { interface: resolveInterface(interfaceName) });
    return { ok: true };
  } catch (error) {
    if (error instanceof CaptureError && error.code === 'CAPTURE_BAD_FILTER') {
      return { ok: false, message: error.message };
    }
    throw asApiError(error);
  }
}

/** Accepts a name or tcpdump -D's number, as `tcpdump -i` does. */
export function resolveInterface(nameOrNumber: string): string {
  if (!/^\d+$/.test(nameOrNumber)) return nameOrNumber;
  const found = captureInterfaces().find((device) => device.number === Number(nameOrNumber));
  if (!found) {
    throw new ApiError('CAPTURE_NO_SUCH_INTERFACE',
      `there is no interface number ${nameOrNumber}: see the interface list`);
  }
  return found.name;
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof CaptureError) return new ApiError(error.code, error.message);
  return new ApiError('CAPTURE_FAILED', error instanceof Error ? error.message : String(error));
}
