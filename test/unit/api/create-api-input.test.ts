import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/create-api';
import { createEventBus } from '../../../electron/api/event-bus';
import { fakeHandlers } from './fake-handlers';

describe('checking what an API call asks for', () => {
  it('answers an unknown method with invalid-input naming it', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('hosts.explode', {});

    expect(response).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Unknown method hosts.explode' },
    });
  });

  it('does not treat inherited object keys as methods', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('constructor', {});

    expect(response).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('refuses a method name that is not text without echoing it', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke({ toString: () => 'hosts.list' } as unknown as string, {});

    expect(response).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Unknown method object' },
    });
  });

  it('gives the handler the parsed input with the schema defaults filled in', async () => {
    const inputs: unknown[] = [];
    const api = createApi(
      fakeHandlers({
        'instances.list': (input) => {
          inputs.push(input);
          return [];
        },
      }),
      createEventBus(),
    );

    const response = await api.invoke('instances.list', undefined);

    expect(response).toEqual({ ok: true, result: [] });
    expect(inputs).toEqual([{ includeEnded: false }]);
  });

  it('refuses bad input before the handler runs, naming the missing field', async () => {
    let calls = 0;
    const api = createApi(
      fakeHandlers({
        'instances.launch': () => {
          calls += 1;
          throw new Error('must not run');
        },
      }),
      createEventBus(),
    );

    const response = await api.invoke('instances.launch', { challengeId: 'c1' });

    expect(calls).toBe(0);
    expect(response).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        field: 'team',
        message: 'team: Invalid input: expected string, received undefined',
      },
    });
  });

  it('names a nested field by its dotted path', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('challenges.create', {
      name: 'web',
      image: 'berth-test/web:1.0',
      limits: { memory: 'lots' },
    });

    expect(response).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        field: 'limits.memory',
        message: 'limits.memory: Write memory as a size like 256m or 1g',
      },
    });
  });

  it('names an array element by its index in the path', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('challenges.create', {
      name: 'web',
      image: 'berth-test/web:1.0',
      ports: [
        { port: 8080, protocol: 'tcp' },
        { port: 8080, protocol: 'tcp' },
      ],
    });

    expect(response).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'ports.1.port' },
    });
  });

  it('names an unexpected key as the field at fault', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('app.info', { verbose: true });

    expect(response).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'verbose' },
    });
  });

  it('says what is wrong with the input as a whole when no field is at fault', async () => {
    const api = createApi(fakeHandlers(), createEventBus());

    const response = await api.invoke('hosts.remove', 'local');

    expect(response).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        message: 'The input is not valid: Invalid input: expected object, received string',
      },
    });
  });
});
