// One row of the instances table, drawn only while it is on screen.
import type { ReactElement } from 'react';
import { memo } from 'react';
import type { InstanceView } from '../../shared/views';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatPercent } from '../lib/format';
import { ConnectionLinks } from './ConnectionLinks';
import { FlagCell } from './FlagCell';
import type { InstanceAction } from './instances-store';
import { isLive } from './instances-store';
import { RowActions } from './RowActions';
import { TimeLeft } from './TimeLeft';

export type RowAction = InstanceAction | 'logs' | 'probe';

const busyWords: Record<InstanceAction, string> = {
  extend: 'extending…',
  restart: 'restarting…',
  stop: 'stopping…',
  start: 'starting…',
  remove: 'removing…',
};

interface InstanceRowProps {
  view: InstanceView;
  /** 1-based position among the shown rows, for screen readers. */
  position: number;
  top: number;
  height: number;
  selected: boolean;
  active: boolean;
  busy: InstanceAction | undefined;
  onToggle: (id: string) => void;
  onAction: (action: RowAction, id: string) => void;
  onActivate: (id: string) => void;
}

/** The name actions use for an instance: "<team> / <challenge>". */
export function ownerOf(view: InstanceView): string {
  return `${view.teamName} / ${view.challengeName}`;
}

function InstanceRowView({
  view,
  position,
  top,
  height,
  selected,
  active,
  busy,
  onToggle,
  onAction,
  onActivate,
}: InstanceRowProps): ReactElement {
  const owner = ownerOf(view);
  const live = isLive(view.status);

  return (
    <div
      role="row"
      aria-rowindex={position + 1}
      aria-selected={selected}
      className={`grid-row ${selected ? 'selected' : ''} ${active ? 'active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      data-testid="instance-row"
      data-id={view.id}
      onMouseDown={() => {
        onActivate(view.id);
      }}
    >
      <div role="cell" className="cell check">
        <input
          type="checkbox"
          checked={selected}
          aria-label={`Select ${owner}`}
          onChange={() => {
            onToggle(view.id);
          }}
        />
      </div>
      <div role="cell" className="cell team" title={view.teamName}>
        <strong>{view.teamName}</strong>
      </div>
      <div role="cell" className="cell" title={view.challengeName}>
        {view.challengeName}
      </div>
      <div role="cell" className="cell muted" title={view.hostName}>
        {view.hostName}
      </div>
      <div role="cell" className="cell connection">
        <ConnectionLinks links={view.connection} owner={owner} />
      </div>
      <div role="cell" className="cell" title={view.error?.message}>
        {busy ? (
          <StatusBadge status={busyWords[busy]} tone="busy" />
        ) : (
          <StatusBadge status={view.status} />
        )}
      </div>
      <div role="cell" className="cell usage">
        {view.usage ? (
          <>
            <span>{formatPercent(view.usage.cpuPercent)}</span>
            <span className="muted">{formatBytes(view.usage.memoryBytes)}</span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="cell" className="cell time">
        <TimeLeft expiresAt={view.expiresAt} live={live} />
        {live && view.maxExtensions > 0 ? (
          <span
            className="muted small-text"
            title={`${view.extensions} of ${view.maxExtensions} extensions used`}
          >
            +{view.extensions}/{view.maxExtensions}
          </span>
        ) : null}
      </div>
      <div role="cell" className="cell">
        {live ? <FlagCell id={view.id} owner={owner} /> : <span className="muted">—</span>}
      </div>
      <div role="cell" className="cell actions">
        <RowActions view={view} owner={owner} busy={busy} onAction={onAction} />
      </div>
    </div>
  );
}

/** Re-renders only when its own instance, selection or position changes. */
export const InstanceRow = memo(InstanceRowView);
