// Puts the chosen theme on <html>: the stylesheet follows the system unless one is forced.

import { useEffect } from 'react';
import { usePrefs } from '../../store/prefs-store';

export function useTheme(): void {
  const theme = usePrefs((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
