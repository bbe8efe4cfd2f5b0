// The main side's state and operations, independent of how requests arrive.

import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { dissect } from '../../engine/decode/dissect';
import {
  ApiError, type DetailLayer, type DocumentStatus, type PacketRow,
} from '../../shared/api';
import type { CaptureInterfaceInfo, FilterCheck } from '../../shared/capture-api';
import type { ExpressionCheck } from '../../shared/filter-api';
import { FilterError } from '../../engine/filter/filter-error';
import { compileFilter, type CompiledFilter } from '../../engine/filter/compile-filter';
import { CaptureDocument, type StoredPacket } from './capture-document';
import {
  asApiError, captureInterfaces, checkCaptureFilter, resolveInterface,
} from './capture-queries';
import { DisplayFilter, checkExpression } from './display-filter';
import { exportCapture, selectedIndexes } from './export-capture';
import { AtomicWriteError, writeFileAtomically } from './atomic-write';
import { CaptureWriteError } from '../../engine/files/capture-write-error';
import type { SaveOptions } from '../../shared/save-api';
import type { UnsavedCapture } from '../../shared/recovery-api';
import { holdFile, isUnsavedSpool, markSaved, unsavedCaptures } from './spool-recovery';
import { LiveCaptureSession, type LiveCaptureRequest } from './live-capture-session';
import { createLogger } from './logger';
import { RowDescribers } from './row-describers';
import { SmtpService } from './smtp/smtp-service';
import { ConversationService } from './conversations/conversation-service';
import { EndpointService } from './endpoints/endpoint-service';
import { RequestActivity } from './request-activity';
import type { RecentFiles } from './recent-files';
import type { RecentFileItem } from '../../shared/recent-api';

const log = createLogger('document');

/** Status updates go out at most this often while a file loads. */
const PROGRESS_INTERVAL_MS = 100;

const EMPTY_STATUS: DocumentStatus = {
  documentId: 0, revision: 0, name: '', format: '', packetCount: 0, bytesRead: 0, totalBytes: 0,
  loading: false,
};

export type StatusListener = (status: DocumentStatus) => void;

export interface ServiceOptions {
  /** The bundled capture process entry (out/main/capture-child.js) when not run from sources. */
  captureChildEntry?: string;
  /** The tapline-capture helper, which then captures instead of the Node capture process. */
  captureHelper?: string;
  /** The recent-files list that openAndRemember adds to; none, and nothing is remembered. */
  recent?: RecentFiles;
}

export class TaplineService {
  private document?: CaptureDocument;
  private live?: LiveCaptureSession;
  private display?: DisplayFilter;
  private describers?: RowDescribers;
  /** The open document is a spool (a live capture, or one reopened) not yet saved whole. */
  private unsaved = false;
  /** Lets go of the open document's file, which other windows must not offer or discard. */
  private releaseFile?: () => void;
  private readonly listeners = new Set<StatusListener>();
  /** The smtp.* requests, about whichever document is open when asked. */
  readonly smtp = new SmtpService(() => this.requireDocument());
  /** Requests being answered: the dispatcher counts them, background passes give way. */
  readonly activity = new RequestActivity();
  /** The conversation.* requests and reassembly's notes, likewise per document. */
  readonly conversations = new ConversationService(() => this.requireDocument(),
    this.activity);
  /** document.endpoints: the hosts and ports the filter bar completes. */
  readonly endpoints = new EndpointService(() => this.requireDocument());

