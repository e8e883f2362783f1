// What authoring needs from an engine beyond launching instances: builds, archives, removals,
// test-runs and terminals. The Docker client implements it.
import type { Readable } from 'node:stream';
import { BerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { Store } from '../store/database';
import type { Clock, RandomSource } from './clock';
import type { RuntimeContext } from './context';
import type { BuildRequest, BuildOptions } from '../docker/image-build';
import type { ImageRemoval } from '../docker/image-remove';
import type {
  ContainerDetails,
  ContainerSpec,
  ContainerSummary,
  EngineInfo,
  ExecResult,
  ImageDetails,
  ImageSummary,
  InteractiveExec,
  LogChunk,
  RunResult,
} from '../docker/engine-types';

export interface AuthoringEngine {
  readonly hostName: string;
  info(): Promise<EngineInfo>;
  listImages(): Promise<ImageSummary[]>;
  inspectImage(ref: string): Promise<ImageDetails>;
  buildImage(request: BuildRequest, options?: BuildOptions): Promise<{ imageId: string }>;
  loadImages(
    archive: Readable,
    options: { source: string; signal?: AbortSignal },
  ): Promise<{ images: string[] }>;
  saveImages(refs: string[], options?: { signal?: AbortSignal }): Promise<Readable>;
  removeImage(ref: string, options?: { force?: boolean }): Promise<ImageRemoval>;
  listDanglingImages(): Promise<ImageSummary[]>;
  imageUsers(): Promise<Map<string, string[]>>;
  runContainer(spec: ContainerSpec): Promise<RunResult>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  listContainers(
    filter: { labels?: Record<string, string | true>; all?: boolean },
    options?: { signal?: AbortSignal },
  ): Promise<ContainerSummary[]>;
  removeContainer(id: string, options?: { force?: boolean }): Promise<void>;
  followLogs(id: string, options: { tail?: number; signal?: AbortSignal }): AsyncIterable<LogChunk>;
  exec(id: string, cmd: string[], options?: { timeoutMs?: number }): Promise<ExecResult>;
  execInteractive(
    id: string,
    cmd: string[],
    options: { cols: number; rows: number },
  ): Promise<InteractiveExec>;
}

/** The labels of containers authoring starts; `owner` tells one Berth data folder's from another's. */
export const authoringLabels = {
  testRun: 'berth.testrun',
  trial: 'berth.trial',
  owner: 'berth.testrun.owner',
  image: 'berth.testrun.image',
} as const;

/** What every authoring service shares. */
export interface AuthoringContext {
  store: Store;
  engineFor(hostId: string): AuthoringEngine;
  publish: RuntimeContext['publish'];
  clock: Clock;
  random: RandomSource;
  /** Marks the test-run and trial containers of this data folder, so leftovers are found after a crash. */
  owner: string;
}

/** A fresh id for a job, test-run or session. */
export function newId(context: Pick<AuthoringContext, 'random'>): string {
  return context.random.bytes(8).toString('hex');
}

/** The saved host, or not-found naming the field. */
export function requireHost(context: Pick<AuthoringContext, 'store'>, hostId: string): Host {
  const host = context.store.hosts.get(hostId);
  if (!host) throw new BerthError('not-found', `No host with id ${hostId}`, { field: 'hostId' });
  return host;
}
