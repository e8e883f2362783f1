// Child process of the memory suite: a backend's resident memory before and after 1,000 instances.
// Run with --expose-gc; prints one JSON line of MemoryProbeResult.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Instance } from '../shared/instance';
import { startTestBackend } from '../test/support/backend';
import { benchChallenge } from './bare';

export interface MemorySample {
  rss: number;
  heapUsed: number;
  /** What V8 holds for its heap: it keeps the room a peak of garbage needed. */
  heapTotal: number;
  external: number;
}

export interface MemoryProbeResult {
  instances: number;
  /** Node with Berth's modules loaded, before any backend. */
  loaded: MemorySample;
  /** A backend open on an empty data directory. */
  empty: MemorySample;
  /** The rows inserted and listed once through the API. */
  tracked: MemorySample;
  /** After 20 more instances.list calls and a reaper round: what stays. */
  settled: MemorySample;
}

const count = 1000;

function sample(): MemorySample {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run the memory probe with --expose-gc');
  collect();
  collect();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external };
}

async function main(): Promise<void> {
  const loaded = sample();
  const backend = await startTestBackend({ start: 45000, end: 45999 });
  try {
    const empty = sample();

    const challenge = await backend.call('challenges.create', {
      name: 'Memory',
      image: benchChallenge.image,
      ports: [{ port: benchChallenge.containerPort, protocol: 'http' }],
    });
    const names = Array.from({ length: count }, (_, i) => `Memory team ${i + 1}`);
    await backend.call('teams.import', { csv: names.join('\n'), hasHeader: false });
    const host = backend.store.hosts.get(backend.hostId);
    if (!host) throw new Error('The backend has no host');
    const now = Date.now();
    for (const team of backend.store.teams.list()) {
      const id = randomUUID();
      const instance: Instance = {
        id,
        challengeId: challenge.id,
        teamId: team.id,
        hostId: host.id,
        containerId: randomUUID().replace(/-/g, '').repeat(2),
        containerName: `memory-${team.id.slice(0, 8)}-${id.slice(0, 6)}`,
        workload: 'container',
        status: 'running',
        ports: [{ containerPort: 8080, protocol: 'http', hostPort: 0, hostIp: '127.0.0.1' }],
        flagHash: 'f'.repeat(64),
        createdAt: now,
        startedAt: now,
        expiresAt: now + 3_600_000,
        extensions: 0,
        endedAt: null,
        error: null,
      };
      backend.store.instances.insertWithPorts(instance, {
        hostId: host.id,
        count: 1,
        range: host.portRange,
        exclude: new Set(),
        random: Math.random,
      });
    }
    const listed = await backend.call('instances.list', {});
    if (listed.length !== count) throw new Error(`instances.list gave ${listed.length} instances`);
    const tracked = sample();

    for (let i = 0; i < 20; i += 1) await backend.call('instances.list', {});
    await backend.runtime.reapExpired();
    const settled = sample();

    const result: MemoryProbeResult = { instances: count, loaded, empty, tracked, settled };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    // Not dispose(): the containers are made up, and asking the engine to remove 1,000 is slow.
    await backend.close();
    rmSync(backend.dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
