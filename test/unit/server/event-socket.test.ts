import { afterEach, describe, expect, it } from 'vitest';
import type { LogChunkEvent } from '../../../shared/views';
import type { TestServer } from './harness';
import { closed, nextMessage, openEvents, openStalledEvents, startTestServer } from './harness';

function chunk(text: string): LogChunkEvent {
  return { streamId: 's1', stream: 'stdout', text, ended: false };
}

async function openWithToken(server: TestServer, autoPong = true) {
  const outcome = await openEvents(server, { query: `?token=${server.token}`, autoPong });
  if (!('opened' in outcome)) throw new Error(`refused with ${outcome.refused}`);
  return outcome.opened;
}

describe('the event socket', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('delivers every published event to each open socket as one JSON message', async () => {
    server = await startTestServer();
    const first = await openWithToken(server);
    const second = await openWithToken(server);
    const received = Promise.all([nextMessage(first), nextMessage(second)]);

    server.bus.publish('logs.chunk', chunk('hello'));

    expect(await received).toEqual([
      { type: 'logs.chunk', payload: chunk('hello') },
      { type: 'logs.chunk', payload: chunk('hello') },
    ]);
  });

  it('drops a client that stops answering pings', async () => {
    server = await startTestServer({ server: { keepAliveMs: 20 } });
    const silent = await openWithToken(server, false);
    const answering = await openWithToken(server, true);

    expect(await closed(silent)).toBe(1006);
    expect(answering.readyState).toBe(answering.OPEN);
  });

  it('drops a client that does not read, instead of buffering for it without bound, and keeps serving the others', async () => {
    server = await startTestServer({ server: { maxBufferedBytes: 256 * 1024 } });
    const stalled = await openStalledEvents(server);
    const reader = await openWithToken(server);
    let received = 0;
    reader.on('message', () => (received += 1));
    const big = 'x'.repeat(256 * 1024);

    let published = 0;
    while (!server.log.text().includes('reads too slowly') && published < 400) {
      server.bus.publish('logs.chunk', chunk(big));
      published += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const last = nextMessage(reader);
    server.bus.publish('logs.chunk', chunk('after'));

    expect(server.log.text()).toContain('Dropped an event client that reads too slowly');
    expect(await last).toEqual({ type: 'logs.chunk', payload: chunk('after') });
    expect(received).toBe(published + 1);
    stalled.destroy();
  });

  it('closes open sockets when the server closes', async () => {
    server = await startTestServer();
    const socket = await openWithToken(server);

    const code = closed(socket);
    await server.close();
    server = undefined;

    expect(await code).toBe(1006);
  });

  it('refuses an upgrade anywhere but /api/events with 404', async () => {
    server = await startTestServer();
    const outcome = await openEvents(server, {
      path: '/api/other',
      query: `?token=${server.token}`,
    });

    expect(outcome).toMatchObject({ refused: 404 });
  });
});
