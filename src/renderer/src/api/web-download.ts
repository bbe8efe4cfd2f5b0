// The web mode's Save: the service streams the chosen packets back over HTTP, with the
// token, as the upload does; the page then hands the file to the browser's downloads.

import type { SaveOptions } from '../../../shared/save-api';
import { pageToken } from './tapline';
import { ApiRequestError } from './web-api';

export interface DownloadedCapture {
  name: string;
  blob: Blob;
}

/** The suggested file name from `Content-Disposition: attachment; filename="…"`. */
function fileName(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

export async function downloadCapture(options: SaveOptions): Promise<DownloadedCapture> {
  const response = await fetch(new URL('/api/download', window.location.href), {
    method: 'POST',
    headers: { 'X-Tapline-Token': pageToken(), 'Content-Type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!response.ok) {
    const text = await response.text();
    let shape: { code?: string; message?: string } | undefined;
    try {
      shape = JSON.parse(text).error;
    } catch {
      // Not JSON: the guard's plain-text refusal, shown as it is.
    }
    if (shape?.message) throw new ApiRequestError(shape.code ?? 'DOWNLOAD_FAILED', shape.message);
    throw new ApiRequestError('DOWNLOAD_FAILED',
      `the service refused the download (HTTP ${response.status}${text ? `: ${text}` : ''})`);
  }
  // A write failure after the first bytes ends the stream early, which blob() reports.
  const blob = await response.blob().catch(() => {
    throw new ApiRequestError('DOWNLOAD_FAILED',
      'the download broke off before the last packet: see the service log');
  });
  return { name: fileName(response.headers.get('Content-Disposition'), `capture.${options.format}`),
    blob };
}
