// The Logs screen: follow one instance's output, pause, search with marked matches, download.
import type { ReactElement } from 'react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useNavigation } from '../app/navigation-store';
import { ErrorState } from '../components/ErrorState';
import { IconButton } from '../components/IconButton';
import { ScreenHeader } from '../components/ScreenHeader';
import { SearchInput } from '../components/SearchInput';
import { StatusBadge } from '../components/StatusBadge';
import { useInstances } from '../instances/instances-store';
import { downloadText } from '../lib/download';
import { plural } from '../lib/format';
import { LogView } from './LogView';
import { useLogs } from './logs-store';

const statusWords = {
  idle: 'not following',
  starting: 'connecting',
  following: 'following',
  ended: 'ended',
  error: 'failed',
} as const;

/** Picks an instance, follows its logs and offers pause, search and download. */
export function LogsScreen(): ReactElement {
  const pickerId = useId();
  const routeId = useNavigation((state) => state.instanceId);
  const go = useNavigation((state) => state.go);
  const instances = useInstances((state) => state.instances.data);
  const { status, error, paused, lines, held, version, search } = useLogs();
  const { pause, resume, clear, setSearch } = useLogs.getState();
  const [matchIndex, setMatchIndex] = useState(0);

  useEffect(() => {
    if (useInstances.getState().instances.status === 'idle') {
      void useInstances.getState().refresh();
    }
  }, []);

  useEffect(() => {
    if (routeId !== null) void useLogs.getState().follow(routeId);
    return () => {
      void useLogs.getState().stop();
    };
  }, [routeId]);

  // The buffer is mutated in place and `version` counts its changes, so it is the real dependency.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const matches = useMemo(() => lines.find(search), [lines, search, version]);
  const current = matches.length > 0 ? Math.min(matchIndex, matches.length - 1) : -1;

  const choices = useMemo(
    () =>
      Object.values(instances ?? {})
        .filter((v) => v.containerId !== null)
        .sort((a, b) => a.teamName.localeCompare(b.teamName)),
    [instances],
  );
  const instance = routeId === null ? undefined : instances?.[routeId];

  function step(delta: number): void {
    if (matches.length === 0) return;
    setMatchIndex((current + delta + matches.length) % matches.length);
  }

  return (
    <section className="screen fill" aria-labelledby="screen-title">
      <ScreenHeader
        title="Logs"
        subtitle={
          instance
            ? `${instance.teamName} / ${instance.challengeName} on ${instance.hostName}`
            : 'Follow the output of an instance'
        }
      >
        <div className="inline-field">
          <label htmlFor={pickerId}>Instance</label>
          <select
            id={pickerId}
            value={routeId ?? ''}
            onChange={(event) => {
              go('logs', event.target.value === '' ? null : event.target.value);
            }}
          >
            <option value="">Choose an instance</option>
            {routeId !== null && !instance ? <option value={routeId}>{routeId}</option> : null}
            {choices.map((v) => (
              <option key={v.id} value={v.id}>
                {v.teamName} / {v.challengeName}
              </option>
            ))}
          </select>
        </div>
      </ScreenHeader>

      {routeId === null ? (
        <div className="state empty" data-testid="empty">
          <strong>No instance chosen</strong>
          <p>Choose one above, or press the logs button on a row of the Instances screen.</p>
        </div>
      ) : (
        <>
          <div className="toolbar">
            <StatusBadge
              status={statusWords[status]}
              tone={status === 'following' ? 'good' : status === 'error' ? 'bad' : 'quiet'}
            />
            <SearchInput
              value={search}
              onChange={(text) => {
                setSearch(text);
                setMatchIndex(0);
              }}
              label="Search the log"
              placeholder="Search the log (press /, Enter for the next match)"
              onEnter={(backwards) => {
                step(backwards ? -1 : 1);
              }}
            />
            <span className="muted" data-testid="match-count" aria-live="polite">
              {search === ''
                ? plural(lines.length, 'line')
                : matches.length === 0
                  ? 'No matches'
                  : `${current + 1} of ${plural(matches.length, 'matching line')}`}
            </span>
            <IconButton
              icon="up"
              label="Previous match"
              disabled={matches.length === 0}
              onClick={() => {
                step(-1);
              }}
            />
            <IconButton
              icon="down"
              label="Next match"
              disabled={matches.length === 0}
              onClick={() => {
                step(1);
              }}
            />
            <span className="spacer" />
            {paused ? (
              <button type="button" className="primary" onClick={resume}>
                Resume{held.length > 0 ? ` (${plural(held.length, 'new line')})` : ''}
              </button>
            ) : (
              <button type="button" onClick={pause} disabled={status !== 'following'}>
                Pause
              </button>
            )}
            <button type="button" onClick={clear}>
              Clear
            </button>
            <button
              type="button"
              onClick={() => {
                downloadText(
                  `${instance?.containerName ?? routeId}.log`,
                  lines.text() + held.text(),
                );
              }}
            >
              Download
            </button>
          </div>
          {error ? (
            <ErrorState
              title="Could not follow the logs"
              error={error}
              onRetry={() => void useLogs.getState().follow(routeId)}
            />
          ) : null}
          {lines.dropped > 0 ? (
            <p className="field-hint">
              Showing the newest {plural(lines.length, 'line')};{' '}
              {lines.dropped.toLocaleString('en')} older lines were dropped from view. Download
              keeps what is shown.
            </p>
          ) : null}
          {status === 'starting' && lines.length === 0 ? (
            <div className="state loading" role="status">
              <span className="spinner" aria-hidden="true" />
              Connecting to the logs…
            </div>
          ) : (
            <LogView
              lines={lines}
              version={version}
              search={search}
              currentLine={current >= 0 ? (matches[current] ?? null) : null}
            />
          )}
        </>
      )}
    </section>
  );
}
