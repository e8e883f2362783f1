// One error type for everything that can go wrong in Berth, with a kind an operator (and code) can act on.

export const errorKinds = [
  'unreachable',
  'tls',
  'timeout',
  'not-found',
  'conflict',
  'port-in-use',
  'already-in-state',
  'invalid-input',
  'engine',
  'cancelled',
  'storage',
  'limit',
  'internal',
] as const;

export type ErrorKind = (typeof errorKinds)[number];

/** What crosses the API boundary: a kind, a safe message, and the field at fault for bad input. */
export interface ErrorInfo {
  kind: ErrorKind;
  message: string;
  field?: string;
}

/** A typed error: `message` is safe to show; `engineMessage` is the engine's own text, for the audit log only. */
export class BerthError extends Error {
  readonly kind: ErrorKind;
  readonly engineMessage: string;
  readonly field: string | undefined;
  readonly statusCode: number | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    options: { engineMessage?: string; field?: string; statusCode?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.kind = kind;
    this.engineMessage = options.engineMessage ?? '';
    this.field = options.field;
    this.statusCode = options.statusCode;
  }

  /** The form that may leave the main process: no stack, no engine text. */
  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, field: this.field };
  }
}

/** True for a BerthError of the given kind (any kind when none is given). */
export function isBerthError(error: unknown, kind?: ErrorKind): error is BerthError {
  return error instanceof BerthError && (kind === undefined || error.kind === kind);
}

/** Turns anything thrown into a BerthError without leaking its text to the operator. */
export function toBerthError(error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new BerthError(
    'internal',
    'Something went wrong inside Berth; the details are in the log.',
    {
      engineMessage: text,
      cause: error,
    },
  );
}
