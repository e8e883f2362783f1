import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../renderer/api/connection';
import type {
  HttpTransportOptions,
  ResponseLike,
  SocketHandlers,
} from '../../../renderer/api/http-transport';
import { createHttpTransport, parseApiResponse } from '../../../renderer/api/http-transport';
import type { ApiEvent } from '../../../shared/rpc';

interface Harness {
  options: HttpTransportOptions;
  requests: { url: string; init: RequestInit }[];
  sockets: { url: string; handlers: SocketHandlers; closed: boolean }[];
  timers: { run: () => void; ms: number }[];
  answer: (url: string) => ResponseLike;
}

function harness(answer: (url: string) => ResponseLike): Harness {
  const h: Harness = {
    requests: [],
    sockets: [],
    timers: [],
    answer,
    options: {
      origin: { protocol: 'https:', host: 'panel.example:8443' },
      fetch: (url, init) => {
        h.requests.push({ url, init });
        return Promise.resolve(h.answer(url));
      },
      openSocket: (url, handlers) => {
        const socket = { url, handlers, closed: false };
        h.sockets.push(socket);
        return {
          close: () => {
            socket.closed = true;
          },
        };
      },
      setTimer: (run, ms) => {
        h.timers.push({ run, ms });
        return h.timers.length;
      },
      clearTimer: () => undefined,
      backoff: { initialMs: 100, maxMs: 1000 },
    },
  };
  return h;
}

function json(status: number, body: unknown): ResponseLike {
  return { status, text: () => Promise.resolve(JSON.stringify(body)) };
}

const okApp = (): ResponseLike => json(200, { ok: true, result: { version: '1' } });

describe('HTTP transport calls', () => {
  it('posts the input as JSON to /api/<method> with the session cookie', async () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);

    const response = await transport.invoke('instances.extend', { id: 'i-1' });

    expect(response).toEqual({ ok: true, result: { version: '1' } });
    expect(h.requests).toEqual([
      {
        url: '/api/instances.extend',
        init: {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"id":"i-1"}',
          credentials: 'same-origin',
        },
      },
    ]);
  });

  it('reads the error body of a 4xx answer', async () => {
    const h = harness(() =>
      json(400, {
        ok: false,
        error: { kind: 'invalid-input', message: 'A team is needed', field: 'team' },
      }),
    );
    const response = await createHttpTransport(h.options).invoke('instances.launch', {});

    expect(response).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'A team is needed', field: 'team' },
    });
  });

  it('makes a readable error of a body that is not an API answer', async () => {
    const h = harness(() => ({
      status: 502,
      text: () => Promise.resolve('<html>bad gateway</html>'),
    }));
    const response = await createHttpTransport(h.options).invoke('hosts.list', {});

    expect(response.ok).toBe(false);
    expect(!response.ok && response.error.kind).toBe('internal');
    expect(!response.ok && response.error.message).toContain('HTTP 502');
    expect(!response.ok && response.error.message).not.toContain('<html>');
  });

  it('says the server cannot be reached when the request fails', async () => {
    const h = harness(okApp);
    h.options.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const response = await createHttpTransport(h.options).invoke('hosts.list', {});

    expect(response).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('turns 401 into the unauthorized state and closes the event socket', async () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);
    const states: ConnectionState[] = [];
    transport.onConnection((state) => states.push(state));
    transport.subscribe(() => undefined);

    h.answer = () => json(401, { ok: false, error: { kind: 'invalid-input', message: 'no' } });
    const response = await transport.invoke('hosts.list', {});

    expect(response).toMatchObject({ ok: false });
    expect(states).toEqual(['connecting', 'unauthorized']);
    expect(h.sockets[0]?.closed).toBe(true);
  });
});

describe('HTTP transport events', () => {
  it('opens one socket on the same origin for the first subscriber and fans events out', () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);
    const seen: ApiEvent[] = [];

    transport.subscribe((event) => seen.push(event));
    transport.subscribe((event) => seen.push(event));
    h.sockets[0]?.handlers.onOpen();
    h.sockets[0]?.handlers.onMessage(JSON.stringify({ type: 'host.status', payload: { a: 1 } }));
    h.sockets[0]?.handlers.onMessage('not json');

    expect(h.sockets.map((s) => s.url)).toEqual(['wss://panel.example:8443/api/events']);
    expect(seen).toEqual([
      { type: 'host.status', payload: { a: 1 } },
      { type: 'host.status', payload: { a: 1 } },
    ]);
  });

  it('reconnects with growing delays and reports the state', () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);
    const states: ConnectionState[] = [];
    transport.onConnection((state) => states.push(state));
    transport.subscribe(() => undefined);

    h.sockets[0]?.handlers.onOpen();
    h.sockets[0]?.handlers.onClose();
    h.timers[0]?.run();
    h.sockets[1]?.handlers.onOpen();
    h.sockets[1]?.handlers.onClose();
    h.timers[1]?.run();

    expect(states).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'connected',
      'reconnecting',
    ]);
    expect(h.timers.map((t) => t.ms)).toEqual([100, 100]);
    expect(h.sockets).toHaveLength(3);
  });

  it('backs off further while the socket keeps failing to open, up to the maximum', async () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);
    transport.subscribe(() => undefined);

    for (let i = 0; i < 6; i += 1) {
      h.sockets[i]?.handlers.onClose();
      // A socket that never opened triggers one call to tell a refused session from a dead server.
      await new Promise((settled) => setImmediate(settled));
      h.timers[i]?.run();
    }

    expect(h.timers.map((t) => t.ms)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(h.requests.map((r) => r.url)).toContain('/api/app.info');
  });

  it('closes the socket when the last subscriber leaves', () => {
    const h = harness(okApp);
    const transport = createHttpTransport(h.options);
    const stopA = transport.subscribe(() => undefined);
    const stopB = transport.subscribe(() => undefined);

    stopA();
    expect(h.sockets[0]?.closed).toBe(false);
    stopB();
    expect(h.sockets[0]?.closed).toBe(true);
  });
});

describe('parseApiResponse', () => {
  it('accepts the two answer shapes and nothing else', () => {
    expect(parseApiResponse('{"ok":true,"result":null}')).toEqual({ ok: true, result: null });
    expect(parseApiResponse('{"ok":false,"error":{"kind":"engine","message":"m"}}')).toEqual({
      ok: false,
      error: { kind: 'engine', message: 'm' },
    });
    expect(parseApiResponse('{"ok":false,"error":"boom"}')).toBeNull();
    expect(parseApiResponse('[]')).toBeNull();
    expect(parseApiResponse('')).toBeNull();
  });

  it('keeps only the safe fields of an error', () => {
    expect(
      parseApiResponse('{"ok":false,"error":{"kind":"engine","message":"m","stack":"at x"}}'),
    ).toEqual({ ok: false, error: { kind: 'engine', message: 'm' } });
  });
});
