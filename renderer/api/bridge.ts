// The Electron preload bridge, when the panel runs in the desktop window.
import type { ApiTransport } from '../../shared/rpc';
import type { ClientTransport } from './connection';

interface WindowWithBridge {
  berth?: unknown;
}

function isTransport(value: unknown): value is ApiTransport {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ApiTransport, unknown>>;
  return typeof candidate.invoke === 'function' && typeof candidate.subscribe === 'function';
}

/** The preload's `window.berth` as a client transport, or null when there is none (browser mode). */
export function bridgeTransport(win: object): ClientTransport | null {
  const bridge = (win as WindowWithBridge).berth;
  if (!isTransport(bridge)) return null;

  return {
    kind: 'bridge',
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (listener) => bridge.subscribe(listener),
    // IPC has no connection to lose: the window and the main process live and die together.
    onConnection: (listener) => {
      listener('connected');
      return () => undefined;
    },
  };
}
