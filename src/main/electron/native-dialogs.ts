// The native dialogs the app asks for: open a capture, save packets, confirm a close.

import { dialog, type BrowserWindow } from 'electron';

export async function chooseCaptureFile(window: BrowserWindow): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Open capture file',
    properties: ['openFile'],
    filters: [
      { name: 'Capture files', extensions: ['pcap', 'pcapng', 'cap'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

export async function chooseSavePath(window: BrowserWindow, name: string, format: string):
  Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Save packets',
    defaultPath: name,
    filters: [{ name: format === 'pcap' ? 'pcap' : 'pcapng', extensions: [format] }],
  });
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Asks before a close ends a running capture; true when the user chose to stop it. */
export async function confirmStopCapture(window: BrowserWindow, interfaceName: string):
  Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Stop capture and close', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'A capture is running',
    message: `A live capture on ${interfaceName} is running in this window.`,
    detail: 'Closing stops it. The packets captured so far stay in the spool file.',
  });
  return response === 0;
}

/** Asks before a close leaves a stopped capture unsaved; true when the user chose to close. */
export async function confirmCloseUnsaved(window: BrowserWindow, packets: number):
  Promise<boolean> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Close without saving', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Unsaved capture',
    message: `The capture of ${packets} packets in this window was never saved.`,
    detail: 'Cancel, then File > Save As, to keep it in a file of your choice. Closed ' +
      'unsaved, it stays in the spool folder and is offered again at the next start.',
  });
  return response === 0;
}

export function showError(window: BrowserWindow | undefined, title: string, message: string) {
  const options = { type: 'error' as const, title, message };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}
