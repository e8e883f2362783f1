// Test-run any image: start it with its ports on 127.0.0.1, probe each port, follow its logs,
// open a shell in it, and stop and remove it in one click.
import type { ReactElement } from 'react';
import { Suspense, lazy, useEffect, useState } from 'react';
import type { ChallengePort } from '../../shared/challenge';
import type { TestRunView } from '../../shared/authoring';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import { LoadView } from '../components/LoadView';
import { TextField } from '../components/TextField';
import { HostPicker } from '../hosts/HostPicker';
import { useAuthoring } from './authoring-store';

// xterm.js is large: loaded when a shell is first opened.
const TerminalView = lazy(() =>
  import('./TerminalView').then((module) => ({ default: module.TerminalView })),
);

/** "8080/http 9000" as ports; a port without a protocol is tcp. */
export function parsePorts(text: string): ChallengePort[] | null {
  const words = text.split(/[\s,]+/).filter((word) => word !== '');
  const ports: ChallengePort[] = [];
  for (const word of words) {
    const match = /^(\d{1,5})(?:\/(tcp|http))?$/.exec(word);
    if (!match) return null;
    ports.push({ port: Number(match[1]), protocol: match[2] === 'http' ? 'http' : 'tcp' });
  }
  return ports;
}

/** The start form and every test-run of this session. */
export function TestRunPanel(): ReactElement {
  const [hostId, setHostId] = useState('');
  const [image, setImage] = useState('');
  const [ports, setPorts] = useState('');
  const [error, setError] = useState<string | undefined>();
  const runs = useAuthoring((state) => state.runs);
  const refreshRuns = useAuthoring((state) => state.refreshRuns);

  useEffect(() => {
    void refreshRuns();
  }, [refreshRuns]);

  async function start(): Promise<void> {
    const parsed = parsePorts(ports);
    if (parsed === null) {
      setError('Write ports like 8080/http 9000');
      return;
    }
    setError(undefined);
    try {
      await api.call('testRuns.start', {
        ...(hostId ? { hostId } : {}),
        image: image.trim(),
        ...(parsed.length > 0 ? { ports: parsed } : {}),
      });
    } catch (failure) {
      notifyError('The test-run did not start', failure);
    }
    await refreshRuns();
  }

  return (
    <div className="stack">
      <form
        className="panel panel-row"
        aria-label="Start a test-run"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <HostPicker value={hostId} onChange={setHostId} emptyLabel="Default host" />
        <TextField
          name="image"
          label="Image"
          value={image}
          onChange={setImage}
          placeholder="ctf/web-hello:1.0"
        />
        <TextField
          name="ports"
          label="Ports (optional)"
          value={ports}
          onChange={setPorts}
          error={error}
          hint="The image's exposed ports when empty; add /http to probe with a GET"
        />
        <button type="submit" className="primary" data-testid="testrun-start">
          Run once
        </button>
      </form>
      <LoadView
        state={runs}
        what="test-runs"
        isEmpty={(list) => list.length === 0}
        onRetry={() => void refreshRuns()}
        empty={<div className="state empty">No test-run. They are removed when Berth closes.</div>}
      >
        {(list) => (
          <div className="stack">
            {list.map((run) => (
              <TestRunCard key={run.id} run={run} />
            ))}
          </div>
        )}
      </LoadView>
    </div>
  );
}

function TestRunCard({ run }: { run: TestRunView }): ReactElement {
  const probes = useAuthoring((state) => state.probes[run.id]);
  const probe = useAuthoring((state) => state.probe);
  const removeRun = useAuthoring((state) => state.removeRun);
  const [shell, setShell] = useState(false);
  const [logs, setLogs] = useState(false);

  return (
    <article className="panel stack" aria-label={`Test-run of ${run.image}`} data-testid="testrun">
      <div className="toolbar">
        <strong>{run.image}</strong>
        <span className="badge">{run.state}</span>
        <span className="muted">
          {run.containerName} on {run.hostName}
        </span>
      </div>
      <ul className="port-list">
        {run.ports.map((port) => {
          const result = probes?.find((p) => p.containerPort === port.containerPort);
          const address = `${port.hostIp}:${port.hostPort}`;
          return (
            <li key={port.containerPort}>
              {port.containerPort}/{port.protocol} →{' '}
              {port.protocol === 'http' ? (
                <a href={`http://${address}/`} target="_blank" rel="noreferrer">
                  {address}
                </a>
              ) : (
                <code>{address}</code>
              )}
              {result ? (
                <span className={`badge ${result.ok ? 'good' : 'bad'}`}>{result.detail}</span>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="toolbar">
        <button type="button" onClick={() => void probe(run.id)} disabled={run.ports.length === 0}>
          Probe ports
        </button>
        <button
          type="button"
          onClick={() => {
            setLogs(!logs);
          }}
        >
          {logs ? 'Hide logs' : 'Logs'}
        </button>
        <button
          type="button"
          onClick={() => {
            setShell(!shell);
          }}
        >
          {shell ? 'Close shell' : 'Shell'}
        </button>
        <button type="button" className="danger" onClick={() => void removeRun(run.id)}>
          Stop and remove
        </button>
      </div>
      {logs ? <TestRunLogs runId={run.id} /> : null}
      {shell ? (
        <Suspense fallback={<div className="state loading">Opening a shell…</div>}>
          <TerminalView
            runId={run.id}
            onClose={() => {
              setShell(false);
            }}
          />
        </Suspense>
      ) : null}
    </article>
  );
}

function TestRunLogs({ runId }: { runId: string }): ReactElement {
  const [text, setText] = useState('');

  useEffect(() => {
    let streamId: string | null = null;
    let gone = false;
    const stop = api.on('logs.chunk', (chunk) => {
      if (chunk.streamId === streamId) setText((before) => (before + chunk.text).slice(-200_000));
    });
    api
      .call('testRuns.followLogs', { id: runId, tail: 200 })
      .then((started) => {
        streamId = started.streamId;
        if (gone) void api.call('instances.unfollowLogs', { streamId }).catch(() => undefined);
      })
      .catch((error: unknown) => {
        notifyError('Could not follow the logs', error);
      });
    return () => {
      gone = true;
      stop();
      if (streamId) void api.call('instances.unfollowLogs', { streamId }).catch(() => undefined);
    };
  }, [runId]);

  return (
    <pre className="authoring-log" tabIndex={0} aria-label="Test-run logs">
      {text || 'No output yet.'}
    </pre>
  );
}
