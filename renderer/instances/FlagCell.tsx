// The flag of an instance, hidden until the operator asks for it.
import type { ReactElement } from 'react';
import { CopyButton } from '../components/CopyButton';
import { useInstances } from './instances-store';

/** A Reveal button, or the revealed flag with copy and hide. */
export function FlagCell({ id, owner }: { id: string; owner: string }): ReactElement {
  const flag = useInstances((state) => state.flags[id]);
  const { revealFlag, hideFlag } = useInstances.getState();

  if (flag === undefined) {
    return (
      <button
        type="button"
        className="small"
        aria-label={`Reveal flag of ${owner}`}
        onClick={() => void revealFlag(id)}
      >
        Reveal
      </button>
    );
  }
  return (
    <div className="flag">
      <span className="mono flag-text" title={flag} data-testid="flag">
        {flag}
      </span>
      <CopyButton text={flag} label={`Copy flag of ${owner}`} />
      <button
        type="button"
        className="icon-button"
        aria-label={`Hide flag of ${owner}`}
        onClick={() => {
          hideFlag(id);
        }}
      >
        ×
      </button>
    </div>
  );
}
