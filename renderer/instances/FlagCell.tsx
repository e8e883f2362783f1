// The flag of an instance stays hidden until the operator asks; it then shows in the flag dialog.
import type { ReactElement } from 'react';
import { useInstances } from './instances-store';

/** A Reveal button; the flag itself opens in a dialog where it can be read whole and copied. */
export function FlagCell({ id, owner }: { id: string; owner: string }): ReactElement {
  const revealed = useInstances((state) => state.flags[id] !== undefined);
  return (
    <button
      type="button"
      className="small"
      aria-label={`Reveal flag of ${owner}`}
      onClick={() => void useInstances.getState().revealFlag(id)}
    >
      {revealed ? 'Show flag' : 'Reveal'}
    </button>
  );
}
