// A tiny HTTP server for the built renderer, optionally answering /api/* and /api/events like Berth.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

export interface ApiAnswer {
  status: number;
  /** Sent as is; a string that is not JSON tests the client's handling of broken bodies. */
  body: string;
}

export interface StaticServerOptions {
  root: string;
  /** Answers POST /api/<method>; without it those requests get 404. */
  api?: (method: string, body: unknown, request: IncomingMessage) => ApiAnswer | Promise<ApiAnswer>;
  /** Takes each WebSocket opened on /api/events; without it upgrades are refused. */
  events?: (socket: WebSocket, request: IncomingMessage) => void;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function serveFile(root: string, url: string, response: ServerResponse): Promise<void> {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (!file.startsWith(root + sep) && file !== root) {
    response.writeHead(403).end();
    return;
  }
  const content = await readFile(file).catch(() => null);
  if (content === null) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  response.end(content);
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = normalize(options.root);
  const sockets = new WebSocketServer({ noServer: true });

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url.startsWith('/api/') && request.method === 'POST') {
      const api = options.api;
      if (!api) {
        response.writeHead(404).end();
        return;
      }
      const method = decodeURIComponent(url.slice('/api/'.length).split('?')[0] ?? '');
      void readBody(request)
        .then((body) => api(method, body, request))
        .then((answer) => {
          response.writeHead(answer.status, { 'Content-Type': 'application/json' });
          response.end(answer.body);
        });
      return;
    }
    void serveFile(root, url, response);
  });

  server.on('upgrade', (request, socket, head) => {
    const events = options.events;
    if (!events || !request.url?.startsWith('/api/events')) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      events(ws, request);
    });
  });

  await new Promise<void>((ready) => {
    server.listen(0, '127.0.0.1', ready);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => {
        server.close(() => {
          done();
        });
      });
    },
  };
}
