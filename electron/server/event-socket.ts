// The WebSocket that pushes every ApiEvent to signed-in pages, with keepalive and a cap on slow readers.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { ApiTransport } from '../../shared/rpc';

export interface EventSocketOptions {
  api: Pick<ApiTransport, 'subscribe'>;
  log: Logger;
  /** How often a ping goes out; a client that has not answered the previous one is dropped. */
  keepAliveMs: number;
  /** A client with more than this many bytes waiting to be sent is dropped, not buffered further. */
  maxBufferedBytes: number;
}

export interface EventSocket {
  /** Completes the handshake of an upgrade the caller has already authorised. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Drops every client and stops listening to the API. */
  close(): void;
}

/** Starts relaying the API's events to whoever `accept` lets in. */
export function createEventSocket(options: EventSocketOptions): EventSocket {
  const { log } = options;
  const server = new WebSocketServer({
    noServer: true,
    // Pages only listen; anything they send is small and ignored.
    maxPayload: 4096,
    perMessageDeflate: false,
  });
  const awaitingPong = new WeakSet<WebSocket>();

  function deliver(client: WebSocket, text: string): void {
    if (client.readyState !== client.OPEN) return;
    if (client.bufferedAmount > options.maxBufferedBytes) {
      log.warn(
        { bufferedBytes: client.bufferedAmount },
        'Dropped an event client that reads too slowly',
      );
      client.terminate();
      return;
    }
    client.send(text);
  }

  const unsubscribe = options.api.subscribe((event) => {
    let text: string;
    try {
      text = JSON.stringify(event);
    } catch (error) {
      log.error({ event: event.type, err: error }, 'An event could not be sent as JSON');
      return;
    }
    for (const client of server.clients) deliver(client, text);
  });

  const keepAlive = setInterval(() => {
    for (const client of server.clients) {
      if (awaitingPong.has(client)) {
        log.info('Dropped an event client that stopped answering pings');
        client.terminate();
        continue;
      }
      awaitingPong.add(client);
      client.ping();
    }
  }, options.keepAliveMs);
  keepAlive.unref();

  return {
    accept(request, socket, head) {
      server.handleUpgrade(request, socket, head, (client) => {
        client.on('pong', () => awaitingPong.delete(client));
        client.on('error', (error) => {
          log.debug({ err: error }, 'An event client failed');
        });
      });
    },

    close() {
      clearInterval(keepAlive);
      unsubscribe();
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
