// A unix-socket proxy in front of a real engine that can hold, drop, cut short or replace its
// answers, so every client call can be driven through each kind of fault on purpose.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the proxy does with one request. */
export type Fault =
  | { kind: 'pass' }
  /** Answers only after `ms` milliseconds. */
  | { kind: 'delay'; ms: number }
  /** Never answers; the connection stays open until the client gives up. */
  | { kind: 'hang' }
  /** Closes the connection without an answer. */
  | { kind: 'drop' }
  /** Sends the engine's status, headers and `bytes` bytes of its body, then closes. */
  | { kind: 'truncate'; bytes: number }
  /** A 200 whose JSON body breaks off. */
  | { kind: 'garbage-json' }
  /** A 200 with well-formed JSON of a shape no endpoint answers with. */
  | { kind: 'wrong-json'; body: string }
  /** An error status with the given body and content type. */
  | { kind: 'status'; code: number; body: string; contentType: string };

export type FaultKind = Fault['kind'];

export interface ProxiedRequest {
  method: string;
  /** The path without the API version prefix or the query, e.g. '/containers/create'. */
  path: string;
}

export type FaultRule = (request: ProxiedRequest) => Fault;

export interface FaultProxy {
  socketPath: string;
  /** Sets what happens to the requests from now on. */
  setRule(rule: FaultRule): void;
  /** Requests seen, with the fault each was given, since the last `takeLog`. */
  takeLog(): { request: ProxiedRequest; fault: FaultKind }[];
  close(): Promise<void>;
}

const pass: FaultRule = () => ({ kind: 'pass' });

function requestOf(request: IncomingMessage): ProxiedRequest {
  const url = new URL(request.url ?? '/', 'http://engine');
  return { method: request.method ?? 'GET', path: url.pathname.replace(/^\/v\d+\.\d+/, '') };
}

function forward(
  engineSocket: string,
  request: IncomingMessage,
  response: ServerResponse,
  onAnswer: (answer: IncomingMessage) => void,
  onError: () => void,
): void {
  const upstream = httpRequest({
    socketPath: engineSocket,
    method: request.method,
    path: request.url,
    headers: request.headers,
    agent: false,
  });
  upstream.on('response', onAnswer);
  upstream.on('error', onError);
  request.pipe(upstream);
  // The response closes when it is done or when the client goes away: either way, so does upstream.
  response.on('close', () => {
    upstream.destroy();
  });
}

function cannedAnswer(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Api-Version': '1.41',
  });
  response.end(body);
}

function answerWithFault(
  engineSocket: string,
  fault: Fault,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const failed = (): void => {
    response.destroy();
  };
  const relay = (answer: IncomingMessage): void => {
    response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    // A stream (logs, events) may stay silent for long: its headers must not wait for its body.
    response.flushHeaders();
    answer.pipe(response);
    response.on('close', () => {
      answer.destroy();
    });
  };
  switch (fault.kind) {
    case 'pass':
      forward(engineSocket, request, response, relay, failed);
      return;
    case 'delay': {
      const timer = setTimeout(() => {
        forward(engineSocket, request, response, relay, failed);
      }, fault.ms);
      response.on('close', () => {
        clearTimeout(timer);
      });
      return;
    }
    case 'hang':
      request.resume();
      return;
    case 'drop':
      request.socket.destroy();
      return;
    case 'truncate':
      forward(
        engineSocket,
        request,
        response,
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          response.flushHeaders();
          let sent = 0;
          answer.on('data', (chunk: Buffer) => {
            const room = fault.bytes - sent;
            if (room > 0) response.write(chunk.subarray(0, room));
            sent += chunk.length;
            if (sent >= fault.bytes) {
              answer.destroy();
              request.socket.destroy();
            }
          });
          answer.on('end', () => {
            request.socket.destroy();
          });
        },
        failed,
      );
      return;
    case 'garbage-json':
      request.resume();
      cannedAnswer(response, 200, 'application/json', '{"Id": "0123abc", "Names": [ "/x", {');
      return;
    case 'wrong-json':
      request.resume();
      cannedAnswer(response, 200, 'application/json', fault.body);
      return;
    case 'status':
      request.resume();
      cannedAnswer(response, fault.code, fault.contentType, fault.body);
      return;
  }
}

// An exec with a terminal upgrades the connection: relay raw bytes unless the fault says otherwise.
function upgradeWithFault(
  engineSocket: string,
  fault: Fault,
  request: IncomingMessage,
  client: Socket,
  head: Buffer,
): void {
  if (fault.kind === 'drop' || fault.kind === 'truncate') {
    client.destroy();
    return;
  }
  if (fault.kind === 'hang') return;
  if (fault.kind === 'garbage-json' || fault.kind === 'wrong-json' || fault.kind === 'status') {
    const body = fault.kind === 'status' ? fault.body : '{"message": ';
    const status = fault.kind === 'status' ? fault.code : 200;
    client.end(
      `HTTP/1.1 ${status} Fault\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    return;
  }
  const open = (): void => {
    const upstream = connect(engineSocket, () => {
      const lines = [`${request.method ?? 'POST'} ${request.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i] ?? ''}: ${request.rawHeaders[i + 1] ?? ''}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      client.destroy();
    });
    client.on('error', () => {
      upstream.destroy();
    });
    client.on('close', () => {
      upstream.destroy();
    });
  };
  if (fault.kind === 'delay') setTimeout(open, fault.ms);
  else open();
}

/** Starts a proxy on a fresh unix socket in front of `engineSocket`; it passes everything until told otherwise. */
export async function startFaultProxy(engineSocket: string): Promise<FaultProxy> {
  const folder = mkdtempSync(join(tmpdir(), 'berth-fault-proxy-'));
  const socketPath = join(folder, 'engine.sock');
  let rule: FaultRule = pass;
  let log: { request: ProxiedRequest; fault: FaultKind }[] = [];
  const sockets = new Set<Socket>();

  const decide = (request: IncomingMessage): Fault => {
    const seen = requestOf(request);
    const fault = rule(seen);
    log.push({ request: seen, fault: fault.kind });
    return fault;
  };

  const server = createServer((request, response) => {
    answerWithFault(engineSocket, decide(request), request, response);
  });
  server.on('upgrade', (request: IncomingMessage, client: Socket, head: Buffer) => {
    upgradeWithFault(engineSocket, decide(request), request, client, head);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // A client that goes away mid-answer is part of the faults; an upgraded socket has no other
    // listener, so its write errors would otherwise be uncaught.
    socket.on('error', () => {
      socket.destroy();
    });
  });
  server.on('clientError', (_error, socket: Socket) => {
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });

  return {
    socketPath,
    setRule(next) {
      rule = next;
    },
    takeLog() {
      const taken = log;
      log = [];
      return taken;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
