// The shortcuts in force: the panel's own plus those the open screen adds; and the help overlay.
import { create } from 'zustand';
import type { Shortcut } from './shortcuts';

interface ShortcutsState {
  screenTitle: string;
  screenShortcuts: readonly Shortcut[];
  helpOpen: boolean;
  setScreenShortcuts: (title: string, shortcuts: readonly Shortcut[]) => void;
  clearScreenShortcuts: (shortcuts: readonly Shortcut[]) => void;
  setHelpOpen: (open: boolean) => void;
}

/** The open screen's shortcuts and whether the help overlay shows. */
export const useShortcuts = create<ShortcutsState>()((set, get) => ({
  screenTitle: '',
  screenShortcuts: [],
  helpOpen: false,

  setScreenShortcuts(screenTitle, screenShortcuts) {
    set({ screenTitle, screenShortcuts });
  },

  clearScreenShortcuts(shortcuts) {
    // Only the screen that registered them may take them away again.
    if (get().screenShortcuts === shortcuts) set({ screenTitle: '', screenShortcuts: [] });
  },

  setHelpOpen(helpOpen) {
    set({ helpOpen });
  },
}));
