// A container's logs: a bounded read, or a follow that ends when the container stops.
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import { BerthError } from '../../shared/errors';
import { containerDetailsOf, inspectRequest } from './container-queries';
import type { EngineSession } from './engine-call';
import { callError, runCall } from './engine-call';
import { openStream } from './engine-request';
import type { LogChunk, LogsResult } from './engine-types';
import type { LogDecodeStream } from './log-demux';
import { collectLogText, decodeRawStream, demuxDockerStream } from './log-demux';

export const defaultLogTail = 1000;
export const defaultLogMaxBytes = 1024 * 1024;

export interface LogsOptions {
  /** Lines from the end; defaults to 1000. */
  tail?: number;
  /** Only lines written at or after this time (ms). */
  sinceMs?: number;
  /** Bytes of text at most; defaults to 1 MiB. */
  maxBytes?: number;
  timestamps?: boolean;
  signal?: AbortSignal;
}

/** The last lines of a container's output (stdout and stderr interleaved), bounded in lines and bytes. */
export function readLogs(
  session: EngineSession,
  id: string,
  options: LogsOptions = {},
): Promise<LogsResult> {
  const tail = options.tail ?? defaultLogTail;
  const maxBytes = options.maxBytes ?? defaultLogMaxBytes;
  return runCall(
    session,
    {
      action: 'container.logs',
      target: id,
      signal: options.signal,
      details: {
        tail,
        maxBytes,
        ...(options.sinceMs === undefined ? {} : { sinceMs: options.sinceMs }),
      },
      done: (logs) => `Read ${Buffer.byteLength(logs.text)} bytes of logs of container ${id}`,
      resultDetails: (logs) => ({ truncated: logs.truncated }),
    },
    async (signal) => {
      const { response, decoder } = await openLogs(session, id, signal, {
        follow: false,
        tail,
        maxBytes,
        sinceMs: options.sinceMs,
        timestamps: options.timestamps ?? false,
      });
      try {
        const logs = await collectLogText(decoder, { maxBytes, signal });
        return { text: logs.combined, truncated: logs.truncated };
      } finally {
        decoder.destroy();
        response.destroy();
      }
    },
  );
}

/** The container's output as it is written, from `tail` lines back; ends when the container stops or `signal` aborts. */
export async function* followLogs(
  session: EngineSession,
  id: string,
  options: { tail?: number; signal?: AbortSignal } = {},
): AsyncGenerator<LogChunk, void, undefined> {
  const tail = options.tail ?? defaultLogTail;
  const { signal } = options;
  const plan = { action: 'container.logs', target: id, signal };
  const { response, decoder } = await runCall(
    session,
    {
      ...plan,
      deadlineCovers: 'start',
      details: { tail, follow: true },
      done: () => `Following the logs of container ${id}`,
    },
    (opening) => openLogs(session, id, opening, { follow: true, tail, timestamps: false }),
  );

  const stop = (): void => {
    decoder.destroy();
    response.destroy();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of decoder as AsyncIterable<LogChunk>) yield chunk;
  } catch (error) {
    if (signal?.aborted === true) return;
    throw error instanceof BerthError ? error : callError(error, plan, session);
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

async function openLogs(
  session: EngineSession,
  id: string,
  signal: AbortSignal,
  options: {
    follow: boolean;
    tail: number;
    maxBytes?: number;
    sinceMs?: number | undefined;
    timestamps: boolean;
  },
): Promise<{ response: IncomingMessage; decoder: LogDecodeStream }> {
  // The engine frames the output only when the container has no TTY.
  const { tty } = containerDetailsOf(await inspectRequest(session, id, signal));
  const response = await openStream(session.docker(), {
    path: `/containers/${encodeURIComponent(id)}/logs`,
    method: 'GET',
    query: {
      stdout: true,
      stderr: true,
      follow: options.follow,
      tail: String(options.tail),
      timestamps: options.timestamps,
      ...(options.sinceMs === undefined ? {} : { since: Math.floor(options.sinceMs / 1000) }),
    },
    signal,
  });
  const limits = options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes };
  const decoder = tty ? decodeRawStream(limits) : demuxDockerStream(limits);
  pipeline(response, decoder, () => undefined);
  return { response, decoder };
}
