// Opens an entry of the recent list: the page sends its id, the main side knows the path.

import { tapline } from '../../api/tapline';
import type { RecentFileItem } from '../../../../shared/recent-api';
import { useAppStore } from '../../store/app-store';
import { mayReplaceDocument } from '../save/leave-unsaved';

export function openRecent(item: RecentFileItem): void {
  const { applyStatus, report } = useAppStore.getState();
  if (!mayReplaceDocument()) return;
  // A missing file is still asked for: the main side's answer says plainly what happened.
  tapline.request('document.openRecent', { id: item.id }).then(applyStatus)
    .catch((error: Error) => report(error.message));
}

export function fetchRecent(): Promise<RecentFileItem[]> {
  return tapline.request('document.recent', {});
}
