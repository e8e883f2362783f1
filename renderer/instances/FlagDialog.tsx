// A revealed flag, whole and copyable.
import type { ReactElement } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Dialog } from '../components/Dialog';
import { useInstances } from './instances-store';

/** Shows the flag of the instance named `owner`; closing it hides the flag again. */
export function FlagDialog({ id, owner }: { id: string; owner: string }): ReactElement {
  const flag = useInstances((state) => state.flags[id] ?? '');
  const hide = useInstances((state) => state.hideFlag);
  return (
    <Dialog title={`Flag of ${owner}`} onClose={hide} size="small" testId="flag-dialog">
      <div className="flag-box">
        <code className="flag-text" data-testid="flag">
          {flag}
        </code>
        <CopyButton text={flag} label={`Copy flag of ${owner}`} />
      </div>
    </Dialog>
  );
}
