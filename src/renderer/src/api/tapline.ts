// The API the renderer uses: the preload's in Electron, the WebSocket adapter in a browser.

import type { TaplineApi } from '../../../shared/tapline-api';
import { createWebApi } from './web-api';

declare global {
  interface Window {
    tapline?: TaplineApi;
  }
}

function connect(): TaplineApi {
  if (window.tapline) return window.tapline;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createWebApi(token);
}

export const tapline: TaplineApi = connect();
