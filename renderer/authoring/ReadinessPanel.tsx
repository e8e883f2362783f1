// The event readiness check: a pass/fail table of challenges by hosts with a reason per check,
// the hosts' totals, and exports as Markdown and CSV.
import type { ReactElement } from 'react';
import { useState } from 'react';
import type { ReadinessCell, ReadinessCheck, ReadinessCheckName } from '../../shared/authoring';
import { readinessCheckLabels } from '../../shared/authoring';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import { CheckboxField } from '../components/CheckboxField';
import { LoadView } from '../components/LoadView';
import { downloadText } from '../lib/download';
import { formatDateTime } from '../lib/format';
import { useAuthoring } from './authoring-store';

const checkNames = Object.keys(readinessCheckLabels) as ReadinessCheckName[];

function CheckLine({ name, check }: { name: string; check: ReadinessCheck }): ReactElement {
  return (
    <li className={`check ${check.status}`}>
      <span className="check-mark" aria-hidden="true">
        {check.status === 'pass' ? '✓' : check.status === 'fail' ? '✗' : '–'}
      </span>
      <strong>{name}</strong> {check.reason}
    </li>
  );
}

function Cell({ cell }: { cell: ReadinessCell }): ReactElement {
  return (
    <td className={cell.ok ? 'ready-cell pass' : 'ready-cell fail'} data-testid="readiness-cell">
      <span className={`badge ${cell.ok ? 'good' : 'bad'}`}>{cell.ok ? 'PASS' : 'FAIL'}</span>
      <ul className="checks">
        {checkNames.map((name) => (
          <CheckLine key={name} name={readinessCheckLabels[name]} check={cell.checks[name]} />
        ))}
      </ul>
    </td>
  );
}

/** Runs the check and shows its table. */
export function ReadinessPanel(): ReactElement {
  const [trial, setTrial] = useState(true);
  const report = useAuthoring((state) => state.report);
  const check = useAuthoring((state) => state.check);

  async function exportAs(format: 'markdown' | 'csv'): Promise<void> {
    const reportId = report.data?.id;
    if (!reportId) return;
    try {
      const file = await api.call('readiness.export', { reportId, format });
      downloadText(file.fileName, file.text, format === 'csv' ? 'text/csv' : 'text/markdown');
    } catch (error) {
      notifyError('Could not export the report', error);
    }
  }

  return (
    <div className="stack">
      <div className="panel panel-row">
        <CheckboxField
          name="trial"
          label="Start a trial instance of each challenge on each host"
          checked={trial}
          onChange={setTrial}
        />
        <button
          type="button"
          className="primary"
          data-testid="readiness-run"
          disabled={report.status === 'loading'}
          onClick={() => void check(trial)}
        >
          {report.status === 'loading' ? 'Checking…' : 'Check readiness'}
        </button>
        <button type="button" disabled={!report.data} onClick={() => void exportAs('markdown')}>
          Export Markdown
        </button>
        <button type="button" disabled={!report.data} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
      </div>
      {report.status === 'idle' ? (
        <div className="state empty">
          Check, before the doors open, that every challenge can start on every enabled host.
        </div>
      ) : (
        <LoadView
          state={report}
          what="the readiness report"
          isEmpty={() => false}
          empty={null}
          onRetry={() => void check(trial)}
        >
          {(data) => (
            <div className="stack">
              <p className={data.ok ? 'verdict good' : 'verdict bad'} role="status">
                {data.ok ? 'Ready' : 'Not ready'} for {data.teams} teams — checked{' '}
                {formatDateTime(data.checkedAt)}
              </p>
              <div className="table-wrap">
                <table className="table readiness-table">
                  <thead>
                    <tr>
                      <th scope="col">Challenge</th>
                      {data.hosts.map((host) => (
                        <th key={host.hostId} scope="col">
                          {host.hostName}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <tr key={row.challengeId}>
                        <th scope="row">
                          {row.challengeName}
                          <div className="muted">{row.image}</div>
                        </th>
                        {row.cells.map((cell) => (
                          <Cell key={cell.hostId} cell={cell} />
                        ))}
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">All challenges together</th>
                      {data.hosts.map((host) => (
                        <td key={host.hostId}>
                          <ul className="checks">
                            <CheckLine name="Port range" check={host.ports} />
                            <CheckLine name="Memory" check={host.memory} />
                          </ul>
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </div>
          )}
        </LoadView>
      )}
    </div>
  );
}
