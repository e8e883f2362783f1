// What the runtime needs from an engine. The Docker client implements it; naming it here keeps the
// rules independent of how the client talks to the engine.

export interface PublishedPortInfo {
  containerPort: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
}

export interface ContainerRunSpec {
  name: string;
  image: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  command: string[] | null;
  ports: { containerPort: number; protocol: 'tcp' | 'udp'; hostIp: string; hostPort: number }[];
  memoryBytes: number;
  nanoCpus: number;
  pidsLimit: number;
  readOnlyRootfs: boolean;
  capDrop: string[];
  capAdd: string[];
  noNewPrivileges: boolean;
  files?: { path: string; content: string | Buffer; mode?: number }[];
  tty: boolean;
  restart: 'no' | 'unless-stopped';
}

export interface ContainerFacts {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
  ports: PublishedPortInfo[];
}

export interface InstanceEngine {
  inspectImage(
    ref: string,
  ): Promise<{ id: string; exposedPorts: { port: number; protocol: string }[] }>;
  runContainer(
    spec: ContainerRunSpec,
  ): Promise<{ id: string; name: string; ports: PublishedPortInfo[] }>;
  inspectContainer(id: string): Promise<ContainerFacts>;
  listContainers(options: { labels?: Record<string, string | true>; all?: boolean }): Promise<
    {
      id: string;
      name: string;
      labels: Record<string, string>;
      state: string;
      ports: PublishedPortInfo[];
    }[]
  >;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, options?: { timeoutSeconds?: number }): Promise<void>;
  restartContainer(id: string, options?: { timeoutSeconds?: number }): Promise<void>;
  removeContainer(id: string, options?: { force?: boolean }): Promise<void>;
  usedHostPorts(): Promise<Set<number>>;
}
