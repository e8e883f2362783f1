// Moving images without a registry: an archive as `docker save` writes it, read out or loaded in.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { BerthError } from '../../shared/errors';
import type { EngineSession } from './engine-call';
import { callError, runCall } from './engine-call';
import { recordOf, stringOf } from './engine-json';
import { openStream } from './engine-request';
import { engineImageName, imageTarget } from './images';

/** Loading a large archive may take this long before it counts as hung. */
export const defaultLoadTimeoutMs = 60 * 60 * 1000;

/** The engine's answer to a load, line by line: what it loaded, or why it could not. */
export function loadMessageOf(line: string): { loaded: string | null; error: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { loaded: null, error: null };
  }
  const entry = recordOf(parsed);
  const error = stringOf(recordOf(entry.errorDetail).message, stringOf(entry.error));
  if (error !== '') return { loaded: null, error: error.trim() };
  const match = /^Loaded image(?: ID)?: (\S+)/.exec(stringOf(entry.stream).trim());
  return { loaded: match?.[1] ?? null, error: null };
}

/** Loads every image of a `docker save` archive; resolves with their names (ids for untagged ones). */
export function loadImages(
  session: EngineSession,
  archive: Readable,
  options: { source: string; signal?: AbortSignal | undefined; timeoutMs?: number | undefined },
): Promise<{ images: string[] }> {
  return runCall(
    session,
    {
      action: 'image.load',
      target: options.source,
      signal: options.signal,
      deadlineMs: options.timeoutMs ?? defaultLoadTimeoutMs,
      done: (result) => `Loaded ${result.images.join(', ') || 'no images'} from ${options.source}`,
      resultDetails: (result) => ({ images: result.images }),
    },
    async (signal) => {
      const response = await openStream(session.docker(), {
        path: '/images/load',
        method: 'POST',
        query: { quiet: true },
        file: archive,
        signal,
      });
      const images: string[] = [];
      let failure: string | null = null;
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          const message = loadMessageOf(line);
          if (message.loaded !== null) images.push(message.loaded);
          failure = message.error ?? failure;
        }
      } finally {
        lines.close();
        response.destroy();
      }
      if (signal.aborted) throw signal.reason as Error;
      if (failure !== null) {
        throw new BerthError(
          'invalid-input',
          `${session.hostName} could not load ${options.source}; is it an archive made by docker save?`,
          { engineMessage: failure },
        );
      }
      return { images };
    },
  );
}

/** Opens the `docker save` archive of the given images (names or ids) as a stream. */
export function saveImages(
  session: EngineSession,
  refs: string[],
  options: { signal?: AbortSignal | undefined } = {},
): Promise<Readable> {
  const names = refs.map(engineImageName);
  return runCall(
    session,
    {
      action: 'image.save',
      target: refs.map(imageTarget).join(', '),
      signal: options.signal,
      deadlineCovers: 'start',
      details: { images: names },
      done: () => `Saving ${names.join(', ')}`,
    },
    async (signal) => {
      const response = await openStream(session.docker(), {
        path: '/images/get',
        method: 'GET',
        query: { names },
        signal,
      });
      // The archive is read long after the call returned: a connection lost midway still ends
      // it with a typed error, not the socket's own.
      const archive = new PassThrough();
      response.on('error', (error) => {
        archive.destroy(
          callError(error, { action: 'image.save', target: names.join(', ') }, session),
        );
      });
      return response.pipe(archive);
    },
  );
}
