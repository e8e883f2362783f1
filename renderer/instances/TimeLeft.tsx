// The countdown to an instance's expiry, redrawn by the shared one-second tick.
import type { ReactElement } from 'react';
import { useTick } from '../app/tick-store';
import { formatTimeLeft } from '../lib/format';

interface TimeLeftProps {
  expiresAt: number;
  live: boolean;
}

/** "12:34" while live, "expired" past the end, "—" for ended instances. */
export function TimeLeft({ expiresAt, live }: TimeLeftProps): ReactElement {
  const now = useTick((state) => state.now);
  if (!live) return <span className="muted">—</span>;
  const text = formatTimeLeft(expiresAt, now);
  const soon = expiresAt - now < 5 * 60_000;
  return (
    <time
      className={`time-left ${soon ? 'soon' : ''}`}
      dateTime={new Date(expiresAt).toISOString()}
      data-testid="time-left"
    >
      {text}
    </time>
  );
}
