// The API the renderer uses: the preload's in Electron, the WebSocket adapter in a browser.

import type { TaplineApi } from '../../../shared/tapline-api';
import { createWebApi } from './web-api';

declare global {
  interface Window {
    tapline?: TaplineApi;
  }
}

/** True in a plain browser (the web mode): there saving is a download, not a file dialog. */
export const inBrowser = !window.tapline;

/** The web mode's per-run token, from the page's address; empty in Electron. */
export function pageToken(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

function connect(): TaplineApi {
  if (window.tapline) return window.tapline;
  return createWebApi(pageToken());
}

export const tapline: TaplineApi = connect();
