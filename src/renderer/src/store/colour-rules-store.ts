// Colouring rules for the packet list, edited by the user and kept across runs.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface ColourRule {
  id: string;
  name: string;
  /** A regular expression tested against the Info column; an invalid one matches nothing. */
  pattern: string;
  /** Background colour, as CSS understands it (#rrggbb from the colour input). */
  colour: string;
  enabled: boolean;
}

// First match wins, so errors and resets come before the broader rules.
export const DEFAULT_RULES: ColourRule[] = [
  { id: 'errors', name: 'Errors and truncation', pattern: '\\[\\|[a-z0-9]+\\]|bad |' +
    'truncated|invalid', colour: '#f4b6b6', enabled: true },
  { id: 'rst', name: 'TCP reset', pattern: 'Flags \\[R', colour: '#e8a0a0', enabled: true },
  { id: 'syn', name: 'TCP SYN', pattern: 'Flags \\[S', colour: '#b9dcb0', enabled: true },
  { id: 'fin', name: 'TCP FIN', pattern: 'Flags \\[F', colour: '#a9c9e8', enabled: true },
  { id: 'smtp-fail', name: 'SMTP failure replies', pattern: 'SMTP: [45][0-9][0-9][ -]',
    colour: '#f2c48d', enabled: true },
  { id: 'smtp-reply', name: 'SMTP replies', pattern: 'SMTP: [23][0-9][0-9][ -]',
    colour: '#dcd3f0', enabled: true },
  { id: 'smtp-command', name: 'SMTP commands', pattern: 'SMTP: [A-Za-z]{4}( |$)',
    colour: '#f4ecc2', enabled: true },
];

interface ColourRules {
  rules: ColourRule[];
  enabled: boolean;
  update(id: string, change: Partial<Omit<ColourRule, 'id'>>): void;
  add(): void;
  remove(id: string): void;
  move(id: string, step: -1 | 1): void;
  setEnabled(enabled: boolean): void;
  reset(): void;
}

let added = 0;

export const useColourRules = create<ColourRules>()(persist((set) => ({
  rules: DEFAULT_RULES,
  enabled: true,
  update: (id, change) => set((s) => ({
    rules: s.rules.map((r) => r.id === id ? { ...r, ...change } : r),
  })),
  add: () => set((s) => ({
    rules: [...s.rules, { id: `user-${Date.now()}-${added++}`, name: 'New rule',
      pattern: '', colour: '#e0e0e0', enabled: true }],
  })),
  remove: (id) => set((s) => ({ rules: s.rules.filter((r) => r.id !== id) })),
  move: (id, step) => set((s) => {
    const at = s.rules.findIndex((r) => r.id === id);
    const to = at + step;
    if (at < 0 || to < 0 || to >= s.rules.length) return {};
    const rules = [...s.rules];
    [rules[at], rules[to]] = [rules[to], rules[at]];
    return { rules };
  }),
  setEnabled: (enabled) => set({ enabled }),
  reset: () => set({ rules: DEFAULT_RULES, enabled: true }),
}), { name: 'tapline.colour-rules', version: 1 }));
