// Restart: the capture behind the open document again, same interface, filter and options,
// its packet count from zero. The unsaved capture it replaces is confirmed first.

import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { mayReplaceDocument } from '../save/leave-unsaved';

/** True when the open document is a capture, running or stopped, that can be restarted. */
export function canRestartCapture(): boolean {
  return useAppStore.getState().status.capture !== undefined;
}

export function restartCapture(): void {
  const { applyStatus, report } = useAppStore.getState();
  if (!canRestartCapture() || !mayReplaceDocument()) return;
  tapline.request('capture.restart', {}).then(applyStatus)
    .catch((error: Error) => report(error.message));
}
