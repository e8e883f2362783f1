// A coloured word for a state: running, stopped, up, down...
import type { ReactElement } from 'react';

const tones: Record<string, string> = {
  running: 'good',
  up: 'good',
  ok: 'good',
  starting: 'busy',
  checking: 'busy',
  stopped: 'quiet',
  removed: 'quiet',
  unknown: 'warn',
  gone: 'warn',
  drained: 'warn',
  failed: 'bad',
  down: 'bad',
};

/** The status as a labelled badge; the colour only repeats what the word says. */
export function StatusBadge({
  status,
  tone,
}: {
  status: string;
  tone?: 'good' | 'busy' | 'quiet' | 'warn' | 'bad';
}): ReactElement {
  return (
    <span className={`badge ${tone ?? tones[status] ?? 'quiet'}`} data-status={status}>
      {status}
    </span>
  );
}
