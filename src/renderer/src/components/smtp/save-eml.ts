// "Save .eml": the message bytes handed to the browser's download, through a Blob URL.

import { tapline } from '../../api/tapline';

/**
 * A download link to a blob: URL is a navigation, which the page's Content-Security-Policy
 * does not govern, so the policy stays as strict as it is. In Electron the same click goes
 * to the window's download handling.
 */
export async function saveMessage(conversation: number, message: number): Promise<void> {
  const saved = await tapline.request('smtp.message', { conversation, message });
  const bytes = Uint8Array.from(atob(saved.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'message/rfc822' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = saved.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click returns; later is only to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
