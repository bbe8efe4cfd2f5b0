// How answers cross Electron IPC: an envelope, so errors arrive without Electron's prefix.

import type { ApiErrorShape } from './api';

export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };
