// The engine's event stream, narrowed to Berth's containers and services.
import { createInterface } from 'node:readline';
import { BerthError } from '../../shared/errors';
import type { EngineSession } from './engine-call';
import { callError, runCall } from './engine-call';
import { numberOf, recordOf, stringOf, stringRecordOf } from './engine-json';
import { openStream } from './engine-request';
import type { EngineEvent } from './engine-types';

/** The label every Berth instance carries; events of anything without it are not Berth's. */
export const instanceLabel = 'berth.instance';

/** Container and service events of Berth's objects, from `sinceSeconds` (unix) on; ends with the engine's stream or `signal`. */
export async function* engineEvents(
  session: EngineSession,
  options: { sinceSeconds?: number; signal?: AbortSignal; label?: string } = {},
): AsyncGenerator<EngineEvent, void, undefined> {
  const { signal } = options;
  const plan = { action: 'engine.events', target: 'events', signal };
  const response = await runCall(
    session,
    {
      ...plan,
      read: true,
      deadlineCovers: 'start',
      done: () => 'Watching engine events',
    },
    (opening) =>
      openStream(session.docker(), {
        path: '/events',
        method: 'GET',
        query: {
          filters: { type: ['container', 'service'], label: [options.label ?? instanceLabel] },
          ...(options.sinceSeconds === undefined ? {} : { since: String(options.sinceSeconds) }),
        },
        signal: opening,
      }),
  );

  const lines = createInterface({ input: response, crlfDelay: Infinity });
  const stop = (): void => {
    lines.close();
    response.destroy();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) {
      const event = eventOf(line);
      if (event !== null) yield event;
    }
  } catch (error) {
    if (signal?.aborted === true) return;
    throw error instanceof BerthError ? error : callError(error, plan, session);
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

/** One line of the engine's event stream in Berth's words; null for a line that is not an event. */
export function eventOf(line: string): EngineEvent | null {
  if (line.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  const event = recordOf(parsed);
  const actor = recordOf(event.Actor);
  const type = stringOf(event.Type);
  if (type === '') return null;
  return {
    type,
    action: stringOf(event.Action, stringOf(event.status)),
    id: stringOf(actor.ID, stringOf(event.id)),
    attributes: stringRecordOf(actor.Attributes),
    timeNano: numberOf(event.timeNano, numberOf(event.time) * 1e9),
  };
}
