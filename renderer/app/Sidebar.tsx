// The navigation down the left: every screen, its number key, and the shortcut help.
import type { ReactElement } from 'react';
import { useNavigation } from './navigation-store';
import { routeHash } from './navigation-store';
import { screens } from './screens';
import { useShortcuts } from './shortcuts-store';

/** Links to each screen; the current one is marked for screen readers too. */
export function Sidebar(): ReactElement {
  const current = useNavigation((state) => state.screen);
  const go = useNavigation((state) => state.go);
  const setHelpOpen = useShortcuts((state) => state.setHelpOpen);

  return (
    <nav className="sidebar" aria-label="Screens">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ⚓
        </span>
        Berth
      </div>
      <ul>
        {screens.map((screen) => (
          <li key={screen.id}>
            <a
              href={routeHash({ screen: screen.id, instanceId: null })}
              aria-current={current === screen.id ? 'page' : undefined}
              data-testid={`nav-${screen.id}`}
              onClick={(event) => {
                event.preventDefault();
                go(screen.id);
              }}
            >
              <span>{screen.title}</span>
              <kbd aria-hidden="true">{screen.numberKey}</kbd>
            </a>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="sidebar-help"
        onClick={() => {
          setHelpOpen(true);
        }}
      >
        Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
    </nav>
  );
}
