// A real browser-mode server on an ephemeral loopback port, with a stand-in handler table and a temp renderer.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { ApiHandlers } from '../../../electron/api/create-api';
import { createApi } from '../../../electron/api/create-api';
import type { EventBus } from '../../../electron/api/event-bus';
import { createEventBus } from '../../../electron/api/event-bus';
import type { RunningServer, ServerOptions } from '../../../electron/server/start-server';
import { startServer } from '../../../electron/server/start-server';
import type { CapturedLog } from '../api/capture-log';
import { captureLog } from '../api/capture-log';
import { fakeHandlers } from '../api/fake-handlers';

export const indexHtml =
  '<!doctype html><title>Berth</title><script src="./assets/app.js"></script>';
export const secretText = 'top secret outside the renderer folder';

export interface TestServer {
  server: RunningServer;
  bus: EventBus;
  token: string;
  log: CapturedLog;
  /** The folder holding `static/` (the renderer) and `secret.txt` beside it. */
  folder: string;
  staticDir: string;
  origin: string;
  close(): Promise<void>;
}

/** Starts a server over `handlers` (stand-ins refuse) with a small built renderer. */
export async function startTestServer(
  options: {
    handlers?: Partial<ApiHandlers>;
    server?: Partial<ServerOptions>;
    index?: boolean;
  } = {},
): Promise<TestServer> {
  const folder = await mkdtemp(path.join(tmpdir(), 'berth-server-'));
  const staticDir = path.join(folder, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  if (options.index !== false) await writeFile(path.join(staticDir, 'index.html'), indexHtml);
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("berth");');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
  await writeFile(path.join(folder, 'secret.txt'), secretText);

  const bus = createEventBus();
  const log = captureLog();
  const token = 'test-token-0123456789abcdef';
  const server = await startServer({
    api: createApi(fakeHandlers(options.handlers), bus),
    host: '127.0.0.1',
    port: 0,
    token,
    staticDir,
    log: log.log,
    ...options.server,
  });

  return {
    server,
    bus,
    token,
    log,
    folder,
    staticDir,
    origin: server.url,
    close: async () => {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** One HTTP request with the path sent exactly as given (no normalisation). */
export function send(
  server: TestServer,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Calls an API method with the Bearer token. */
export function callApi(
  server: TestServer,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return send(server, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      Authorization: `Bearer ${server.token}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** Signs in the way a browser does and returns the cookie header to send back. */
export async function signIn(server: TestServer): Promise<string> {
  const answer = await send(server, { path: `/?token=${server.token}` });
  const cookie = answer.headers['set-cookie']?.[0];
  if (answer.status !== 303 || cookie === undefined) {
    throw new Error(`sign-in answered ${answer.status}`);
  }
  return cookie.split(';')[0] ?? '';
}

export type SocketOutcome = { opened: WebSocket } | { refused: number; text: string };

/** Opens the event socket; resolves with the open socket or the status that refused it. */
export function openEvents(
  server: TestServer,
  options: {
    path?: string;
    query?: string;
    headers?: Record<string, string>;
    autoPong?: boolean;
  } = {},
): Promise<SocketOutcome> {
  const url = `ws://127.0.0.1:${server.server.port}${options.path ?? '/api/events'}${options.query ?? ''}`;
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      headers: options.headers,
      autoPong: options.autoPong ?? true,
    });
    socket.once('open', () => {
      resolve({ opened: socket });
    });
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ refused: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
        socket.terminate();
      });
    });
    socket.once('error', reject);
  });
}

/** The next text message on a socket, parsed as JSON. */
export function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data: Buffer) => {
      resolve(JSON.parse(data.toString('utf8')));
    });
  });
}

/** Resolves when the socket is closed, with the close code. */
export function closed(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (socket.readyState === socket.CLOSED) resolve(1006);
    socket.once('close', (code: number) => {
      resolve(code);
    });
  });
}

/** A raw TCP client that completes the WebSocket handshake and then never reads again. */
export function openStalledEvents(server: TestServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.server.port, '127.0.0.1', () => {
      socket.write(
        'GET /api/events HTTP/1.1\r\n' +
          `Host: 127.0.0.1:${server.server.port}\r\n` +
          `Authorization: Bearer ${server.token}\r\n` +
          'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.once('data', (data: Buffer) => {
      socket.pause();
      if (data.toString('latin1').startsWith('HTTP/1.1 101')) resolve(socket);
      else
        reject(new Error(`handshake answered ${data.toString('latin1').split('\r\n')[0] ?? ''}`));
    });
    socket.on('error', () => undefined);
  });
}
