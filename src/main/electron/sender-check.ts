// Which IPC senders are ours: the main frame of one of our windows, showing our own page.
// Kept free of Electron imports so the rule is unit-tested without a running Electron.

/** The parts of Electron's WebFrameMain that the check reads. */
export interface FrameLike {
  readonly url: string;
}

/** The parts of an IpcMainInvokeEvent that the check reads. */
export interface SenderEvent<Contents, Frame extends FrameLike> {
  readonly sender: Contents;
  /** Null when the frame navigated away or was destroyed before the message arrived. */
  readonly senderFrame: Frame | null;
}

/** One of our windows: its web contents and their main frame. */
export interface TrustedWindow<Contents, Frame> {
  readonly contents: Contents;
  readonly mainFrame: Frame;
}

/**
 * The window a request comes from, or undefined when it must be refused: a subframe, a frame
 * that is gone, another web contents, or a page that is not our renderer.
 */
export function trustedSender<Contents, Frame extends FrameLike, W extends
  TrustedWindow<Contents, Frame>>(
  event: SenderEvent<Contents, Frame>, windows: Iterable<W>, rendererUrl: string,
): W | undefined {
  const frame = event.senderFrame;
  if (!frame || !isRendererPage(frame.url, rendererUrl)) return undefined;
  for (const window of windows) {
    if (window.contents === event.sender && window.mainFrame === frame) return window;
  }
  return undefined;
}

/** Our page, whatever its query or fragment; nothing else on file:// and no other scheme. */
export function isRendererPage(url: string, rendererUrl: string): boolean {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  const expected = new URL(rendererUrl);
  return page.protocol === expected.protocol && page.host === expected.host
    && page.pathname === expected.pathname;
}
