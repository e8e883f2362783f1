// Browser mode: one HTTP server carrying the renderer, the API and the event socket, behind the token.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { STATUS_CODES, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { BerthError, toBerthError } from '../../shared/errors';
import type { Api } from '../api/create-api';
import { isLoopbackHost, isWildcardHost, servedAuthorities, urlHost } from './addresses';
import { handleApiCall } from './api-route';
import { createEventSocket } from './event-socket';
import type { RequestGuard } from './request-guard';
import { createRequestGuard } from './request-guard';
import { parseTarget } from './request-target';
import { applySecurityHeaders, contentSecurityPolicy, sendError, sendText } from './responses';
import type { StaticFiles } from './static-files';
import { createStaticFiles } from './static-files';

export interface ServerOptions {
  api: Api;
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** The built renderer, usually dist/renderer. */
  staticDir: string;
  log: Logger;
  /** Largest accepted API body; 2 MiB by default. */
  bodyLimit?: number;
  /** Event socket ping interval; 30 s by default. */
  keepAliveMs?: number;
  /** Bytes an event client may have waiting before it is dropped; 4 MiB by default. */
  maxBufferedBytes?: number;
}

export interface RunningServer {
  /** The server's base URL, e.g. http://127.0.0.1:7420 (a loopback address for a wildcard bind). */
  url: string;
  port: number;
  /** Stops accepting, drops open connections and event clients; resolves when the port is free. */
  close(): Promise<void>;
}

const eventsPath = '/api/events';
const internalMessage = 'Something went wrong inside Berth; the details are in the log.';

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(listenError(error, host, port));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): BerthError {
  const where = `${urlHost(host)}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new BerthError('port-in-use', `${where} is already in use; choose another --port`, {
        engineMessage: error.message,
      });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new BerthError('invalid-input', `${host} is not an address of this machine`, {
        engineMessage: error.message,
        field: 'host',
      });
    case 'EACCES':
      return new BerthError(
        'invalid-input',
        `Berth may not listen on ${where}; pick a port above 1023`,
        {
          engineMessage: error.message,
          field: 'port',
        },
      );
    default:
      return toBerthError(error);
  }
}

interface Routes {
  guard: RequestGuard;
  files: StaticFiles;
  options: ServerOptions;
  bodyLimit: number;
}

async function route(
  request: IncomingMessage,
  response: ServerResponse,
  routes: Routes,
): Promise<void> {
  const target = parseTarget(request.url);
  if (target === null) {
    sendText(response, 400, 'The address is not valid');
    return;
  }
  const isApi = target.path === '/api' || target.path.startsWith('/api/');

  const verdict = routes.guard.check(request, target);
  if (!verdict.allowed) {
    if (isApi) {
      sendError(response, verdict.status, { kind: 'invalid-input', message: verdict.message });
    } else {
      sendText(response, verdict.status, verdict.message);
    }
    return;
  }

  if (target.path === eventsPath) {
    sendError(
      response,
      426,
      { kind: 'invalid-input', message: 'Open /api/events as a WebSocket' },
      {
        Upgrade: 'websocket',
      },
    );
  } else if (isApi) {
    await handleApiCall(request, response, target.path.slice('/api/'.length), verdict.credential, {
      api: routes.options.api,
      bodyLimit: routes.bodyLimit,
      log: routes.options.log,
    });
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Berth serves its pages with GET', { Allow: 'GET, HEAD' });
  } else if (verdict.credential === 'query') {
    // The token leaves the address bar (and the history) at once; the cookie carries the session.
    response.writeHead(303, { Location: '/', 'Set-Cookie': routes.guard.sessionCookie() });
    response.end();
  } else {
    await routes.files.serve(request, response, target.path);
  }
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ ok: false, error: { kind: 'invalid-input', message } });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Starts browser mode on host:port; rejects with a BerthError when the address cannot be used. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (options.token === '') {
    throw new BerthError('invalid-input', 'Browser mode needs a token', { field: 'token' });
  }
  const { log } = options;
  const bodyLimit = options.bodyLimit ?? 2 * 1024 * 1024;

  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 });
  const port = await listen(server, options.host, options.port);
  const authorities = servedAuthorities(options.host, port);
  const csp = contentSecurityPolicy(authorities);
  const routes: Routes = {
    guard: createRequestGuard({
      token: options.token,
      authorities,
      cookieName: `berth_session_${port}`,
    }),
    files: createStaticFiles(options.staticDir),
    options,
    bodyLimit,
  };
  const events = createEventSocket({
    api: options.api,
    log,
    keepAliveMs: options.keepAliveMs ?? 30_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    request.on('error', (error) => {
      log.debug({ err: error }, 'A request failed');
    });
    response.on('error', (error) => {
      log.debug({ err: error }, 'A response failed');
    });
    response.once('finish', () => {
      // The path only: a sign-in link's query holds the token, which never goes to a log.
      const path = (request.url ?? '').split('?')[0];
      log.debug({ method: request.method, path, status: response.statusCode }, 'Answered');
    });
    applySecurityHeaders(response, csp);
    route(request, response, routes).catch((error: unknown) => {
      log.error({ err: error, method: request.method }, 'A request failed unexpectedly');
      if (!response.headersSent)
        sendError(response, 500, { kind: 'internal', message: internalMessage });
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => {
      log.debug({ err: error }, 'An upgrade socket failed');
    });
    const target = parseTarget(request.url);
    if (target === null) {
      refuseUpgrade(socket, 400, 'The address is not valid');
      return;
    }
    if (target.path !== eventsPath) {
      refuseUpgrade(socket, 404, 'Berth has a WebSocket only at /api/events');
      return;
    }
    const verdict = routes.guard.check(request, target);
    if (!verdict.allowed) {
      refuseUpgrade(socket, verdict.status, verdict.message);
      return;
    }
    events.accept(request, socket, head);
  });

  const url = `http://${isWildcardHost(options.host) ? '127.0.0.1' : urlHost(options.host)}:${port}`;
  if (!isLoopbackHost(options.host)) {
    log.warn(
      { host: options.host, port },
      'Browser mode listens on an address other machines can reach; anyone there with the token controls your engines',
    );
  }
  log.info({ url }, 'Browser mode is listening');

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
