// Messages of the web mode's WebSocket: requests, their answers, and pushed events.

import type { ApiErrorShape } from './api';

export interface RpcRequest {
  id: number;
  method: string;
  params: unknown;
}

export type RpcResponse =
  | { id: number; result: unknown }
  | { id: number; error: ApiErrorShape };

export interface RpcEventMessage {
  event: string;
  payload: unknown;
}

export const MAX_RPC_MESSAGE_BYTES = 64 * 1024;
