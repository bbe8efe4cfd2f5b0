// What the capture dialog asks before a capture starts: the interfaces, and filter checks.

import type { CaptureInterfaceInfo, FilterCheck } from '../../shared/capture-api';
import { ApiError } from '../../shared/api';
import {
  CaptureError, compileFilter, helperLinkType, listInterfaces,
} from '../capture/index';

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

/** How long a link type the helper reported is reused while the user types a filter. */
const LINK_TYPE_TTL_MS = 10_000;
const helperLinkTypes = new Map<string, { dlt: number; at: number }>();

/** The helper's answer for `name` (one short process), reused for a few seconds. */
function linkTypeFromHelper(helper: string, name: string): number {
  const key = `${helper}\0${name}`;
  const known = helperLinkTypes.get(key);
  if (known && Date.now() - known.at < LINK_TYPE_TTL_MS) return known.dlt;
  const dlt = helperLinkType(helper, name);
  helperLinkTypes.set(key, { dlt, at: Date.now() });
  return dlt;
}

/**
 * Compiles the filter with libpcap for the interface's link type; libpcap's words if not.
 * With a capture helper, the helper says the link type: the app itself has no capture rights.
 */
export function checkCaptureFilter(interfaceName: string, filter: string,
  captureHelper?: string): FilterCheck {
  try {
    const name = resolveInterface(interfaceName);
    compileFilter(filter,
      captureHelper ? { dlt: linkTypeFromHelper(captureHelper, name) } : { interface: name });
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
