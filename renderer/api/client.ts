// The one typed API client the screens use, over the preload bridge or HTTP + WebSocket.
import type { ApiEvents, EventName, MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { ApiEvent } from '../../shared/rpc';
import { ApiError } from './api-error';
import { bridgeTransport } from './bridge';
import type { ClientTransport, ConnectionListener } from './connection';
import { browserHttpTransport } from './http-transport';

/** Methods whose input may be left out (every field has a default). */
type InputArgs<M extends MethodName> =
  undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export type EventListener<E extends EventName> = (payload: ApiEvents[E]) => void;

export interface ApiClient {
  /** Which transport carries the calls: the desktop bridge or browser-mode HTTP. */
  readonly transport: 'bridge' | 'http';
  /** Calls a method; resolves with its result or rejects with an ApiError carrying the safe ErrorInfo. */
  call<M extends MethodName>(method: M, ...input: InputArgs<M>): Promise<MethodResult<M>>;
  /** Listens to one event type; returns the function that stops listening. */
  on<E extends EventName>(type: E, listener: EventListener<E>): () => void;
  /** Hears the connection state now and at every change. */
  onConnection(listener: ConnectionListener): () => void;
}

/** A client over the given transport; one transport subscription fans out to every listener. */
export function createApiClient(transport: ClientTransport): ApiClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;

  function dispatch(event: ApiEvent): void {
    const forType = listeners.get(event.type);
    if (!forType) return;
    for (const listener of [...forType]) {
      try {
        listener(event.payload);
      } catch (error) {
        // One faulty screen must not starve the others of events.
        console.error('event listener failed', event.type, error);
      }
    }
  }

  return {
    transport: transport.kind,

    async call<M extends MethodName>(method: M, ...input: InputArgs<M>): Promise<MethodResult<M>> {
      const response = await transport.invoke(method, input[0] ?? {});
      if (!response.ok) throw new ApiError(response.error);
      return response.result as MethodResult<M>;
    },

    on<E extends EventName>(type: E, listener: EventListener<E>): () => void {
      let forType = listeners.get(type);
      if (!forType) {
        forType = new Set();
        listeners.set(type, forType);
      }
      const entry = listener as (payload: unknown) => void;
      forType.add(entry);
      unsubscribe ??= transport.subscribe(dispatch);

      return () => {
        forType.delete(entry);
      };
    },

    onConnection(listener) {
      return transport.onConnection(listener);
    },
  };
}

/** The preload bridge when the desktop shell provides one, HTTP + WebSocket otherwise. */
export function chooseTransport(win: Window & typeof globalThis): ClientTransport {
  return bridgeTransport(win) ?? browserHttpTransport(win);
}

let shared: ApiClient | null = null;

function client(): ApiClient {
  shared ??= createApiClient(chooseTransport(window));
  return shared;
}

/** The panel's client, made on first use so that importing this module touches no window. */
export const api: ApiClient = {
  get transport() {
    return client().transport;
  },
  call: (method, ...input) => client().call(method, ...input),
  on: (type, listener) => client().on(type, listener),
  onConnection: (listener) => client().onConnection(listener),
};
