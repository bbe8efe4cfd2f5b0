// What the Follow SMTP panel shows: which session, in which mode, secrets shown or not.

import { create } from 'zustand';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';

export type FollowMode = 'dialogue' | 'raw';

interface FollowSmtpState {
  /** The conversation shown, or null when the panel is closed. */
  conversation: number | null;
  /** The file generation the conversation belongs to: a newly opened file closes the panel. */
  generation: number;
  mode: FollowMode;
  reveal: boolean;
  show(conversation: number, generation: number): void;
  close(): void;
  setMode(mode: FollowMode): void;
  setReveal(reveal: boolean): void;
}

export const useFollowSmtp = create<FollowSmtpState>()((set) => ({
  conversation: null,
  generation: 0,
  mode: 'dialogue',
  reveal: false,
  show: (conversation, generation) => set({ conversation, generation, reveal: false }),
  close: () => set({ conversation: null, reveal: false }),
  setMode: (mode) => set({ mode }),
  setReveal: (reveal) => set({ reveal }),
}));

/** Opens the panel on the SMTP session of the selected packet, or says why it cannot. */
export async function followSelectedPacket(): Promise<void> {
  const { selected, generation, report } = useAppStore.getState();
  if (selected === 0) {
    report('Follow SMTP: select a packet of an SMTP session first');
    return;
  }
  try {
    const { conversation } = await tapline.request('smtp.sessionForPacket',
      { number: selected });
    if (conversation === null) {
      report(`Follow SMTP: packet ${selected} is not part of an SMTP session`);
      return;
    }
    report('');
    useFollowSmtp.getState().show(conversation, generation);
  } catch (error) {
    report((error as Error).message);
  }
}
