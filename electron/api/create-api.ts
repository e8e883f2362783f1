// The one dispatcher both transports call: method lookup, input validation, safe errors out.
import type { Logger } from 'pino';
import type { MethodName, MethodResult, ParsedInput } from '../../shared/api';
import { apiMethods, isApiMethod } from '../../shared/api';
import { BerthError, toBerthError } from '../../shared/errors';
import type { ApiEventListener, ApiResponse, ApiTransport } from '../../shared/rpc';
import { componentLogger } from '../logger';
import { inputError } from './input-error';

/** Who is calling and how to cancel: 'desktop', 'browser:<ip>' or 'script:<ip>'. */
export interface CallContext {
  actor: string;
  signal?: AbortSignal;
}

export type ApiHandlers = {
  [M in MethodName]: (
    input: ParsedInput<M>,
    context: CallContext,
  ) => Promise<MethodResult<M>> | MethodResult<M>;
};

/** A transport that also says who calls; `invoke` is `invokeAs('desktop', ...)`. */
export interface Api extends ApiTransport {
  invokeAs(
    actor: string,
    method: string,
    input: unknown,
    signal?: AbortSignal,
  ): Promise<ApiResponse>;
}

export interface CreateApiOptions {
  /** Told of every failed call (bad input included), e.g. to audit it; must not throw, but may. */
  onError?(method: string, error: BerthError): void;
  /** Where unexpected failures are logged; the 'api' component logger by default. */
  log?: Logger;
}

const maxEchoedName = 100;

// Callers over IPC are not type-checked, so the name may be anything; echo only a short string.
function methodLabel(method: unknown): string {
  return typeof method === 'string' ? method.slice(0, maxEchoedName) : typeof method;
}

// toBerthError stringifies what it gets, which itself throws for e.g. Object.create(null).
function asBerthError(error: unknown): BerthError {
  try {
    return toBerthError(error);
  } catch {
    return toBerthError(new Error('A value that cannot be shown as text was thrown'));
  }
}

/** An Api over the handler table: it never throws or rejects, and only ErrorInfo leaves it. */
export function createApi(
  handlers: ApiHandlers,
  bus: { subscribe(listener: ApiEventListener): () => void },
  options: CreateApiOptions = {},
): Api {
  const log = options.log ?? componentLogger('api');

  function fail(method: string, error: BerthError): ApiResponse {
    if (error.kind === 'internal') {
      log.error({ method, err: error.cause ?? error }, 'A method failed unexpectedly');
    } else {
      log.debug(
        { method, kind: error.kind, engineMessage: error.engineMessage },
        'A method failed',
      );
    }
    try {
      options.onError?.(method, error);
    } catch (hookError) {
      log.error({ method, err: hookError }, 'The error hook failed');
    }
    return { ok: false, error: error.toInfo() };
  }

  async function dispatch(
    actor: string,
    method: string,
    input: unknown,
    signal: AbortSignal | undefined,
  ): Promise<ApiResponse> {
    if (!isApiMethod(method)) {
      const name = methodLabel(method);
      return fail(name, new BerthError('invalid-input', `Unknown method ${name}`));
    }

    const parsed = apiMethods[method].input.safeParse(input);
    if (!parsed.success) return fail(method, inputError(parsed.error));

    // The table is indexed by a union of names, so TypeScript cannot pair handler and input; the
    // schema just parsed is the handler's own, which is what makes the pairing sound.
    const handler = handlers[method] as (input: unknown, context: CallContext) => unknown;
    const context: CallContext = signal === undefined ? { actor } : { actor, signal };
    const result = await handler(parsed.data, context);
    return { ok: true, result };
  }

  async function invokeAs(
    actor: string,
    method: string,
    input: unknown,
    signal?: AbortSignal,
  ): Promise<ApiResponse> {
    try {
      return await dispatch(actor, method, input, signal);
    } catch (error) {
      return fail(methodLabel(method), asBerthError(error));
    }
  }

  return {
    invoke: (method, input) => invokeAs('desktop', method, input),
    invokeAs,
    subscribe: (listener) => bus.subscribe(listener),
  };
}
