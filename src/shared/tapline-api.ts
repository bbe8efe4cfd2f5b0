// The shape of `window.tapline`: the renderer's only way to reach the main side.

import type { ApiEvent, ApiEvents, ApiMethod, ApiParams, ApiResults, DocumentStatus } from './api';

/** A file the user dropped or picked in the page: a DOM File, described without the DOM. */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
}

export interface TaplineApi {
  request<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResults[M]>;
  /** Returns the function that stops listening. */
  on<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /**
   * Opens a file that the user dropped or chose. In Electron the preload turns it into its
   * path; in the browser its bytes are uploaded to the local service.
   */
  openFile(file: PickedFile): Promise<DocumentStatus>;
}

/** Channel names of the Electron transport; the web mode uses the same method names. */
export const IPC_REQUEST_CHANNEL = 'tapline:request';
export const IPC_EVENT_CHANNEL = 'tapline:event';
export const IPC_OPEN_DROPPED_CHANNEL = 'tapline:open-dropped';
