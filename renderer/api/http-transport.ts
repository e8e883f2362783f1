// Browser mode: calls as POST /api/<method> on the same origin, events over one WebSocket that reconnects.
import type { ErrorInfo } from '../../shared/errors';
import type { ApiEvent, ApiEventListener, ApiResponse } from '../../shared/rpc';
import type { ClientTransport, ConnectionListener, ConnectionState } from './connection';

/** The parts of a fetch Response the transport reads. */
export interface ResponseLike {
  status: number;
  text(): Promise<string>;
}

/** What the transport hears from its event socket. */
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}

/** An open event socket: the transport can only close it. */
export interface SocketLike {
  close(): void;
}

export interface HttpTransportOptions {
  /** The page's own origin; the API lives beside the page. */
  origin: { protocol: string; host: string };
  fetch: (url: string, init: RequestInit) => Promise<ResponseLike>;
  openSocket: (url: string, handlers: SocketHandlers) => SocketLike;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  backoff?: { initialMs: number; maxMs: number };
}

const unreachable: ErrorInfo = {
  kind: 'unreachable',
  message: "Berth's server cannot be reached. Check that Berth is still running, then try again.",
};

const signedOut: ErrorInfo = {
  kind: 'invalid-input',
  message: 'This page is not signed in to Berth. Open the link Berth printed when it started.',
};

function isErrorInfo(value: unknown): value is ErrorInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Record<string, unknown>;
  return typeof info.kind === 'string' && typeof info.message === 'string';
}

/** Reads an ApiResponse out of a body; null when the body is not one. */
export function parseApiResponse(text: string): ApiResponse | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const candidate = body as Record<string, unknown>;
  if (candidate.ok === true && 'result' in candidate) return { ok: true, result: candidate.result };
  if (candidate.ok === false && isErrorInfo(candidate.error)) {
    const { kind, message, field } = candidate.error;
    return { ok: false, error: field === undefined ? { kind, message } : { kind, message, field } };
  }
  return null;
}

function parseEvent(data: unknown): ApiEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const event = JSON.parse(data) as unknown;
    if (typeof event !== 'object' || event === null) return null;
    const candidate = event as Record<string, unknown>;
    return typeof candidate.type === 'string'
      ? { type: candidate.type, payload: candidate.payload }
      : null;
  } catch {
    return null;
  }
}

/** A transport over HTTP and WebSocket; the socket opens with the first subscriber. */
export function createHttpTransport(options: HttpTransportOptions): ClientTransport {
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 10_000 };
  const socketUrl = `${options.origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${options.origin.host}/api/events`;
  const listeners = new Set<ApiEventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  /** Identifies the newest socket, so handlers of a replaced one do nothing. */
  let generation = 0;
  let retryTimer: unknown = null;
  let attempts = 0;

  function setState(next: ConnectionState): void {
    if (state === next || state === 'unauthorized') return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  }

  function stopSocket(): void {
    if (retryTimer !== null) options.clearTimer(retryTimer);
    retryTimer = null;
    const current = socket;
    socket = null;
    generation += 1;
    current?.close();
  }

  async function invoke(method: string, input: unknown): Promise<ApiResponse> {
    let response: ResponseLike;
    try {
      response = await options.fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      return { ok: false, error: unreachable };
    }

    if (response.status === 401) {
      setState('unauthorized');
      stopSocket();
      return { ok: false, error: signedOut };
    }

    const text = await response.text().catch(() => '');
    const parsed = parseApiResponse(text);
    if (parsed) return parsed;
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: `Berth's server answered with HTTP ${response.status} and no readable result. Try again; if it keeps happening, check Berth's log.`,
      },
    };
  }

  function scheduleReconnect(): void {
    if (listeners.size === 0 || state === 'unauthorized') return;
    setState('reconnecting');
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempts);
    attempts += 1;
    retryTimer = options.setTimer(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (state === 'unauthorized') return;
    let opened = false;
    generation += 1;
    const mine = generation;
    const current = (): boolean => mine === generation;
    socket = options.openSocket(socketUrl, {
      onOpen() {
        if (!current()) return;
        opened = true;
        attempts = 0;
        setState('connected');
      },
      onMessage(data) {
        if (!current()) return;
        const event = parseEvent(data);
        if (!event) return;
        for (const listener of [...listeners]) listener(event);
      },
      onClose() {
        if (!current()) return;
        socket = null;
        // A refused upgrade looks like any other drop; one call tells whether the session is gone.
        if (!opened) {
          void invoke('app.info', {}).then(scheduleReconnect);
          return;
        }
        scheduleReconnect();
      },
    });
  }

  return {
    kind: 'http',
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && socket === null && retryTimer === null) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopSocket();
      };
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** The HTTP transport wired to the page's real fetch, WebSocket and timers. */
export function browserHttpTransport(win: Window & typeof globalThis): ClientTransport {
  return createHttpTransport({
    origin: { protocol: win.location.protocol, host: win.location.host },
    fetch: (url, init) => win.fetch(url, init),
    openSocket: (url, handlers) => {
      const socket = new win.WebSocket(url);
      socket.onopen = () => {
        handlers.onOpen();
      };
      socket.onmessage = (message) => {
        handlers.onMessage(message.data);
      };
      socket.onclose = () => {
        handlers.onClose();
      };
      return {
        close: () => {
          socket.onclose = null;
          socket.close();
        },
      };
    },
    setTimer: (run, ms) => win.setTimeout(run, ms),
    clearTimer: (handle) => {
      win.clearTimeout(handle as number);
    },
  });
}
