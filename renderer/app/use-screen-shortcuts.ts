// Lets a screen add its own shortcuts while it is open.
import { useEffect } from 'react';
import type { Shortcut } from './shortcuts';
import { useShortcuts } from './shortcuts-store';

/** Registers `shortcuts` (which should be stable) for as long as the screen is mounted. */
export function useScreenShortcuts(title: string, shortcuts: readonly Shortcut[]): void {
  useEffect(() => {
    const store = useShortcuts.getState();
    store.setScreenShortcuts(title, shortcuts);
    return () => {
      store.clearScreenShortcuts(shortcuts);
    };
  }, [title, shortcuts]);
}
