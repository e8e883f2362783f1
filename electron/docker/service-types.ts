// Swarm services as the engine client hands them out: plain data in Berth's words.
import type { PublishedPort } from './published-ports';

/** Where a service's ports are published: on the node running its task, or on every node. */
export type PublishMode = 'host' | 'ingress';

export interface ServicePortBinding {
  containerPort: number;
  protocol: 'tcp' | 'udp';
  hostPort: number;
}

/** A file delivered as a Swarm secret mounted read-only at `path` (no writable root needed). */
export interface ServiceSecretFile {
  path: string;
  content: string;
  /** Unix permission bits; 0o444 when not given. */
  mode?: number;
}

/** One service with one replica: the Swarm form of a container spec. */
export interface ServiceSpec {
  /** A DNS label: at most 63 characters. */
  name: string;
  image: string;
  /** Values may be flags: they travel in the request body only and are never recorded. */
  env: Record<string, string>;
  /** Set on the service and on its containers alike. */
  labels: Record<string, string>;
  /** Replaces the image's CMD, like a container's command. */
  command: string[] | null;
  ports: ServicePortBinding[];
  publishMode: PublishMode;
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  /** Applied where the engine's API allows it (1.44 and newer). */
  noNewPrivileges: boolean;
  secretFiles?: ServiceSecretFile[];
  /** Seconds the task gets to stop before it is killed; 2 when not given. */
  stopGraceSeconds?: number;
}

/** A task of a service, as far as Berth reads it. */
export interface ServiceTask {
  id: string;
  serviceId: string;
  nodeId: string;
  /** The swarm's state word: new, pending, ..., running, complete, failed, rejected, shutdown. */
  state: string;
  desiredState: string;
  /** The swarm's reason for a state, for the audit log only. */
  error: string;
  containerId: string | null;
  ports: PublishedPort[];
  updatedAt: number;
}

export interface ServiceRunResult {
  id: string;
  name: string;
  /** The container of the running task. */
  containerId: string | null;
  ports: PublishedPort[];
}

export interface ServiceSummary {
  id: string;
  name: string;
  labels: Record<string, string>;
  replicas: number;
  /** The task that runs (or tries to), when the service wants one. */
  task: ServiceTask | null;
  /** Published ports of the service's endpoint. */
  ports: PublishedPort[];
}
