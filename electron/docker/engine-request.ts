// The one way Berth talks HTTP to an engine: query and body always kept apart, so nothing from a
// body (environment values, flags) ever lands in a URL, and every request carries a signal.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex, Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

export interface EngineRequest {
  /** Path without the version prefix, e.g. '/containers/abc/logs'. */
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  query?: Record<string, unknown>;
  /** JSON body for POST. */
  body?: Record<string, unknown>;
  /** A tar archive for PUT. */
  file?: Readable | Buffer;
  signal: AbortSignal;
  /** Status codes that mean success; others become errors carrying the engine's body. */
  ok?: number[];
  /** The JSON an answer must be; anything else (text, another shape) is a fault, never data. */
  expect?: 'object' | 'array';
}

/** An answer the endpoint never sends: text that is not JSON, or JSON of another shape. */
export class UnreadableAnswerError extends Error {
  readonly code = 'BERTH_UNREADABLE_ANSWER';

  constructor(path: string, answer: unknown) {
    super(`${path} answered with ${describeAnswer(answer)}`);
    this.name = 'UnreadableAnswerError';
  }
}

function describeAnswer(answer: unknown): string {
  if (Buffer.isBuffer(answer)) {
    const text = answer.toString('utf8', 0, 120);
    return answer.length === 0 ? 'nothing' : `text that is not JSON: ${JSON.stringify(text)}`;
  }
  if (answer === null) return 'null';
  return Array.isArray(answer) ? 'a JSON list' : `JSON of type ${typeof answer}`;
}

/** The `Id` of an engine answer (create, inspect, exec); an answer without one is unreadable. */
export function idOf(answer: unknown, path: string): string {
  const id = (answer as { Id?: unknown } | null)?.Id;
  if (typeof id !== 'string' || id === '') throw new UnreadableAnswerError(path, answer);
  return id;
}

/**
 * Sends a request and resolves with the engine's parsed JSON answer (a Buffer when it is not JSON);
 * rejects with UnreadableAnswerError when the answer is not the `expect`ed shape.
 */
export async function engineRequest(docker: Docker, request: EngineRequest): Promise<unknown> {
  const answer = await dial(docker, request, 'unary');
  const fits =
    request.expect === undefined ||
    (request.expect === 'array'
      ? Array.isArray(answer)
      : typeof answer === 'object' &&
        answer !== null &&
        !Array.isArray(answer) &&
        !Buffer.isBuffer(answer));
  if (!fits) throw new UnreadableAnswerError(request.path, answer);
  return answer;
}

/** Sends a request and resolves with the answer as a byte stream once its headers arrive. */
export function openStream(docker: Docker, request: EngineRequest): Promise<IncomingMessage> {
  return dial(docker, request, 'stream') as Promise<IncomingMessage>;
}

/** Sends a request that upgrades the connection (exec with stdin) and resolves with the raw socket. */
export function openUpgraded(docker: Docker, request: EngineRequest): Promise<Duplex> {
  return dial(docker, request, 'upgrade') as Promise<Duplex>;
}

function dial(
  docker: Docker,
  request: EngineRequest,
  mode: 'unary' | 'stream' | 'upgrade',
): Promise<unknown> {
  const statusCodes: Record<number, boolean | string> = {
    304: 'not modified',
    400: 'bad parameter',
    403: 'forbidden',
    404: 'not found',
    409: 'conflict',
    500: 'server error',
  };
  for (const code of request.ok ?? [200]) statusCodes[code] = true;

  // docker-modem builds the URL from `_query` and the body from `_body`, but copies the whole
  // options object into both when one is missing: a POST always carries both.
  const query = request.query ?? {};
  const options =
    request.method === 'POST'
      ? { _query: query, _body: request.body ?? {} }
      : Object.keys(query).length > 0
        ? { _query: query }
        : undefined;

  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${request.path}?`,
        method: request.method,
        ...(options === undefined ? {} : { options }),
        ...(request.file === undefined ? {} : { file: uploadOf(request.file) }),
        isStream: mode !== 'unary',
        allowEmpty: request.method === 'POST',
        hijack: mode === 'upgrade',
        openStdin: mode === 'upgrade',
        statusCodes,
        abortSignal: request.signal,
      },
      (error, result) => {
        if (error !== null) reject(error);
        else resolve(result);
      },
    );
  });
}

/**
 * An upload (an image archive, a build context) piped into the request. The engine may answer
 * before it has read it all (an error, a dropped connection): the write still under way then
 * fails on a socket the finished request no longer listens to, which Node would throw as an
 * uncaught exception. Such a late error concerns nobody; the answer already told the outcome.
 */
class Upload extends PassThrough {
  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    (destination as unknown as NodeJS.EventEmitter).once('socket', (socket: Socket) => {
      socket.on('error', () => undefined);
    });
    return super.pipe(destination, options);
  }
}

function uploadOf(file: Readable | Buffer): Readable | Buffer {
  if (Buffer.isBuffer(file)) return file;
  const upload = new Upload();
  file.on('error', (error) => upload.destroy(error));
  return file.pipe(upload);
}
