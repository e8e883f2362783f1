// The error every API call throws: the typed, safe ErrorInfo the main side sent.
import type { ErrorInfo } from '../../shared/errors';

/** A failed call: `info` is what the main side said, safe to show as it is. */
export class ApiError extends Error {
  readonly info: ErrorInfo;

  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.info = info;
  }
}

const unexpected: ErrorInfo = {
  kind: 'internal',
  message: 'Something went wrong in the panel; reload it and try again.',
};

/** The safe ErrorInfo for anything thrown: an ApiError's own, or a generic message (never a stack). */
export function toErrorInfo(error: unknown): ErrorInfo {
  return error instanceof ApiError ? error.info : unexpected;
}
