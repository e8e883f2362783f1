// What the engine client hands out: plain data in Berth's words, never dockerode's shapes.
import type { Duplex } from 'node:stream';
import type { ExposedPort, PublishedPort } from './published-ports';

export type { ExposedPort, PublishedPort } from './published-ports';
export type { LogChunk } from './log-demux';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion: string;
  os: string;
  arch: string;
}

export interface EngineInfo {
  name: string;
  serverVersion: string;
  /** The API version Berth speaks with this engine. */
  apiVersion: string;
  containersRunning: number;
  cpus: number;
  memoryBytes: number;
  swarm: { nodeId: string | null; isManager: boolean };
}

export interface ImageSummary {
  id: string;
  /** 'repo:tag' names; never '<none>:<none>'; empty for a dangling image. */
  tags: string[];
  digests: string[];
  sizeBytes: number;
  createdAt: number;
  labels: Record<string, string>;
}

export interface ImageDetails extends ImageSummary {
  exposedPorts: ExposedPort[];
  cmd: string[] | null;
  /** Names of the image's environment variables; their values are never read out. */
  envKeys: string[];
}

export interface ContainerFile {
  /** Absolute path inside the container. */
  path: string;
  content: string | Buffer;
  /** Unix permission bits; 0o644 when not given. */
  mode?: number;
}

export interface ContainerPortBinding {
  containerPort: number;
  protocol: 'tcp' | 'udp';
  /** The host address to publish on; Berth publishes on a named address, never on all by default. */
  hostIp: string;
  hostPort: number;
}

export interface ContainerSpec {
  name: string;
  image: string;
  /** Values may be flags: they travel in the request body only and are never recorded. */
  env: Record<string, string>;
  labels: Record<string, string>;
  command: string[] | null;
  ports: ContainerPortBinding[];
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  /** Defaults to true. */
  noNewPrivileges?: boolean;
  /** Put into the container before it starts. */
  files?: ContainerFile[];
  /** Defaults to false. */
  tty?: boolean;
  /** 'unless-stopped': the engine starts it again after a crash or its own restart. 'no' by default. */
  restart?: 'no' | 'unless-stopped';
}

export interface RunResult {
  id: string;
  name: string;
  /** Read back from the engine after start. */
  ports: PublishedPort[];
}

export interface ContainerDetails {
  id: string;
  name: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  /** The engine's state word: created, running, paused, restarting, removing, exited, dead. */
  status: string;
  running: boolean;
  exitCode: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  tty: boolean;
  ports: PublishedPort[];
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  /** The engine's state word, as in ContainerDetails.status. */
  state: string;
  /** The engine's human status line ("Up 5 minutes"). */
  status: string;
  ports: PublishedPort[];
}

export interface ContainerListFilter {
  /** A label key with `true` matches any value. */
  labels?: Record<string, string | true>;
  /** Stopped containers too. */
  all?: boolean;
}

export interface LogsResult {
  text: string;
  /** True when the byte cap cut the output. */
  truncated: boolean;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export interface InteractiveExec {
  /** Raw terminal bytes both ways. */
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Resolves once the command ends. */
  exitCode(): Promise<number>;
}

export interface ContainerStats {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
}

export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  timeNano: number;
}
