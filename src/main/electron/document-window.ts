// One window and the document it shows: its own service, dispatch table and status feed.

import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_VERSION } from '../app-version';
import { createDispatcher, type Dispatch } from '../service/dispatcher';
import { configuredCaptureHelper } from '../service/capture-helper-path';
import { createLogger } from '../service/logger';
import { TaplineService } from '../service/tapline-service';
import { IPC_EVENT_CHANNEL } from '../../shared/tapline-api';
import { createMainWindow } from './main-window';
import {
  chooseCaptureFile, chooseSavePath, confirmCloseUnsaved, confirmStopCapture,
} from './native-dialogs';
import type { RecentFiles } from './recent-files';
import type { Rectangle } from './window-state';

const log = createLogger('window');

export interface WindowContext {
  outDir: string;
  /** The list the service adds opened files to; the menu listens to it for changes. */
  recent: RecentFiles;
  /** Called as the window closes, with the bounds to remember. */
  closing(window: BrowserWindow): void;
}

export class DocumentWindow {
  readonly window: BrowserWindow;
  readonly service: TaplineService;
  readonly dispatch: Dispatch;
  private closeConfirmed = false;

  constructor(private readonly context: WindowContext, bounds?: Rectangle, maximized = false) {
    this.window = createMainWindow(context.outDir, bounds, maximized);
    this.service = new TaplineService({
      captureChildEntry: join(context.outDir, 'main/capture-child.js'),
      // The package ships the helper there (electron-builder.yml, extraResources).
      captureHelper: configuredCaptureHelper(
        join(process.resourcesPath, 'capture', 'tapline-capture')),
      recent: context.recent,
    });
    this.dispatch = createDispatcher(this.service, {
      mode: 'electron',
      version: APP_VERSION,
      chooseCaptureFile: async () => {
        const path = await chooseCaptureFile(this.window);
        if (path) this.remember(path);
        return path;
      },
      chooseSavePath: (name, format) => chooseSavePath(this.window, name, format),
    });

    const stopStatus = this.service.onStatus((status) => {
      if (!this.window.isDestroyed()) {
        this.window.webContents.send(IPC_EVENT_CHANNEL, 'document.status', status);
      }
    });
    this.window.on('close', (event) => this.onClose(event));
    this.window.once('closed', () => {
      stopStatus();
      void this.service.close();
    });
  }

  /** What the IPC sender check compares with. */
  get contents() {
    return this.window.webContents;
  }

  get mainFrame() {
    return this.window.webContents.mainFrame;
  }

  get capturing(): boolean {
    return this.service.status().capture?.running === true;
  }

  /** A capture, running or stopped, that no save has copied whole. */
  get holdsUnsaved(): boolean {
    return this.service.status().unsaved === true;
  }

  async open(path: string): Promise<void> {
    await this.service.openAndRemember(path);
    this.remember(path);
  }

  focus(): void {
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** Tells the OS too (the Dock's and taskbar's lists); the service keeps our own list. */
  remember(path: string): void {
    app.addRecentDocument(path);
  }

  /**
   * A running capture is stopped, and an unsaved one left in the spool, only after the user
   * said so; then the close goes on.
   */
  private onClose(event: Electron.Event): void {
    const status = this.service.status();
    const capture = status.capture;
    if (this.closeConfirmed || !(capture?.running || status.unsaved)) {
      this.context.closing(this.window);
      return;
    }
    event.preventDefault();
    if (!capture?.running) {
      void confirmCloseUnsaved(this.window, status.packetCount).then((close) => {
        if (!close) return;
        this.closeConfirmed = true;
        this.window.close();
      });
      return;
    }
    void confirmStopCapture(this.window, capture.interface).then(async (stop) => {
      if (!stop) return;
      await this.service.stopCapture().catch((error: Error) =>
        log.warn(`stopping the capture before closing: ${error.message}`));
      this.closeConfirmed = true;
      this.window.close();
    });
  }
}
