// The list of keyboard shortcuts, opened with "?".
import type { ReactElement } from 'react';
import { useMemo } from 'react';
import { Dialog } from '../components/Dialog';
import { globalShortcuts } from './global-shortcuts';
import { screens } from './screens';
import type { Shortcut } from './shortcuts';
import { describeSequence } from './shortcuts';
import { useShortcuts } from './shortcuts-store';

function ShortcutList({ shortcuts }: { shortcuts: readonly Shortcut[] }): ReactElement {
  return (
    <dl className="shortcut-list">
      {shortcuts.map((shortcut) => (
        <div key={shortcut.sequence.join(' ')} className="shortcut">
          <dt>
            {shortcut.sequence.map((key, index) => (
              <span key={index}>
                {index > 0 ? <span className="muted"> then </span> : null}
                <kbd>{describeSequence([key])}</kbd>
              </span>
            ))}
          </dt>
          <dd>{shortcut.description}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Panel-wide shortcuts and the open screen's own, side by side. */
export function HelpOverlay(): ReactElement | null {
  const open = useShortcuts((state) => state.helpOpen);
  const screenTitle = useShortcuts((state) => state.screenTitle);
  const screenShortcuts = useShortcuts((state) => state.screenShortcuts);
  const setHelpOpen = useShortcuts((state) => state.setHelpOpen);
  const global = useMemo(() => {
    const all = globalShortcuts();
    // The number keys repeat the "g then" list; one line says so instead.
    return all.filter((s) => !/^\d$/.test(s.sequence[0] ?? ''));
  }, []);

  if (!open) return null;
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={() => {
        setHelpOpen(false);
      }}
      testId="help-overlay"
    >
      <div className="help-columns">
        <section>
          <h3>Everywhere</h3>
          <ShortcutList shortcuts={global} />
          <p className="field-hint">
            Number keys 1–{screens.length} open the screens in sidebar order.
          </p>
        </section>
        {screenShortcuts.length > 0 ? (
          <section>
            <h3>{screenTitle}</h3>
            <ShortcutList shortcuts={screenShortcuts} />
          </section>
        ) : null}
      </div>
    </Dialog>
  );
}
