// Save As, either way: Electron asks where with its native dialog and writes the file; the
// browser downloads what the service streams.

import type { SaveOptions } from '../../../../shared/save-api';
import { inBrowser, tapline } from '../../api/tapline';
import { downloadCapture } from '../../api/web-download';
import { offerDownload } from './browser-download';

/** What happened, in words for the dialog; null when the user cancelled the native dialog. */
export async function savePackets(options: SaveOptions): Promise<string | null> {
  if (inBrowser) {
    const { name, blob } = await downloadCapture(options);
    offerDownload(blob, name);
    return `${name} (${blob.size.toLocaleString('en-US')} bytes) handed to the browser`;
  }
  const saved = await tapline.request('document.save', options);
  if (!saved) return null;
  return `${saved.packets.toLocaleString('en-US')} packets saved to ${saved.path}`;
}
