// The references: the same container launched with bare dockerode calls, nothing of Berth's around them.
import type Docker from 'dockerode';
import { keptCapabilities } from '../electron/runtime/container-spec';
import { benchLabels } from './engine';

/** The settings a bench challenge uses; Berth's challenge and the reference share them. */
export const benchChallenge = {
  image: 'berth-test/web:1.0',
  containerPort: 8080,
  memory: '64m',
  memoryBytes: 64 * 1024 ** 2,
  cpus: 0.25,
  pids: 64,
  flagEnv: 'FLAG',
  flagPath: '/flag.txt',
};

/**
 * A create request with the limits, hardening, restart policy and 127.0.0.1 binding Berth gives an
 * instance (container-spec.ts), written out as a user of dockerode would.
 */
export function bareCreateOptions(
  name: string,
  hostPort: number,
  flag: string,
): Docker.ContainerCreateOptions {
  const key = `${benchChallenge.containerPort}/tcp`;
  return {
    name,
    Image: benchChallenge.image,
    Env: [`${benchChallenge.flagEnv}=${flag}`],
    Labels: benchLabels,
    Tty: false,
    ExposedPorts: { [key]: {} },
    HostConfig: {
      PortBindings: { [key]: [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }] },
      Memory: benchChallenge.memoryBytes,
      MemorySwap: benchChallenge.memoryBytes,
      NanoCpus: Math.round(benchChallenge.cpus * 1e9),
      PidsLimit: benchChallenge.pids,
      ReadonlyRootfs: false,
      CapDrop: ['ALL'],
      CapAdd: keptCapabilities,
      SecurityOpt: ['no-new-privileges:true'],
      RestartPolicy: { Name: 'unless-stopped' },
    },
  };
}

/**
 * Creates and starts one reference container; returns it. A host port the kernel already uses
 * (the bench band lies inside Linux's ephemeral range) is skipped for the next one, as Berth does.
 */
export async function bareLaunch(
  docker: Docker,
  name: string,
  nextPort: () => number,
  flag: string,
  flagFile?: Buffer,
): Promise<{ container: Docker.Container; port: number }> {
  for (let attempt = 0; ; attempt += 1) {
    const port = nextPort();
    const container = await docker.createContainer(bareCreateOptions(name, port, flag));
    try {
      if (flagFile) await container.putArchive(flagFile, { path: '/' });
      await container.start();
      return { container, port };
    } catch (error) {
      await container.remove({ force: true, v: true });
      if (attempt >= 5 || !String(error).includes('address already in use')) throw error;
    }
  }
}

/** Runs `task` for each item with at most `concurrency` running at once, in order of items. */
export async function withConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
