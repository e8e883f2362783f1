// Images moved without a registry: loaded from a `docker save` file, saved to one, or copied from
// one host to another by streaming the save straight into the load. Progress is counted in bytes.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { TransferKind, TransferProgress, TransferView } from '../../shared/authoring';
import { BerthError, toBerthError } from '../../shared/errors';
import type { AuthoringContext, AuthoringEngine } from './authoring-engine';
import { newId, requireHost } from './authoring-engine';
import { JobTable } from './job-table';

/** Progress goes out at most once per this many bytes (and at the end). */
const progressStepBytes = 256 * 1024;

export class ImageTransfers {
  private readonly jobs = new JobTable<TransferView>('transfer');

  constructor(private readonly context: AuthoringContext) {}

  /** Loads every image of a `docker save` file into a host. */
  async load(hostId: string, path: string): Promise<{ transferId: string }> {
    requireHost(this.context, hostId);
    const file = await stat(absolute(path)).catch(() => null);
    if (file?.isFile() !== true) {
      throw new BerthError('not-found', `There is no file at ${path}`, { field: 'path' });
    }
    const engine = this.context.engineFor(hostId);
    return this.begin('load', null, hostId, file.size, async (view, signal) => {
      const archive = this.counted(createReadStream(path), view);
      const { images } = await engine.loadImages(archive, { source: basename(path), signal });
      if (images.length === 0) {
        throw new BerthError('invalid-input', `${basename(path)} holds no images`, {
          field: 'path',
        });
      }
      view.images = images;
    });
  }

  /** Saves images of a host into one file, as `docker save` would; an existing file is kept. */
  async save(hostId: string, refs: string[], path: string): Promise<{ transferId: string }> {
    requireHost(this.context, hostId);
    const target = absolute(path);
    if (await stat(target).catch(() => null)) {
      throw new BerthError('conflict', `A file already exists at ${path}; choose another name`, {
        field: 'path',
      });
    }
    const folder = await stat(dirname(target)).catch(() => null);
    if (folder?.isDirectory() !== true) {
      throw new BerthError('not-found', `There is no folder ${dirname(target)}`, { field: 'path' });
    }
    const engine = this.context.engineFor(hostId);
    const total = await sizeOf(engine, refs);
    return this.begin('save', hostId, null, total, async (view, signal) => {
      const partial = `${target}.partial`;
      try {
        const archive = await engine.saveImages(refs, { signal });
        await pipeline(this.counted(archive, view), createWriteStream(partial), { signal }).catch(
          (error: unknown) => {
            throw fileError(error, target);
          },
        );
        await rename(partial, target);
        view.images = refs;
      } finally {
        await unlink(partial).catch(() => undefined);
      }
    });
  }

  /** Copies images between hosts, the save of one streamed into the load of the other. */
  async copy(
    fromHostId: string,
    toHostId: string,
    refs: string[],
  ): Promise<{ transferId: string }> {
    const from = requireHost(this.context, fromHostId);
    requireHost(this.context, toHostId);
    if (fromHostId === toHostId) {
      throw new BerthError('invalid-input', 'Choose two different hosts to copy between', {
        field: 'toHostId',
      });
    }
    const source = this.context.engineFor(fromHostId);
    const target = this.context.engineFor(toHostId);
    const total = await sizeOf(source, refs);
    return this.begin('copy', fromHostId, toHostId, total, async (view, signal) => {
      const archive = await source.saveImages(refs, { signal });
      const { images } = await target.loadImages(this.counted(archive, view), {
        source: `${refs.join(', ')} from ${from.name}`,
        signal,
      });
      view.images = images;
    });
  }

  /** Stops a running transfer; false when it had already ended. */
  cancel(transferId: string): boolean {
    return this.jobs.cancel(transferId);
  }

  get(transferId: string): TransferView {
    return this.jobs.get(transferId);
  }

  list(): TransferView[] {
    return this.jobs.list();
  }

  close(): Promise<void> {
    return this.jobs.cancelAll();
  }

  private begin(
    kind: TransferKind,
    fromHostId: string | null,
    toHostId: string | null,
    bytesTotal: number | null,
    work: (view: TransferView, signal: AbortSignal) => Promise<void>,
  ): { transferId: string } {
    const transferId = newId(this.context);
    const view: TransferView = {
      transferId,
      kind,
      fromHostId,
      toHostId,
      status: 'running',
      bytesDone: 0,
      bytesTotal,
      images: [],
      error: null,
      startedAt: this.context.clock.now(),
      endedAt: null,
    };
    this.jobs.add(transferId, view, async (signal) => {
      try {
        await work(view, signal);
        view.status = 'succeeded';
      } catch (error) {
        const failure = signal.aborted
          ? new BerthError('cancelled', `The ${kind} was cancelled.`)
          : toBerthError(error);
        view.status = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
        view.error = failure.toInfo();
      }
      view.endedAt = this.context.clock.now();
      this.publish(view);
    });
    this.publish(view);
    return { transferId };
  }

  /** The stream passed through a byte counter that reports progress on the view. */
  private counted(stream: Readable, view: TransferView): Readable {
    let reported = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        view.bytesDone += chunk.length;
        if (view.bytesDone - reported >= progressStepBytes) {
          reported = view.bytesDone;
          this.publish(view);
        }
        done(null, chunk);
      },
    });
    stream.on('error', (error) => counter.destroy(error));
    return stream.pipe(counter);
  }

  private publish(view: TransferView): void {
    const { startedAt: _startedAt, endedAt: _endedAt, ...progress } = view;
    this.context.publish('transfer.progress', { ...progress } satisfies TransferProgress);
  }
}

const fileProblems: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'Berth may not write there',
  EPERM: 'Berth may not write there',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder',
};

// Writing the archive can fail on this machine's disk: say so instead of an internal error.
function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const problem = code === undefined ? undefined : fileProblems[code];
  if (error instanceof BerthError || problem === undefined) return error;
  return new BerthError('storage', `Berth could not write ${path}: ${problem}`, {
    field: 'path',
    engineMessage: error instanceof Error ? error.message : String(error),
  });
}

function absolute(path: string): string {
  if (!isAbsolute(path)) {
    throw new BerthError('invalid-input', 'Give the file as an absolute path', { field: 'path' });
  }
  return path;
}

/** The images' combined size, an estimate of the archive's; each must exist (not-found names it). */
async function sizeOf(engine: AuthoringEngine, refs: string[]): Promise<number> {
  if (refs.length === 0) {
    throw new BerthError('invalid-input', 'Choose at least one image', { field: 'refs' });
  }
  const images = await Promise.all(refs.map((ref) => engine.inspectImage(ref)));
  const unique = new Map(images.map((image) => [image.id, image.sizeBytes]));
  return [...unique.values()].reduce((sum, size) => sum + size, 0);
}
