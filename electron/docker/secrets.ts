// Swarm secrets: the flag files of services, listed and removed by Berth's labels.
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { recordOf, stringOf, stringRecordOf } from './engine-json';
import { engineRequest } from './engine-request';

export interface SecretSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** Secrets carrying every given label. */
export function listSecrets(
  session: EngineSession,
  labels: Record<string, string | true>,
  signal?: AbortSignal,
): Promise<SecretSummary[]> {
  const filters = Object.entries(labels).map(([key, value]) =>
    value === true ? key : `${key}=${value}`,
  );
  return runCall(
    session,
    {
      action: 'secret.list',
      target: '*',
      signal,
      read: true,
      details: { labels: filters },
      done: (secrets) => `Listed ${secrets.length} secrets`,
    },
    async (abortSignal) => {
      const answer = await engineRequest(session.docker(), {
        path: '/secrets',
        method: 'GET',
        query: filters.length === 0 ? {} : { filters: { label: filters } },
        signal: abortSignal,
      });
      return (Array.isArray(answer) ? answer : []).map((entry) => {
        const secret = recordOf(entry);
        const spec = recordOf(secret.Spec);
        return {
          id: stringOf(secret.ID),
          name: stringOf(spec.Name),
          labels: stringRecordOf(spec.Labels),
        };
      });
    },
  );
}

/** Removes a secret; one already gone counts as removed. */
export function removeSecret(
  session: EngineSession,
  id: string,
  signal?: AbortSignal,
): Promise<void> {
  return runCall<undefined>(
    session,
    {
      action: 'secret.remove',
      target: id,
      signal,
      done: () => `Removed secret ${id}`,
      tolerate: (error) =>
        error.kind === 'not-found'
          ? {
              value: undefined,
              message: `Secret ${id} was already gone`,
              details: { already: 'gone' },
            }
          : null,
    },
    async (abortSignal) => {
      await engineRequest(session.docker(), {
        path: `/secrets/${encodeURIComponent(id)}`,
        method: 'DELETE',
        signal: abortSignal,
        ok: [200, 204],
      });
      return undefined;
    },
  );
}
