// Everything about saving that is not a toolbar button: the banners and the Save As dialog.

import { RecoveryBanner } from './RecoveryBanner';
import { SaveDialogHost } from './SaveDialogHost';
import { UnsavedBanner } from './UnsavedBanner';
import './save.css';

export function SavePanels() {
  return (
    <>
      <RecoveryBanner />
      <UnsavedBanner />
      <SaveDialogHost />
    </>
  );
}
