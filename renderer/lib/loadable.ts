// The state of something fetched: what screens show as loading, empty, error or data.
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from '../api/api-error';

export interface Loadable<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  data: T | null;
  error: ErrorInfo | null;
}

/** Nothing asked for yet. */
export function idle<T>(): Loadable<T> {
  return { status: 'idle', data: null, error: null };
}

/** Asking, keeping what was shown before so a refresh does not blank the screen. */
export function loading<T>(previous: Loadable<T>): Loadable<T> {
  return { status: 'loading', data: previous.data, error: null };
}

/** The answer arrived. */
export function ready<T>(data: T): Loadable<T> {
  return { status: 'ready', data, error: null };
}

/** The ask failed; the last data stays visible under the error. */
export function failed<T>(previous: Loadable<T>, error: unknown): Loadable<T> {
  return { status: 'error', data: previous.data, error: toErrorInfo(error) };
}
