import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiMethods } from '../../../shared/api';
import { BerthError, errorKinds } from '../../../shared/errors';
import type { HostStatus } from '../../../shared/host';
import type { ApiEvent } from '../../../shared/rpc';
import type { CallContext } from '../../../electron/api/create-api';
import { createApi } from '../../../electron/api/create-api';
import { createEventBus } from '../../../electron/api/event-bus';
import { captureLog } from './capture-log';
import { fakeHandlers } from './fake-handlers';

const removed = { removed: true as const };

describe('calling an API method', () => {
  it('returns the handler result as ok', async () => {
    const api = createApi(fakeHandlers({ 'hosts.remove': () => removed }), createEventBus());

    expect(await api.invoke('hosts.remove', { id: 'h1' })).toEqual({ ok: true, result: removed });
  });

  it('passes a typed error from the handler through with its kind, message and field', async () => {
    const api = createApi(
      fakeHandlers({
        'teams.remove': () => {
          throw new BerthError('conflict', 'Team red still has 2 live instances', {
            engineMessage: 'engine said something private',
            field: 'id',
          });
        },
      }),
      createEventBus(),
    );

    const response = await api.invoke('teams.remove', { id: 't1' });

    expect(response).toEqual({
      ok: false,
      error: { kind: 'conflict', message: 'Team red still has 2 live instances', field: 'id' },
    });
    expect(JSON.stringify(response)).not.toContain('private');
  });

  it('turns a raw exception into a generic internal error and logs the real one with the method', async () => {
    const captured = captureLog();
    const api = createApi(
      fakeHandlers({
        'instances.revealFlag': () => {
          throw new TypeError("Cannot read properties of undefined (reading 'Id')");
        },
      }),
      createEventBus(),
      { log: captured.log },
    );

    const response = await api.invoke('instances.revealFlag', { id: 'i1' });

    expect(response).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: 'Something went wrong inside Berth; the details are in the log.',
      },
    });
    expect(JSON.stringify(response)).not.toMatch(/reading|TypeError|at /);
    const line = captured.lines().find((entry) => entry.method === 'instances.revealFlag');
    expect(line?.level).toBe(50);
    expect(JSON.stringify(line)).toContain("reading 'Id'");
  });

  it('answers a rejected promise the same way as a throw', async () => {
    const api = createApi(
      fakeHandlers({
        'hosts.remove': () => Promise.reject(new Error('socket hang up')),
      }),
      createEventBus(),
    );

    const response = await api.invoke('hosts.remove', { id: 'h1' });

    expect(response).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('hang up');
  });

  it('survives a thrown value that cannot even be turned into text', async () => {
    const api = createApi(
      fakeHandlers({
        'hosts.remove': () => {
          throw Object.create(null) as Error;
        },
      }),
      createEventBus(),
    );

    const response = await api.invoke('hosts.remove', { id: 'h1' });

    expect(response).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('tells the handler who calls: desktop by default, the given actor otherwise, with its signal', async () => {
    const contexts: CallContext[] = [];
    const api = createApi(
      fakeHandlers({
        'hosts.remove': (_input, context) => {
          contexts.push(context);
          return removed;
        },
      }),
      createEventBus(),
    );
    const controller = new AbortController();

    await api.invoke('hosts.remove', { id: 'h1' });
    await api.invokeAs('browser:127.0.0.1', 'hosts.remove', { id: 'h1' }, controller.signal);

    expect(contexts).toEqual([
      { actor: 'desktop' },
      { actor: 'browser:127.0.0.1', signal: controller.signal },
    ]);
  });

  it('reports every failed call to the error hook, and a failing hook changes nothing', async () => {
    const reported: [string, string][] = [];
    const api = createApi(fakeHandlers(), createEventBus(), {
      onError: (method, error) => {
        reported.push([method, error.kind]);
        throw new Error('hook bug');
      },
    });

    const unknown = await api.invoke('nope', {});
    const invalid = await api.invoke('hosts.remove', {});
    const refused = await api.invoke('hosts.list', {});

    expect(reported).toEqual([
      ['nope', 'invalid-input'],
      ['hosts.remove', 'invalid-input'],
      ['hosts.list', 'not-found'],
    ]);
    expect([unknown.ok, invalid.ok, refused.ok]).toEqual([false, false, false]);
  });

  it('hands subscribers the events published on the bus', () => {
    const bus = createEventBus();
    const api = createApi(fakeHandlers(), bus);
    const seen: ApiEvent[] = [];
    const unsubscribe = api.subscribe((event) => seen.push(event));

    const down: HostStatus = {
      hostId: 'lab-2',
      health: 'down',
      checkedAt: 1_700_000_000_000,
      version: null,
      apiVersion: null,
      containersRunning: null,
      cpus: null,
      memoryBytes: null,
      error: 'The engine does not answer',
    };

    bus.publish('host.status', down);
    unsubscribe();
    bus.publish('host.status', { ...down, health: 'up' });

    expect(seen).toEqual([{ type: 'host.status', payload: down }]);
  });

  it('never rejects and only ever answers ok or a typed error, whatever it is sent', async () => {
    const names = [...Object.keys(apiMethods), 'nope', '', '__proto__', 'hasOwnProperty'];
    const api = createApi(
      fakeHandlers({ 'hosts.list': () => [], 'teams.remove': () => removed }),
      createEventBus(),
    );

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (method, input) => {
        const response = await api.invoke(method, input);
        if (response.ok) return;
        expect(errorKinds).toContain(response.error.kind);
        expect(typeof response.error.message).toBe('string');
        expect(
          Object.keys(response.error).every((key) => ['kind', 'message', 'field'].includes(key)),
        ).toBe(true);
      }),
      { numRuns: 2000, seed: 4242 },
    );
  });
});
