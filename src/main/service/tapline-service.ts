// The main side's state and operations, independent of how requests arrive.

import { dissect } from '../../engine/decode/dissect';
import {
  ApiError, type DetailLayer, type DocumentStatus, type PacketRow,
} from '../../shared/api';
import { CaptureDocument, type StoredPacket } from './capture-document';
import { createLogger } from './logger';
import { RowDescriber } from './row-describer';
import { SmtpService } from './smtp/smtp-service';

const log = createLogger('document');

/** Status updates go out at most this often while a file loads. */
const PROGRESS_INTERVAL_MS = 100;

const EMPTY_STATUS: DocumentStatus = {
  documentId: 0, revision: 0, name: '', format: '', packetCount: 0, bytesRead: 0, totalBytes: 0,
  loading: false,
};

export type StatusListener = (status: DocumentStatus) => void;

export class TaplineService {
  private document?: CaptureDocument;
  private describer?: RowDescriber;
  private readonly listeners = new Set<StatusListener>();
  /** The smtp.* requests, about whichever document is open when asked. */
  readonly smtp = new SmtpService(() => this.requireDocument());

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): DocumentStatus {
    return this.document?.status() ?? EMPTY_STATUS;
  }

  /**
   * Opens a capture file. Only trusted callers name paths: the command line, a native
   * dialog, a drop in the window, or the web mode's upload folder; never the renderer.
   * Resolves when the file starts loading; `loaded` settles when indexing stops.
   */
  async openPath(path: string, displayName?: string): Promise<{ loaded: Promise<void> }> {
    let opened;
    try {
      opened = await CaptureDocument.open(path, displayName, this.throttledEmit());
    } catch (error) {
      throw new ApiError('FILE_OPEN_FAILED', `cannot open ${displayName ?? path}: ` +
        (error instanceof Error ? error.message : String(error)));
    }
    const previous = this.document;
    this.document = opened.document;
    this.describer = new RowDescriber(opened.document);
    await previous?.close();

    const started = Date.now();
    log.info(`opening ${opened.document.name}`);
    const loaded = opened.done.then(() => {
      const status = opened.document.status();
      const seconds = ((Date.now() - started) / 1000).toFixed(2);
      log.info(`${status.name}: ${status.packetCount} packets indexed in ${seconds} s` +
        (status.error ? `; stopped: ${status.error}` : ''));
    });
    return { loaded };
  }

  async rows(start: number, count: number): Promise<PacketRow[]> {
    if (!this.document || !this.describer) return [];
    const packets = await this.document.packets(start, count);
    return this.describer.describe(packets);
  }

  async packetBytes(number: number): Promise<Uint8Array> {
    return (await this.packet(number)).record.data;
  }

  async packetDetail(number: number): Promise<DetailLayer[]> {
    return dissect((await this.packet(number)).record).layers;
  }

  private async packet(number: number): Promise<StoredPacket> {
    const document = this.requireDocument();
    if (number > document.index.count) {
      throw new ApiError('NO_SUCH_PACKET',
        `packet ${number} does not exist: the file has ${document.index.count} packets`);
    }
    const [packet] = await document.packets(number - 1, 1);
    return packet;
  }

  async close(): Promise<void> {
    await this.document?.close();
  }

  private requireDocument(): CaptureDocument {
    if (!this.document) throw new ApiError('NO_DOCUMENT', 'no capture file is open');
    return this.document;
  }

  /** Sends every final status, and loading progress at most every PROGRESS_INTERVAL_MS. */
  private throttledEmit(): StatusListener {
    let last = 0;
    return (status) => {
      const now = Date.now();
      if (status.loading && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      for (const listener of this.listeners) listener(status);
    };
  }
}
