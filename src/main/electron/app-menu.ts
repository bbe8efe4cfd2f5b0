// The native menu: File, Capture, View, Go, Help.
//
// Shortcuts the page already handles (Ctrl+E, Ctrl+G, Ctrl+F, Ctrl+M…) are shown in the
// menu but not registered with it (registerAccelerator: false), so the key still reaches
// the page; clicking the item sends the page that same key.

import {
  app, Menu, type BrowserWindow, type KeyboardInputEvent, type MenuItemConstructorOptions,
} from 'electron';
import { basename } from 'node:path';

export interface MenuActions {
  openFile(window: BrowserWindow | undefined): void;
  openRecent(window: BrowserWindow | undefined, path: string): void;
  clearRecent(): void;
  /** Saves the packets through the document.save request, in the format and scope given. */
  save(window: BrowserWindow | undefined, scope: 'all' | 'displayed'): void;
  stopCapture(window: BrowserWindow | undefined): void;
  about(window: BrowserWindow | undefined): void;
}

type Modifier = 'shift';

/** A menu item that stands for a key the page handles itself. */
function pageKey(label: string, key: string, modifiers: Modifier[] = []):
  MenuItemConstructorOptions {
  const shown = [modifiers.includes('shift') ? 'Shift+' : '', key.toUpperCase()].join('');
  return {
    label,
    accelerator: `Ctrl+${shown}`,
    registerAccelerator: false,
    click: (_item, window) => {
      const target = asWindow(window);
      if (!target) return;
      // Control on every platform: each of the page's handlers accepts it.
      const event: KeyboardInputEvent = {
        type: 'keyDown', keyCode: key, modifiers: ['control', ...modifiers],
      };
      target.webContents.sendInputEvent(event);
      target.webContents.sendInputEvent({ ...event, type: 'keyUp' });
    },
  };
}

/** The window a menu click is about; menu callbacks type it loosely. */
function asWindow(window: unknown): BrowserWindow | undefined {
  return window && typeof window === 'object' && 'webContents' in window
    ? window as BrowserWindow : undefined;
}

export function installAppMenu(actions: MenuActions, recent: readonly string[]): void {
  const recentItems: MenuItemConstructorOptions[] = recent.length === 0
    ? [{ label: 'No recent files', enabled: false }]
    : recent.map((path) => ({
      label: basename(path).replaceAll('&', '&&'),
      toolTip: path,
      click: (_item, window) => actions.openRecent(asWindow(window), path),
    }));

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: '&Open…', accelerator: 'CmdOrCtrl+O',
          click: (_item, window) => actions.openFile(asWindow(window)) },
        { label: 'Open &Recent', submenu: [
          ...recentItems,
          { type: 'separator' },
          { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
        ] },
        { type: 'separator' },
        // The page's Save dialog (format, which packets), which then asks where natively.
        pageKey('&Save As…', 's'),
        { label: '&Export Displayed Packets…',
          click: (_item, window) => actions.save(asWindow(window), 'displayed') },
        { type: 'separator' },
        { role: 'close' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Capture',
      submenu: [
        pageKey('&Start…', 'e'),
        { label: 'S&top', click: (_item, window) => actions.stopCapture(asWindow(window)) },
        pageKey('&Restart', 'r'),
      ],
    },
    {
      label: '&View',
      submenu: [
        pageKey('Display &Filter', '/'),
        pageKey('Follow &SMTP Session', 's', ['shift']),
        pageKey('TCP &Ladder', 'l', ['shift']),
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' }, { role: 'togglefullscreen' },
        // The developer tools only in a build from source: a packaged app offers no console.
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '&Go',
      submenu: [
        pageKey('&Go to Packet…', 'g'),
        pageKey('&Find Packet…', 'f'),
        { type: 'separator' },
        pageKey('&Mark Packet', 'm'),
        pageKey('&Next Marked Packet', 'n', ['shift']),
        pageKey('&Previous Marked Packet', 'b', ['shift']),
      ],
    },
    { role: 'windowMenu' },
    {
      label: '&Help',
      submenu: [{ label: '&About Tapline', click: (_item, window) =>
        actions.about(asWindow(window)) }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
