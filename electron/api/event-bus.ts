// Fans main-side events out to every subscribed transport; one bad listener cannot silence the rest.
import type { ApiEvents, EventName } from '../../shared/api';
import type { ApiEventListener } from '../../shared/rpc';
import { componentLogger } from '../logger';

export interface EventBus {
  /** Delivers the event to every listener subscribed at the time of the call. */
  publish<E extends EventName>(type: E, payload: ApiEvents[E]): void;
  /** Adds a listener; the returned function removes it (calling it twice is harmless). */
  subscribe(listener: ApiEventListener): () => void;
}

const log = componentLogger('event-bus');

/** A synchronous in-process event bus; a listener that throws is logged and the others still run. */
export function createEventBus(): EventBus {
  const listeners = new Set<ApiEventListener>();

  return {
    publish(type, payload) {
      // A snapshot, so a listener that unsubscribes (or subscribes) mid-delivery changes nothing now.
      for (const listener of [...listeners]) {
        try {
          listener({ type, payload });
        } catch (error) {
          log.error({ err: error, event: type }, 'An event listener failed');
        }
      }
    },

    subscribe(listener) {
      // Wrapped so the same function subscribed twice is two independent subscriptions.
      const entry: ApiEventListener = (event) => {
        listener(event);
      };
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
