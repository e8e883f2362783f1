// A handler table for tests: every method refuses as not-found unless the test gives it a body.
import type { MethodName } from '../../../shared/api';
import { apiMethods } from '../../../shared/api';
import { BerthError } from '../../../shared/errors';
import type { ApiHandlers } from '../../../electron/api/create-api';

/** The full table, with `overrides` replacing the refusing stand-ins. */
export function fakeHandlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const refuse = (name: MethodName) => () => {
    throw new BerthError('not-found', `No stand-in for ${name}`);
  };
  const table = Object.fromEntries(
    (Object.keys(apiMethods) as MethodName[]).map((name) => [name, refuse(name)]),
  ) as unknown as ApiHandlers;
  return { ...table, ...overrides };
}
