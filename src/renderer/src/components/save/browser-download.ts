// Hands a file to the browser's downloads under the given name, through a Blob URL: the
// link's click is a navigation, which the page's Content-Security-Policy does not govern.

export function offerDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once the click returns; the delay is only to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
