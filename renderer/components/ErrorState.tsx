// A readable error in place of content: the safe message and a way to try again.
import type { ReactElement } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import { Icon } from './Icon';

interface ErrorStateProps {
  title: string;
  error: ErrorInfo;
  onRetry?: () => void;
  compact?: boolean;
}

/** The error's safe message, never its stack. */
export function ErrorState({
  title,
  error,
  onRetry,
  compact = false,
}: ErrorStateProps): ReactElement {
  return (
    <div
      className={`state error ${compact ? 'compact' : ''}`}
      role="alert"
      data-testid="error-state"
    >
      <Icon name="warning" size={compact ? 16 : 24} />
      <div>
        <strong>{title}</strong>
        <p>{error.message}</p>
      </div>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
