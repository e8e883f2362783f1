// The shortcuts every screen has: search, help, and going to a screen.
import { useNavigation } from './navigation-store';
import { screens } from './screens';
import type { Shortcut } from './shortcuts';
import { useShortcuts } from './shortcuts-store';

/** Focuses the open screen's search box, if it has one. */
export function focusSearch(): void {
  const input = document.querySelector<HTMLInputElement>('main [data-shortcut="search"]');
  input?.focus();
  input?.select();
}

/** The panel-wide shortcuts. */
export function globalShortcuts(): Shortcut[] {
  const go = (id: (typeof screens)[number]['id']) => () => {
    useNavigation.getState().go(id);
  };
  return [
    { sequence: ['/'], description: 'Search on this screen', run: focusSearch },
    {
      sequence: ['?'],
      description: 'Show or hide this help',
      run: () => {
        const store = useShortcuts.getState();
        store.setHelpOpen(!store.helpOpen);
      },
    },
    ...screens.map((screen) => ({
      sequence: ['g', screen.goKey],
      description: `Go to ${screen.title}`,
      run: go(screen.id),
    })),
    ...screens.map((screen) => ({
      sequence: [screen.numberKey],
      description: `Go to ${screen.title}`,
      run: go(screen.id),
    })),
  ];
}
