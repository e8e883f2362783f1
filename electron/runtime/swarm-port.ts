// What the runtime needs from a Swarm manager. The Docker client's `services` implements it; naming
// it here keeps the rules independent of how the client talks to the engine.
import { BerthError } from '../../shared/errors';
import type { RuntimeContext } from './context';
import type { PublishedPortInfo } from './engine-port';

export interface ServiceRunSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  command: string[] | null;
  ports: { containerPort: number; protocol: 'tcp' | 'udp'; hostPort: number }[];
  publishMode: 'host' | 'ingress';
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  noNewPrivileges: boolean;
  secretFiles?: { path: string; content: string; mode?: number }[];
}

export interface ServiceTaskFacts {
  containerId: string | null;
  state: string;
}

export interface ServiceRunFacts {
  id: string;
  name: string;
  containerId: string | null;
  ports: PublishedPortInfo[];
}

export interface ServiceFacts {
  id: string;
  name: string;
  labels: Record<string, string>;
  replicas: number;
  task: ServiceTaskFacts | null;
  ports: PublishedPortInfo[];
}

export interface ServiceEngine {
  runService(spec: ServiceRunSpec): Promise<ServiceRunFacts>;
  listServices(labels: Record<string, string | true>): Promise<ServiceFacts[]>;
  stopService(name: string): Promise<void>;
  startService(name: string): Promise<ServiceRunFacts>;
  restartService(name: string): Promise<ServiceRunFacts>;
  removeService(name: string): Promise<void>;
  publishedPorts(): Promise<Set<number>>;
  listSecrets(
    labels: Record<string, string | true>,
  ): Promise<{ id: string; name: string; labels: Record<string, string> }[]>;
  removeSecret(id: string): Promise<void>;
}

/** The service operations of a host's engine; 'internal' when its client has none. */
export function serviceEngineFor(context: RuntimeContext, hostId: string): ServiceEngine {
  const engine: object = context.engines.engineFor(hostId);
  if ('services' in engine && typeof engine.services === 'object' && engine.services !== null) {
    return engine.services as ServiceEngine;
  }
  throw new BerthError('internal', 'The engine client of this host cannot run Swarm services.');
}
