// Entry of the desktop app: one instance, a window per document, the menu and IPC.

import { app, BrowserWindow, dialog, screen } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_VERSION } from './app-version';
import { installAppMenu } from './electron/app-menu';
import { DocumentWindow } from './electron/document-window';
import { bridgeIpc } from './electron/ipc-bridge';
import { fileFromArguments } from './electron/launch-arguments';
import { rendererUrl } from './electron/main-window';
import { chooseCaptureFile, showError } from './electron/native-dialogs';
import { RecentFiles } from './electron/recent-files';
import {
  fitToScreens, readWindowState, writeWindowState, type WindowState,
} from './electron/window-state';
import { createLogger } from './service/logger';

const log = createLogger('app');
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const captureChild = join(outDir, 'main/capture-child.js');

/**
 * A packaged app with the OnlyLoadAppFromAsar fuse runs this file whatever script path it
 * is given, so the capture process (our own binary started with capture-child.js) lands
 * here and is handed to that script before any window or single-instance lock.
 */
const isCaptureChild = app.isPackaged && process.argv[1] !== undefined
  && resolve(process.argv[1]) === captureChild;

if (isCaptureChild) {
  // The built entry, imported by its path: the bundler must not fold it into this file.
  await import(pathToFileURL(captureChild).href);
} else if (!app.requestSingleInstanceLock()) {
  // Another Tapline is running: it received our arguments in 'second-instance'.
  app.quit();
} else {
  startDesktop();
}

function startDesktop(): void {
  const windows = new Set<DocumentWindow>();
  let lastFocused: DocumentWindow | undefined;
  const userData = app.getPath('userData');
  const stateFile = join(userData, 'window-state.json');
  // The state folder's list, shared with the web mode; the one older builds kept in userData
  // is taken over once.
  const recent = new RecentFiles(undefined, join(userData, 'recent-files.json'));

  const menuActions = {
    openFile: async (window: BrowserWindow | undefined) => {
      const target = documentOf(window) ?? newWindow();
      if (!target.capturing && !target.holdsUnsaved) {
        await target.dispatch('document.openDialog', {}).catch(reportTo(target));
        return;
      }
      const path = await chooseCaptureFile(target.window);
      if (path) await openIn(target, path);
    },
    openRecent: (window: BrowserWindow | undefined, path: string) => {
      if (!existsSync(path)) {
        showError(window, 'File not found', `${path} no longer exists.`);
        return;
      }
      void openIn(documentOf(window), path);
    },
    clearRecent: () => {
      recent.clear();
      app.clearRecentDocuments();
      rebuildMenu();
    },
    save: (window: BrowserWindow | undefined, scope: 'all' | 'displayed') => {
      const target = documentOf(window);
      if (!target) return;
      void target.dispatch('document.save', { format: 'pcapng', scope })
        .catch(reportTo(target));
    },
    stopCapture: (window: BrowserWindow | undefined) => {
      const target = documentOf(window);
      if (target?.capturing) void target.service.stopCapture().catch(reportTo(target));
    },
    about: (window: BrowserWindow | undefined) => {
      const options = {
        title: 'About Tapline', message: `Tapline ${APP_VERSION}`,
        detail: `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, `
          + `Node ${process.versions.node}`,
      };
      void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
    },
  };

  recent.onChange(rebuildMenu);

  function rebuildMenu(): void {
    installAppMenu(menuActions, recent.items);
  }

  function documentOf(window: BrowserWindow | undefined): DocumentWindow | undefined {
    for (const item of windows) if (item.window === window) return item;
    return lastFocused;
  }

  function reportTo(target: DocumentWindow) {
    return (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      showError(target.window, 'Tapline', message);
      return undefined;
    };
  }

  /** A new window, placed where the last one was (offset when others are open). */
  function newWindow(): DocumentWindow {
    const saved = readWindowState(stateFile);
    const areas = screen.getAllDisplays().map((display) => display.workArea);
    const state = saved && fitToScreens(saved, areas);
    const offset = windows.size * 32;
    const bounds = state && { ...state.bounds, x: state.bounds.x + offset,
      y: state.bounds.y + offset };
    const created = new DocumentWindow({
      outDir, recent, closing: saveBounds,
    }, bounds, state?.maximized ?? false);
    windows.add(created);
    lastFocused = created;
    created.window.on('focus', () => { lastFocused = created; });
    created.window.once('closed', () => {
      windows.delete(created);
      if (lastFocused === created) lastFocused = [...windows].at(-1);
    });
    return created;
  }

  function saveBounds(window: BrowserWindow): void {
    const state: WindowState = {
      bounds: window.getNormalBounds(), maximized: window.isMaximized(),
    };
    try {
      writeWindowState(stateFile, state);
    } catch (error) {
      log.warn(`could not remember the window's place: ${(error as Error).message}`);
    }
  }

  /**
   * Opens a file in the given window, unless a live capture is running there or was never
   * saved: replacing it would stop or hide the capture, so the file gets a window of its own.
   */
  async function openIn(target: DocumentWindow | undefined, path: string): Promise<void> {
    const window = !target || target.capturing || target.holdsUnsaved ? newWindow() : target;
    window.focus();
    await window.open(path).catch(reportTo(window));
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = fileFromArguments(argv, app.isPackaged, workingDirectory);
    if (file) void openIn(lastFocused, file);
    else if (lastFocused) lastFocused.focus();
    else newWindow();
  });

  // macOS hands files (double-click, Dock, file associations) over this event instead.
  const early: string[] = [];
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openIn(lastFocused, path);
    else early.push(path);
  });

  app.on('window-all-closed', () => app.quit());

  app.whenReady().then(async () => {
    bridgeIpc(() => windows, rendererUrl(outDir));
    rebuildMenu();
    const first = newWindow();
    const file = fileFromArguments(process.argv, app.isPackaged, process.cwd()) ?? early.pop();
    if (file) await first.open(file).catch(reportTo(first));
    app.on('activate', () => {
      if (windows.size === 0) newWindow();
    });
  }).catch((error) => {
    log.error(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    app.exit(1);
  });
}
