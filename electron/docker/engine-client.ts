// The hardened client for one Docker engine: every call has a deadline, a typed error and an audit record.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { AuditRecord } from '../../shared/audit';
import { BerthError } from '../../shared/errors';
import type { HostConnection } from '../../shared/host';
import { dockerFor, modemOptionsFor, processEnvironment } from './connection';
import {
  containerStats,
  inspectContainer,
  listContainers,
  usedHostPorts,
} from './container-queries';
import { runContainer } from './container-run';
import {
  createContainer,
  putFiles,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from './containers';
import type { EngineSession } from './engine-call';
import { untilAborted } from './engine-call';
import { engineInfo, engineVersion, negotiateApiVersion, pingEngine } from './engine-info';
import { oldestApiVersion } from './api-version';
import type { ServiceClient } from './service-client';
import { serviceClient } from './service-client';
import type {
  ContainerDetails,
  ContainerFile,
  ContainerListFilter,
  ContainerSpec,
  ContainerStats,
  ContainerSummary,
  EngineEvent,
  EngineInfo,
  EngineVersion,
  ExecResult,
  ImageDetails,
  ImageSummary,
  InteractiveExec,
  LogChunk,
  LogsResult,
  RunResult,
} from './engine-types';
import { engineEvents } from './events';
import { execCommand, execInteractive } from './exec';
import type { BuildOptions, BuildRequest } from './image-build';
import { buildImage } from './image-build';
import type { ImageRemoval } from './image-remove';
import { imageUsers, listDanglingImages, removeImage } from './image-remove';
import { loadImages, saveImages } from './image-transfer';
import { hasImage, inspectImage, listImages } from './images';
import { followLogs, readLogs } from './logs';

/** Deadline of a unary call unless the client is given another. */
export const defaultDeadlineMs = 30_000;

export interface EngineClientOptions {
  hostId: string;
  hostName: string;
  connection: HostConnection;
  audit: (record: AuditRecord) => void;
  /** Who the audit records name; 'berth' by default. */
  actor?: string;
  deadlineMs?: number;
  /** Read by the `local` kind only (DOCKER_HOST and friends); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Also record successful high-frequency reads (ping, list, inspect, stats...). Off by default. */
  auditReads?: boolean;
}

/** A client for one engine; never throws at creation: an unusable connection fails each call, recorded. */
export function createEngineClient(options: EngineClientOptions): EngineClient {
  return new EngineClient(options);
}

export class EngineClient {
  readonly hostId: string;
  readonly hostName: string;
  readonly #session: EngineSession;
  #docker: Docker | null = null;
  #connectionError: BerthError | null = null;
  #negotiation: Promise<string> | null = null;
  #apiVersion: string | null = null;
  #services: ServiceClient | null = null;

  constructor(options: EngineClientOptions) {
    this.hostId = options.hostId;
    this.hostName = options.hostName;
    let secure = false;
    let clientCertificate = false;
    try {
      const modemOptions = modemOptionsFor(
        options.connection,
        processEnvironment(options.env ?? process.env),
      );
      secure = modemOptions.protocol === 'https';
      clientCertificate = modemOptions.cert !== undefined;
      this.#docker = dockerFor(modemOptions);
    } catch (error) {
      this.#connectionError =
        error instanceof BerthError
          ? error
          : new BerthError(
              'invalid-input',
              `The connection settings of ${options.hostName} cannot be used.`,
              {
                engineMessage: error instanceof Error ? error.message : String(error),
                field: 'connection',
              },
            );
    }
    this.#session = {
      docker: () => this.#requireDocker(),
      hostId: options.hostId,
      hostName: options.hostName,
      secure,
      clientCertificate,
      actor: options.actor ?? 'berth',
      deadlineMs: options.deadlineMs ?? defaultDeadlineMs,
      auditReads: options.auditReads ?? false,
      audit: options.audit,
      ready: (signal) => this.#ready(signal),
    };
  }

  /** The API version agreed with the engine, or null before the first call. */
  get apiVersion(): string | null {
    return this.#apiVersion;
  }

  /** Swarm services, on an engine that is a Swarm manager. */
  get services(): ServiceClient {
    this.#services ??= serviceClient(this.#session, () => this.#apiVersion ?? oldestApiVersion);
    return this.#services;
  }

  /** Resolves when the engine answers. */
  ping(options: { signal?: AbortSignal } = {}): Promise<void> {
    return pingEngine(this.#session, options.signal);
  }

  /** The engine's own version, even for an engine too old for Berth. */
  version(options: { signal?: AbortSignal } = {}): Promise<EngineVersion> {
    return engineVersion(this.#session, options.signal);
  }

  /** Name, size and swarm role of the engine. */
  info(options: { signal?: AbortSignal } = {}): Promise<EngineInfo> {
    return engineInfo(this.#session, () => this.#apiVersion ?? '', options.signal);
  }

  /** Every image, dangling ones with no tags. */
  listImages(options: { signal?: AbortSignal } = {}): Promise<ImageSummary[]> {
    return listImages(this.#session, options.signal);
  }

  /** One image; `ref` without a tag means :latest; an image id works too. */
  inspectImage(ref: string, options: { signal?: AbortSignal } = {}): Promise<ImageDetails> {
    return inspectImage(this.#session, ref, options.signal);
  }

  /** True when the engine holds the image. */
  hasImage(ref: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
    return hasImage(this.#session, ref, options.signal);
  }

  /** Builds a context into a tag with the classic builder; rejects with BuildFailedError naming the step. */
  buildImage(request: BuildRequest, options: BuildOptions = {}): Promise<{ imageId: string }> {
    return buildImage(this.#session, request, options);
  }

  /** Loads every image of a `docker save` archive; `source` names it in the audit log. */
  loadImages(
    archive: Readable,
    options: { source: string; signal?: AbortSignal; timeoutMs?: number },
  ): Promise<{ images: string[] }> {
    return loadImages(this.#session, archive, options);
  }

  /** The `docker save` archive of the given images, as a stream. */
  saveImages(refs: string[], options: { signal?: AbortSignal } = {}): Promise<Readable> {
    return saveImages(this.#session, refs, options);
  }

  /** Removes a name or an id; refused (conflict) while a container uses the image, unless forced. */
  removeImage(
    ref: string,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<ImageRemoval> {
    return removeImage(this.#session, ref, options);
  }

  /** Untagged images nothing is built on. */
  listDanglingImages(options: { signal?: AbortSignal } = {}): Promise<ImageSummary[]> {
    return listDanglingImages(this.#session, options.signal);
  }

  /** Container names per image id, stopped containers included. */
  imageUsers(options: { signal?: AbortSignal } = {}): Promise<Map<string, string[]>> {
    return imageUsers(this.#session, options.signal);
  }

  /** Creates a container without starting it; returns its id. */
  createContainer(spec: ContainerSpec, options: { signal?: AbortSignal } = {}): Promise<string> {
    return createContainer(this.#session, spec, options.signal);
  }

  /** Writes files into a container at their absolute paths. */
  putFiles(
    id: string,
    files: ContainerFile[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    return putFiles(this.#session, id, files, options.signal);
  }

  /** Create, put files, start and read ports back; a failed step removes the container. */
  runContainer(spec: ContainerSpec, options: { signal?: AbortSignal } = {}): Promise<RunResult> {
    return runContainer(this.#session, spec, options.signal);
  }

  /** One container's facts. */
  inspectContainer(id: string, options: { signal?: AbortSignal } = {}): Promise<ContainerDetails> {
    return inspectContainer(this.#session, id, options.signal);
  }

  /** Containers carrying every given label. */
  listContainers(
    filter: ContainerListFilter = {},
    options: { signal?: AbortSignal } = {},
  ): Promise<ContainerSummary[]> {
    return listContainers(this.#session, filter, options.signal);
  }

  /** Starts a container; an already running one counts as started. */
  startContainer(id: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    return startContainer(this.#session, id, options.signal);
  }

  /** Stops a container; already stopped or gone counts as stopped. */
  stopContainer(
    id: string,
    options: { timeoutSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    return stopContainer(this.#session, id, options);
  }

  /** Restarts a container. */
  restartContainer(
    id: string,
    options: { timeoutSeconds?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    return restartContainer(this.#session, id, options);
  }

  /** Removes a container; gone or already being removed counts as removed. */
  removeContainer(
    id: string,
    options: { force?: boolean; signal?: AbortSignal } = {},
  ): Promise<void> {
    return removeContainer(this.#session, id, options);
  }

  /** The last lines of output, bounded (1000 lines, 1 MiB by default). */
  logs(
    id: string,
    options: {
      tail?: number;
      sinceMs?: number;
      maxBytes?: number;
      timestamps?: boolean;
      signal?: AbortSignal;
    } = {},
  ): Promise<LogsResult> {
    return readLogs(this.#session, id, options);
  }

  /** Output as it comes; ends when the container stops or the signal aborts. */
  followLogs(
    id: string,
    options: { tail?: number; signal?: AbortSignal } = {},
  ): AsyncIterable<LogChunk> {
    return followLogs(this.#session, id, options);
  }

  /** Runs a command without a TTY; returns its exit code and output. */
  exec(
    id: string,
    cmd: string[],
    options: { signal?: AbortSignal; maxBytes?: number; timeoutMs?: number } = {},
  ): Promise<ExecResult> {
    return execCommand(this.#session, id, cmd, options);
  }

  /** Runs a command with a TTY for a terminal. */
  execInteractive(
    id: string,
    cmd: string[],
    options: { cols: number; rows: number; signal?: AbortSignal },
  ): Promise<InteractiveExec> {
    return execInteractive(this.#session, id, cmd, options);
  }

  /** One usage sample. */
  stats(id: string, options: { signal?: AbortSignal } = {}): Promise<ContainerStats> {
    return containerStats(this.#session, id, options.signal);
  }

  /** Events of Berth's containers and services; ends with the engine's stream or the signal. */
  events(
    options: { sinceSeconds?: number; signal?: AbortSignal } = {},
  ): AsyncIterable<EngineEvent> {
    return engineEvents(this.#session, options);
  }

  /** Host ports running containers on this engine publish. */
  usedHostPorts(options: { signal?: AbortSignal } = {}): Promise<Set<number>> {
    return usedHostPorts(this.#session, options.signal);
  }

  #requireDocker(): Docker {
    if (this.#docker === null) {
      throw (
        this.#connectionError ?? new BerthError('internal', 'The engine client has no connection.')
      );
    }
    return this.#docker;
  }

  // One negotiation serves every concurrent call; a failed one is tried again by the next call.
  async #ready(signal: AbortSignal): Promise<void> {
    const docker = this.#requireDocker();
    if (this.#apiVersion !== null) return;
    if (this.#negotiation === null) {
      // The deadline must also end an answer that starts and never finishes, or every later call
      // would wait on this negotiation for good.
      const deadline = AbortSignal.timeout(this.#session.deadlineMs);
      this.#negotiation = untilAborted(
        negotiateApiVersion(docker, this.hostName, deadline),
        deadline,
      ).then(
        (version) => {
          this.#apiVersion = version;
          return version;
        },
        (error: unknown) => {
          this.#negotiation = null;
          throw error;
        },
      );
    }
    await untilAborted(this.#negotiation, signal);
  }
}
