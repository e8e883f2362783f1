// Building an image with the engine's classic builder, its output streamed as it comes.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { BuildStep } from '../../shared/authoring';
import { BerthError } from '../../shared/errors';
import { BuildLog } from './build-output';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { engineRequest, idOf, openStream } from './engine-request';
import { engineImageName } from './images';

/** A build may run this long before it counts as hung. */
export const defaultBuildTimeoutMs = 60 * 60 * 1000;

export interface BuildRequest {
  /** The build context as a tar stream. */
  context: Readable;
  /** The name:tag the image gets. */
  tag: string;
  /** The Dockerfile's path inside the context. */
  dockerfile: string;
  /** Values may be private: only their names are recorded. */
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** A stage of a multi-stage Dockerfile. */
  target?: string | undefined;
  noCache?: boolean | undefined;
}

export interface BuildOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Output lines as they come, with the step the builder is on. */
  onOutput?: ((lines: string[], step: BuildStep | null) => void) | undefined;
}

/** A build the builder itself failed: the step it was on and its reason (the build's own log text). */
export class BuildFailedError extends BerthError {
  readonly step: BuildStep | null;
  readonly failure: string;

  constructor(tag: string, step: BuildStep | null, failure: string) {
    super(
      'engine',
      step === null
        ? `The build of ${tag} failed before its first step; the build log says why.`
        : `The build of ${tag} failed at step ${step.index}/${step.total} (${step.instruction}); the build log says why.`,
      { engineMessage: failure },
    );
    this.name = 'BuildFailedError';
    this.step = step;
    this.failure = failure;
  }
}

/** Builds the context into `tag`; resolves with the image id, or rejects naming the failing step. */
export function buildImage(
  session: EngineSession,
  request: BuildRequest,
  options: BuildOptions = {},
): Promise<{ imageId: string }> {
  return runCall(
    session,
    {
      action: 'image.build',
      target: request.tag,
      signal: options.signal,
      deadlineMs: options.timeoutMs ?? defaultBuildTimeoutMs,
      details: {
        dockerfile: request.dockerfile,
        buildArgs: Object.keys(request.buildArgs),
        labels: request.labels,
        ...(request.target === undefined ? {} : { stage: request.target }),
        noCache: request.noCache === true,
      },
      done: (result) => `Built image ${request.tag} (${result.imageId})`,
      resultDetails: (result) => ({ imageId: result.imageId }),
    },
    async (signal) => {
      const response = await openStream(session.docker(), {
        path: '/build',
        method: 'POST',
        query: {
          t: request.tag,
          dockerfile: request.dockerfile,
          buildargs: request.buildArgs,
          labels: request.labels,
          ...(request.target === undefined ? {} : { target: request.target }),
          nocache: request.noCache === true,
          rm: true,
          forcerm: true,
          // The classic builder: its JSON stream names each step, which is what failures are blamed on.
          version: '1',
        },
        file: request.context,
        signal,
      });

      const log = new BuildLog();
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      const stop = (): void => {
        lines.close();
        response.destroy();
      };
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const line of lines) {
          const output = log.take(line);
          if (output.length > 0) options.onOutput?.(output, log.step);
        }
      } finally {
        signal.removeEventListener('abort', stop);
        stop();
      }
      if (signal.aborted) throw signal.reason as Error;
      if (log.error !== null) throw new BuildFailedError(request.tag, log.step, log.error);

      if (log.imageId !== null) return { imageId: log.imageId };
      const path = `/images/${engineImageName(request.tag)}/json`;
      const image = await engineRequest(session.docker(), {
        path,
        method: 'GET',
        signal,
        expect: 'object',
      });
      return { imageId: idOf(image, path) };
    },
  );
}
