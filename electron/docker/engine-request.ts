// The one way Berth talks HTTP to an engine: query and body always kept apart, so nothing from a
// body (environment values, flags) ever lands in a URL, and every request carries a signal.
import type { IncomingMessage } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
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
}

/** Sends a request and resolves with the engine's parsed JSON answer (a Buffer when it is not JSON). */
export function engineRequest(docker: Docker, request: EngineRequest): Promise<unknown> {
  return dial(docker, request, 'unary');
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
        ...(request.file === undefined ? {} : { file: request.file }),
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
