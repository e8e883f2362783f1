// Builds started from a challenge folder: checked first, then run in the background with their
// output pushed live as 'build.progress' and a last event when they end.
import type { BuildProgress, BuildStep, BuildView } from '../../shared/authoring';
import { BerthError, toBerthError } from '../../shared/errors';
import { safeParseImageReference } from '../../shared/image-reference';
import { buildContext, checkBuildFolder } from '../docker/build-context';
import { BuildFailedError } from '../docker/image-build';
import type { AuthoringContext } from './authoring-engine';
import { newId, requireHost } from './authoring-engine';
import { JobTable } from './job-table';

/** Lines of output a build keeps for a screen opened late. */
const keptLines = 5000;

export interface BuildInput {
  hostId: string;
  /** The challenge folder: an absolute path on the machine Berth runs on. */
  contextDir: string;
  dockerfile: string;
  tag: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string | undefined;
  noCache: boolean;
}

export class ImageBuilds {
  private readonly jobs = new JobTable<BuildView>('build');

  constructor(private readonly context: AuthoringContext) {}

  /** Checks the folder, tag and host, then starts the build; its id is what the events carry. */
  async start(input: BuildInput): Promise<{ buildId: string }> {
    requireHost(this.context, input.hostId);
    const tag = buildTag(input.tag);
    const folder = await checkBuildFolder(input.contextDir, input.dockerfile);
    const engine = this.context.engineFor(input.hostId);

    const buildId = newId(this.context);
    const view: BuildView = {
      buildId,
      hostId: input.hostId,
      tag,
      status: 'running',
      step: null,
      imageId: null,
      failedStep: null,
      failure: null,
      error: null,
      log: [],
      startedAt: this.context.clock.now(),
      endedAt: null,
    };
    const report = (lines: string[]): void => {
      view.log.push(...lines);
      if (view.log.length > keptLines) view.log.splice(0, view.log.length - keptLines);
      this.context.publish('build.progress', progressOf(view, lines));
    };

    this.jobs.add(buildId, view, async (signal) => {
      try {
        const context = await buildContext(folder);
        const { imageId } = await engine.buildImage(
          {
            context,
            tag,
            dockerfile: folder.dockerfile,
            buildArgs: input.buildArgs,
            labels: input.labels,
            target: input.target,
            noCache: input.noCache,
          },
          {
            signal,
            onOutput: (lines: string[], step: BuildStep | null) => {
              view.step = step;
              report(lines);
            },
          },
        );
        view.imageId = imageId;
        view.status = 'succeeded';
      } catch (error) {
        const failure = toBerthError(error);
        view.status = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
        view.error = failure.toInfo();
        if (error instanceof BuildFailedError) {
          view.failedStep = error.step;
          view.failure = error.failure;
        }
      }
      view.endedAt = this.context.clock.now();
      report([]);
    });
    return { buildId };
  }

  /** Stops a running build; false when it had already ended. */
  cancel(buildId: string): boolean {
    return this.jobs.cancel(buildId);
  }

  get(buildId: string): BuildView {
    return this.jobs.get(buildId);
  }

  list(): BuildView[] {
    return this.jobs.list();
  }

  /** Cancels running builds and waits for them to end. */
  close(): Promise<void> {
    return this.jobs.cancelAll();
  }
}

/** The tag a build gets in its familiar form; a digest cannot be built into. */
function buildTag(text: string): string {
  const parsed = safeParseImageReference(text.trim());
  if (!parsed.ok) throw new BerthError('invalid-input', parsed.error.message, { field: 'tag' });
  const { reference } = parsed;
  if (reference.digest !== null) {
    throw new BerthError('invalid-input', 'A build is tagged with a name, not a digest', {
      field: 'tag',
    });
  }
  return reference.familiar;
}

function progressOf(view: BuildView, lines: string[]): BuildProgress {
  const { log: _log, startedAt: _startedAt, endedAt: _endedAt, ...rest } = view;
  return { ...rest, lines };
}
