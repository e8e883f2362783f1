// The outcome of a connection test in one line.
import type { ReactElement } from 'react';
import type { HostTestResult } from '../../shared/views';

type TestState = { status: 'idle' } | { status: 'testing' } | ({ status: 'done' } & HostTestResult);

/** "Testing…", "Connected: Docker 27.1 (API 1.46)" or the safe error message. */
export function HostTestLine({ test }: { test: TestState }): ReactElement | null {
  if (test.status === 'idle') return null;
  if (test.status === 'testing') {
    return (
      <span className="test-line" role="status">
        Testing…
      </span>
    );
  }
  if (test.ok) {
    return (
      <span className="test-line good" role="status" data-testid="host-test-result">
        Connected: Docker {test.version ?? '?'} (API {test.apiVersion ?? '?'})
      </span>
    );
  }
  return (
    <span className="test-line bad" role="alert" data-testid="host-test-result">
      {test.error?.message ?? 'The engine did not answer.'}
    </span>
  );
}