  constructor(private readonly options: ServiceOptions = {}) {}

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): DocumentStatus {
    const status = this.document?.status() ?? EMPTY_STATUS;
    if (this.unsaved) return this.withDisplay({ ...status, unsaved: true });
    return this.withDisplay(status);
  }

  private withDisplay(status: DocumentStatus): DocumentStatus {
    const display = this.display;
    if (!display) return status;
    return { ...status, displayFilter: {
      expression: display.expression, displayed: display.displayed,
      milliseconds: Math.round(display.milliseconds),
    } };
  }

  unsavedCaptures(): Promise<UnsavedCapture[]> {
    return unsavedCaptures();
  }

  checkFilter(expression: string): ExpressionCheck {
    return checkExpression(expression);
  }

  /** Shows only the packets that match; an empty expression shows them all again. */
  async applyFilter(expression: string): Promise<DocumentStatus> {
    const document = this.requireDocument();
    if (expression.trim() === '') {
      this.display = undefined;
      return this.status();
    }
    let display: DisplayFilter;
    try {
      display = DisplayFilter.compile(expression);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      throw new ApiError(error.code, `${error.message} (at character ${error.position + 1})`);
    }
    await display.extend(document);
    // The previous result stays displayed until the new one is complete.
    if (this.document === document) this.display = display;
    log.info(`filter '${expression}': ${display.displayed} of ${document.index.count} packets ` +
      `in ${Math.round(display.milliseconds)} ms`);
    return this.status();
  }

  /**
   * Opens a capture file. Only trusted callers name paths: the command line, a native
   * dialog, a drop in the window, or the web mode's upload folder; never the renderer.
   * Resolves when the file starts loading; `loaded` settles when indexing stops.
   */
  async openPath(path: string, displayName?: string): Promise<{ loaded: Promise<void> }> {
    this.refuseWhileCapturing();
    let opened;
    try {
      const emit = this.throttledEmit();
      // Once adopted, progress goes out as the service's status: with unsaved and the filter.
      opened = await CaptureDocument.open(path, displayName, (status) =>
        emit(status.documentId === this.document?.id ? this.status() : status));
    } catch (error) {
      throw new ApiError('FILE_OPEN_FAILED', `cannot open ${displayName ?? path}: ` +
        (error instanceof Error ? error.message : String(error)));
    }
    await this.adopt(opened.document);

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

  /** Opens a file the user named (command line, dialog, spool) and lists it as recent. */
  async openAndRemember(path: string, displayName?: string): Promise<{ loaded: Promise<void> }> {
    const opened = await this.openPath(path, displayName);
    this.options.recent?.add(resolve(path));
    return opened;
  }

  recentFiles(): RecentFileItem[] {
    return this.options.recent?.view() ?? [];
  }

  /** Opens an entry of the recent list by its id; the page never names the path. */
  async openRecent(id: string): Promise<DocumentStatus> {
    const path = this.options.recent?.pathOf(id);
    if (path === undefined) {
      throw new ApiError('UNKNOWN_RECENT', 'that file is no longer in the recent list');
    }
    if (!existsSync(path)) {
      throw new ApiError('RECENT_MISSING', `${basename(path)} is no longer in ` +
        `${dirname(path)}: it was moved or deleted`);
    }
    await this.openAndRemember(path);
    return this.status();
  }

  captureInterfaces(): CaptureInterfaceInfo[] {
    return captureInterfaces();
  }

  checkCaptureFilter(interfaceName: string, filter: string): FilterCheck {
    return checkCaptureFilter(interfaceName, filter, this.options.captureHelper);
  }

  /** Starts a live capture; its packets become the open document as they arrive. */
  async startCapture(request: LiveCaptureRequest): Promise<DocumentStatus> {
    this.refuseWhileCapturing();
    const emit = this.throttledEmit();
    let session: LiveCaptureSession;
    try {
      session = await LiveCaptureSession.start(
        { ...request, interface: resolveInterface(request.interface) },
        {
          changed: () => emit(this.status()),
          childEntry: this.options.captureChildEntry,
          captureHelper: this.options.captureHelper,
        });
    } catch (error) {
      throw asApiError(error);
    }
    this.live = session;
    await this.adopt(session.document);
    emit(this.status());
    return this.status();
  }

  async stopCapture(): Promise<DocumentStatus> {
    if (!this.live?.running) throw new ApiError('CAPTURE_NOT_RUNNING', 'no capture is running');
    await this.live.stop();
    return this.status();
  }

  /**
   * Stops the capture behind the open document if it runs, and starts a new one on the same
   * interface with the same filter and options; the old spool stays, as after any capture.
   */
  async restartCapture(): Promise<DocumentStatus> {
    const live = this.live;
    if (!live || live.document !== this.document) {
      throw new ApiError('NO_CAPTURE', 'no capture to restart: the open document is not a ' +
        'capture started in this window');
    }
    if (live.running) await live.stop();
    return this.startCapture(live.request);
  }

  /**
   * The chosen packets as pcap or pcapng chunks, for a download. The selection is taken
   * now; the packets are read as the chunks are consumed.
   */
  exportChunks(options: SaveOptions): { chunks: AsyncIterable<Uint8Array>; name: string } {
    const document = this.requireDocument();
    const indexes = [...selectedIndexes(document, this.display, options.scope)];
    const base = document.name.replace(/\.(pcapng|pcap|cap)$/i, '');
    const whole = indexes.length === document.index.count;
    const chunks = translateWriteErrors(exportCapture(document, indexes, options.format));
    return {
      // Once the last byte went out, the page holds the whole capture: it is saved.
      chunks: whole ? this.thenSaved(document, chunks) : chunks,
      name: `${base}${options.scope === 'all' ? '' : '-selected'}.${options.format}`,
    };
  }

  /** Saves the chosen packets to `path` atomically; the source file is never touched. */
  async saveAs(path: string, options: SaveOptions): Promise<{ path: string; packets: number }> {
    const document = this.requireDocument();
    const indexes = [...selectedIndexes(document, this.display, options.scope)];
    const counter = { packets: 0 };
    try {
      await writeFileAtomically(path,
        exportCapture(document, indexes, options.format, counter), { source: document.path });
    } catch (error) {
      throw asWriteApiError(error);
    }
    log.info(`saved ${counter.packets} packets of ${document.name} to ${path}`);
    if (indexes.length === document.index.count) await this.savedWhole(document);
    return { path, packets: counter.packets };
  }

  private async *thenSaved(document: CaptureDocument, chunks: AsyncIterable<Uint8Array>) {
    yield* chunks;
    await this.savedWhole(document);
  }

  /**
   * A whole, finished capture is safe now: its spool is not offered at start again, and
   * the window no longer asks before it is closed.
   */
  private async savedWhole(document: CaptureDocument): Promise<void> {
    if (document !== this.document || !this.unsaved || this.live?.running) return;
    await markSaved(document.path);
    this.unsaved = false;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  /**
   * Rows `start` to `start + count - 1` of the list: all packets, or the displayed ones.
   * `absoluteSequence` prints their Info as tcpdump -S does.
   */
  async rows(start: number, count: number, absoluteSequence = false): Promise<PacketRow[]> {
    const { document, describers, display } = this;
    if (!document || !describers) return [];
    const describer = describers.pick(absoluteSequence);
    if (!display) return describer.describe(await document.packets(start, count));

    await display.extend(document);
    const packets: StoredPacket[] = [];
    const end = Math.min(display.displayed, start + count);
    for (let row = start; row < end; row++) {
      packets.push(...await document.packets(display.packetIndex(row), 1));
    }
    return describer.describe(packets);
  }

  async packetBytes(number: number): Promise<Uint8Array> {
    return (await this.packet(number)).record.data;
  }

  /** Seconds since the epoch of the first packet, or null before one is indexed. */
  timeOrigin(): number | null {
    const index = this.document?.index;
    return index && index.count > 0 ? index.time(0) : null;
  }

  /** Find (Ctrl+F): reads packets after number `after` until one matches. */
  async findPacket(after: number, expression?: string, hex?: string): Promise<number | null> {
    const document = this.requireDocument();
    let filter: CompiledFilter | undefined;
    try {
      if (expression !== undefined) filter = compileFilter(expression);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      throw new ApiError(error.code, `${error.message} (at character ${error.position + 1})`);
    }
    const needle = hex ? Uint8Array.from(Buffer.from(hex, 'hex')) : undefined;
    for (let index = after; index < document.index.count;) {
      const packets = await document.packets(index, 4096);
      if (packets.length === 0) break;
      for (const { number, record } of packets) {
        const bytes = record.data.subarray(0, record.capturedLength);
        if (filter && !filter.matches(record.linkType, bytes, record.originalLength)) continue;
        if (needle && Buffer.from(bytes).indexOf(needle) < 0) continue;
        return number;
      }
      index += packets.length;
    }
    return null;
  }

  /** The packet's layers, after its pcapng comments when it has some. */
  async packetDetail(number: number): Promise<DetailLayer[]> {
    const layers: DetailLayer[] = dissect((await this.packet(number)).record).layers;
    const comments = this.document?.comments.get(number - 1) ?? [];
    if (comments.length > 0) {
      layers.unshift(annotationLayer('frame.comment', 'Packet comments', 'Comment', comments));
    }
    const notes = this.conversations.notesIfReady(number);
    if (notes.length > 0) {
      layers.push(annotationLayer('tcp.analysis', 'TCP analysis', 'Expert note', notes));
    }
    return layers;
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
    await this.live?.stop();
    await this.document?.close();
    this.releaseFile?.();
  }

  private refuseWhileCapturing(): void {
    if (this.live?.running) {
      throw new ApiError('CAPTURE_RUNNING', 'a capture is running: stop it first');
    }
  }

  private async adopt(document: CaptureDocument): Promise<void> {
    const previous = this.document;
    this.document = document;
    this.describers = new RowDescribers(document);
    this.display = undefined;
    this.unsaved = isUnsavedSpool(document.path);
    this.releaseFile?.();
    this.releaseFile = holdFile(document.path);
    await previous?.close();
  }

  private requireDocument(): CaptureDocument {
    if (!this.document) throw new ApiError('NO_DOCUMENT', 'no capture file is open');
    return this.document;
  }

  /**
   * Sends every final status, and progress (a file loading, a capture running) at most
   * every PROGRESS_INTERVAL_MS.
   */
  private throttledEmit(): StatusListener {
    let last = 0;
    return (status) => {
      const now = Date.now();
      const ongoing = status.loading || status.capture?.running;
      if (ongoing && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      for (const listener of this.listeners) listener(status);
    };
  }
}

/** A detail-tree layer of remarks about the packet, not of its bytes. */
function annotationLayer(name: string, label: string, fieldLabel: string,
  values: readonly string[]): DetailLayer {
  const fields = values.map((value) => ({ name, label: fieldLabel, offset: 0, length: 0, value }));
  return { name, label, offset: 0, length: 0, fields };
}

function asWriteApiError(error: unknown): unknown {
  if (error instanceof AtomicWriteError || error instanceof CaptureWriteError) {
    return new ApiError(error.code, error.message);
  }
  return error;
}

async function* translateWriteErrors(chunks: AsyncIterable<Uint8Array>) {
  try {
    yield* chunks;
  } catch (error) {
    throw asWriteApiError(error);
  }
}
