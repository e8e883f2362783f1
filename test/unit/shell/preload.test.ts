import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiTransport } from '../../../shared/rpc';

// A stand-in for Electron's renderer-side modules: the preload is loaded against it and what it
// exposes is inspected. This checks Berth's bridge, not Electron's contextBridge.
const stand = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  // Filled by the mock factory, which runs after the imports above are ready.
  channels: null as EventEmitter | null,
}));

vi.mock('electron', () => {
  const channels = new EventEmitter();
  stand.channels = channels;
  return {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        stand.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        stand.invoked.push(args);
        return Promise.resolve({ ok: true, result: 'pong' });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) =>
        channels.on(channel, listener),
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        channels.removeListener(channel, listener),
    },
  };
});

function bridge(): ApiTransport {
  const exposed = stand.exposed.get('berth');
  if (exposed === undefined) throw new Error('nothing was exposed as window.berth');
  return exposed as ApiTransport;
}

function emitter(): EventEmitter {
  if (stand.channels === null) throw new Error('the preload never loaded electron');
  return stand.channels;
}

beforeAll(async () => {
  await import('../../../electron/preload');
});

describe("Berth's preload bridge", () => {
  it('exposes window.berth and nothing else, with exactly invoke and subscribe', () => {
    expect([...stand.exposed.keys()]).toEqual(['berth']);

    const exposed = stand.exposed.get('berth') as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(['invoke', 'subscribe']);
    expect(typeof exposed.invoke).toBe('function');
    expect(typeof exposed.subscribe).toBe('function');
  });

  it("sends a call on 'berth:invoke' with only the method and input, and returns the answer", async () => {
    await expect(bridge().invoke('teams.list', {})).resolves.toEqual({ ok: true, result: 'pong' });

    expect(stand.invoked).toEqual([['berth:invoke', 'teams.list', {}]]);
  });

  it('hands events to the listener without the IPC event object, until unsubscribed', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge().subscribe((...args: unknown[]) => {
      received.push(args);
    });
    const event: ApiEvent = { type: 'instance.changed', payload: { id: 'i1' } };
    const ipcEvent = { sender: 'the IPC event must stay in the preload' };

    emitter().emit('berth:event', ipcEvent, event);
    expect(received).toEqual([[event]]);

    unsubscribe();
    emitter().emit('berth:event', ipcEvent, event);
    expect(received).toHaveLength(1);
    expect(emitter().listenerCount('berth:event')).toBe(0);
  });

  it('listens on no channel but berth:event', () => {
    const unsubscribe = bridge().subscribe(() => undefined);
    expect(emitter().eventNames()).toEqual(['berth:event']);
    unsubscribe();
  });
});
