// Says so when live updates stopped flowing, so nobody trusts a stale table.
import type { ReactElement } from 'react';
import { useConnection } from './live-updates';

/** A banner while the event stream is down; nothing while all is well. */
export function ConnectionBanner(): ReactElement | null {
  const state = useConnection((store) => store.state);
  if (state !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      Live updates paused: reconnecting to Berth… What you see may be out of date.
    </div>
  );
}
