import { describe, expect, it } from 'vitest';
import type { ApiEventListener, ApiResponse, ApiTransport } from '../../../shared/rpc';
import type { InvokeRegistry } from '../../../electron/shell/ipc';
import { answerInvoke, forwardEvents, registerIpc } from '../../../electron/shell/ipc';
import type { IpcSenderEvent } from '../../../electron/shell/trusted-sender';
import { isTrustedSender } from '../../../electron/shell/trusted-sender';
import { FakeContents } from './fakes';

/** A backend stand-in that records what reached it. */
function fakeApi(answer: ApiResponse = { ok: true, result: [] }): ApiTransport & {
  calls: { method: string; input: unknown }[];
  emit: ApiEventListener;
  listeners: Set<ApiEventListener>;
} {
  const calls: { method: string; input: unknown }[] = [];
  const listeners = new Set<ApiEventListener>();
  return {
    calls,
    listeners,
    invoke(method, input) {
      calls.push({ method, input });
      return Promise.resolve(answer);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
}

const appFrame: IpcSenderEvent = { senderFrame: { url: 'app://berth/index.html', parent: null } };

function frame(url: string, parent: unknown = null): IpcSenderEvent {
  return { senderFrame: { url, parent } };
}

describe("Berth's IPC bridge (main side)", () => {
  it('passes a call from its own page to the API and returns the API answer', async () => {
    const api = fakeApi({ ok: true, result: [{ id: 't1', name: 'Team 1' }] });

    const answer = await answerInvoke(api, isTrustedSender, appFrame, 'teams.list', {});

    expect(answer).toEqual({ ok: true, result: [{ id: 't1', name: 'Team 1' }] });
    expect(api.calls).toEqual([{ method: 'teams.list', input: {} }]);
  });

  it('refuses a call from a foreign origin before the API sees it', async () => {
    const api = fakeApi();

    for (const sender of [
      frame('https://attacker.example/'),
      frame('file:///tmp/page.html'),
      frame('app://evil/index.html'),
      frame('http://127.0.0.1:31337/'),
    ]) {
      const answer = await answerInvoke(api, isTrustedSender, sender, 'teams.list', {});
      expect(answer.ok).toBe(false);
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses a call from a subframe, even one on its own origin, and from a vanished frame', async () => {
    const api = fakeApi();

    const fromSubframe = frame('app://berth/index.html', { url: 'app://berth/index.html' });
    expect((await answerInvoke(api, isTrustedSender, fromSubframe, 'teams.list', {})).ok).toBe(
      false,
    );
    const fromNowhere: IpcSenderEvent = { senderFrame: null };
    expect((await answerInvoke(api, isTrustedSender, fromNowhere, 'teams.list', {})).ok).toBe(
      false,
    );
    expect(api.calls).toEqual([]);
  });

  it('refuses an unknown method as invalid input naming the method, before the API', async () => {
    const api = fakeApi();

    for (const method of ['teams.drop', '__proto__', 'constructor', 42, null]) {
      const answer = await answerInvoke(api, isTrustedSender, appFrame, method, {});
      expect(answer).toEqual({
        ok: false,
        error: { kind: 'invalid-input', message: 'Berth has no such method.', field: 'method' },
      });
    }
    expect(api.calls).toEqual([]);
  });

  it('refuses input the shared schema rejects, naming the field, before the API', async () => {
    const api = fakeApi();

    const answer = await answerInvoke(api, isTrustedSender, appFrame, 'instances.launch', {
      challengeId: '',
      team: 'Team 1',
    });

    expect(answer.ok).toBe(false);
    expect(answer.ok ? null : answer.error).toMatchObject({
      kind: 'invalid-input',
      field: 'challengeId',
    });
    expect(
      (await answerInvoke(api, isTrustedSender, appFrame, 'teams.list', { extra: true })).ok,
    ).toBe(false);
    expect(api.calls).toEqual([]);
  });

  it('passes the input on as sent, leaving defaults to the API', async () => {
    const api = fakeApi();

    await answerInvoke(api, isTrustedSender, appFrame, 'instances.list', undefined);

    expect(api.calls).toEqual([{ method: 'instances.list', input: undefined }]);
  });

  it('turns an API that throws into a safe internal error without its text', async () => {
    const api: ApiTransport = {
      invoke: () => Promise.reject(new Error('SQLITE_CORRUPT at /home/op/.config/Berth/berth.db')),
      subscribe: () => () => undefined,
    };

    const answer = await answerInvoke(api, isTrustedSender, appFrame, 'teams.list', {});

    expect(answer.ok).toBe(false);
    expect(answer.ok ? null : answer.error.kind).toBe('internal');
    expect(JSON.stringify(answer)).not.toContain('SQLITE');
  });

  it("answers only on 'berth:invoke', through the sender and schema checks, until removed", async () => {
    const api = fakeApi();
    const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
    const ipcMain: InvokeRegistry = {
      handle: (channel, listener) => handlers.set(channel, listener),
      removeHandler: (channel) => handlers.delete(channel),
    };

    const stop = registerIpc(ipcMain, api, isTrustedSender);
    expect([...handlers.keys()]).toEqual(['berth:invoke']);

    const handler = handlers.get('berth:invoke');
    await expect(handler?.(frame('https://x.example/'), 'teams.list', {})).resolves.toMatchObject({
      ok: false,
    });
    await expect(handler?.(appFrame, 'teams.list', {})).resolves.toEqual({ ok: true, result: [] });
    expect(api.calls).toHaveLength(1);

    stop();
    expect(handlers.size).toBe(0);
  });

  it("pushes API events to the window on 'berth:event' until it is destroyed or unsubscribed", () => {
    const api = fakeApi();
    const contents = new FakeContents();
    const stop = forwardEvents(api, contents);

    api.emit({ type: 'instance.changed', payload: { id: 'i1' } });
    expect(contents.sent).toEqual([
      { channel: 'berth:event', event: { type: 'instance.changed', payload: { id: 'i1' } } },
    ]);

    contents.destroyed = true;
    api.emit({ type: 'instance.changed', payload: { id: 'i2' } });
    expect(contents.sent).toHaveLength(1);

    stop();
    expect(api.listeners.size).toBe(0);
  });

  it('treats only the main frame of app://berth as a trusted sender', () => {
    expect(isTrustedSender(appFrame)).toBe(true);
    expect(isTrustedSender(frame('app://berth/'))).toBe(true);
    expect(isTrustedSender(frame('app://berth.evil/'))).toBe(false);
    expect(isTrustedSender(frame('app://user@berth/'))).toBe(false);
    expect(isTrustedSender(frame('app://berth/', {}))).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});
