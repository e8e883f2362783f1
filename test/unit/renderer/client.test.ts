import { describe, expect, it } from 'vitest';
import { ApiError, toErrorInfo } from '../../../renderer/api/api-error';
import { bridgeTransport } from '../../../renderer/api/bridge';
import { createApiClient } from '../../../renderer/api/client';
import type { ClientTransport } from '../../../renderer/api/connection';
import type { ApiEventListener, ApiResponse } from '../../../shared/rpc';

function fakeTransport(answer: (method: string, input: unknown) => ApiResponse): {
  transport: ClientTransport;
  emit: ApiEventListener;
  subscriptions: () => number;
} {
  const listeners = new Set<ApiEventListener>();
  let subscriptions = 0;
  return {
    transport: {
      kind: 'bridge',
      invoke: (method, input) => Promise.resolve(answer(method, input)),
      subscribe: (listener) => {
        subscriptions += 1;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onConnection: () => () => undefined,
    },
    emit: (event) => {
      for (const listener of listeners) listener(event);
    },
    subscriptions: () => subscriptions,
  };
}

describe('api client', () => {
  it('resolves with the result and sends {} for methods whose input may be left out', async () => {
    const inputs: unknown[] = [];
    const { transport } = fakeTransport((_method, input) => {
      inputs.push(input);
      return { ok: true, result: [] };
    });
    const api = createApiClient(transport);

    expect(await api.call('hosts.list')).toEqual([]);
    expect(await api.call('instances.extend', { id: 'i-1' })).toEqual([]);
    expect(inputs).toEqual([{}, { id: 'i-1' }]);
  });

  it('rejects with an ApiError carrying the safe ErrorInfo', async () => {
    const { transport } = fakeTransport(() => ({
      ok: false,
      error: { kind: 'port-in-use', message: 'Port 31337 is taken on lab-2' },
    }));
    const api = createApiClient(transport);

    const failure = api.call('instances.launch', { challengeId: 'c', team: 't' });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({
      info: { kind: 'port-in-use', message: 'Port 31337 is taken on lab-2' },
    });
  });

  it('delivers each event type to its own listeners over one subscription', () => {
    const { transport, emit, subscriptions } = fakeTransport(() => ({ ok: true, result: null }));
    const api = createApiClient(transport);
    const hosts: unknown[] = [];
    const audits: unknown[] = [];

    const stop = api.on('host.status', (status) => hosts.push(status));
    api.on('audit.appended', (entry) => audits.push(entry));
    emit({ type: 'host.status', payload: { hostId: 'h' } });
    emit({ type: 'audit.appended', payload: { id: 1 } });
    emit({ type: 'something.else', payload: 1 });
    stop();
    emit({ type: 'host.status', payload: { hostId: 'again' } });

    expect(hosts).toEqual([{ hostId: 'h' }]);
    expect(audits).toEqual([{ id: 1 }]);
    expect(subscriptions()).toBe(1);
  });
});

describe('bridge detection and error info', () => {
  it('uses window.berth only when it has invoke and subscribe', () => {
    expect(bridgeTransport({})).toBeNull();
    expect(bridgeTransport({ berth: { invoke: () => undefined } })).toBeNull();
    const bridge = bridgeTransport({
      berth: {
        invoke: () => Promise.resolve({ ok: true, result: 1 }),
        subscribe: () => () => undefined,
      },
    });
    expect(bridge?.kind).toBe('bridge');
  });

  it('never turns a thrown error into text for the operator', () => {
    expect(toErrorInfo(new Error('ENOENT /secret/path'))).toEqual({
      kind: 'internal',
      message: 'Something went wrong in the panel; reload it and try again.',
    });
    expect(toErrorInfo(new ApiError({ kind: 'engine', message: 'safe' }))).toEqual({
      kind: 'engine',
      message: 'safe',
    });
  });
});
