// Loading, empty and error states around a screen's content, the same way on every screen.
import type { ReactElement, ReactNode } from 'react';
import type { Loadable } from '../lib/loadable';
import { ErrorState } from './ErrorState';

interface LoadViewProps<T> {
  state: Loadable<T>;
  /** What is loading, in words: "hosts", "the audit log". */
  what: string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** Shows the state of `state`, or its data through `children` once there is some. */
export function LoadView<T>({
  state,
  what,
  isEmpty,
  empty,
  onRetry,
  children,
}: LoadViewProps<T>): ReactElement {
  if (state.data === null) {
    if (state.status === 'error' && state.error) {
      return <ErrorState title={`Could not load ${what}`} error={state.error} onRetry={onRetry} />;
    }
    return (
      <div className="state loading" role="status" data-testid="loading">
        <span className="spinner" aria-hidden="true" />
        Loading {what}…
      </div>
    );
  }

  return (
    <>
      {state.status === 'error' && state.error ? (
        <ErrorState
          title={`Could not refresh ${what}`}
          error={state.error}
          onRetry={onRetry}
          compact
        />
      ) : null}
      {isEmpty(state.data) ? (
        <div className="state empty" data-testid="empty">
          {empty}
        </div>
      ) : (
        children(state.data)
      )}
    </>
  );
}
