// Reading containers: inspect, list by label, usage, and the host ports in use.
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { engineRequest, idOf } from './engine-request';
import { numberOf, recordOf, stringOf, stringRecordOf, stringsOf, timeOf } from './engine-json';
import type {
  ContainerDetails,
  ContainerListFilter,
  ContainerStats,
  ContainerSummary,
} from './engine-types';
import { publishedPorts, summaryPorts } from './published-ports';

/** One container's facts, its published ports read from the engine. */
export function inspectContainer(
  session: EngineSession,
  id: string,
  signal?: AbortSignal,
): Promise<ContainerDetails> {
  return runCall(
    session,
    {
      action: 'container.inspect',
      target: id,
      signal,
      read: true,
      done: (details) => `Inspected container ${details.name}`,
    },
    async (abortSignal) => containerDetailsOf(await inspectRequest(session, id, abortSignal)),
  );
}

/** The raw inspect answer, for operations that need one field of it inside their own audit record. */
export async function inspectRequest(
  session: EngineSession,
  id: string,
  signal: AbortSignal,
): Promise<unknown> {
  const path = `/containers/${encodeURIComponent(id)}/json`;
  const answer = await engineRequest(session.docker(), {
    path,
    method: 'GET',
    signal,
    expect: 'object',
  });
  idOf(answer, path);
  return answer;
}

/** Containers matching every given label (a label given as `true` matches any value). */
export function listContainers(
  session: EngineSession,
  filter: ContainerListFilter = {},
  signal?: AbortSignal,
): Promise<ContainerSummary[]> {
  const labels = Object.entries(filter.labels ?? {}).map(([key, value]) =>
    value === true ? key : `${key}=${value}`,
  );
  return runCall(
    session,
    {
      action: 'container.list',
      target: '*',
      signal,
      read: true,
      details: { labels, all: filter.all ?? false },
      done: (containers) => `Listed ${containers.length} containers`,
    },
    async (abortSignal) => {
      const answer = await engineRequest(session.docker(), {
        path: '/containers/json',
        method: 'GET',
        query: {
          all: filter.all ?? false,
          ...(labels.length === 0 ? {} : { filters: { label: labels } }),
        },
        signal: abortSignal,
        expect: 'array',
      });
      return (answer as unknown[]).map(containerSummaryOf);
    },
  );
}

/** Every host port a running container on this engine publishes. */
export function usedHostPorts(session: EngineSession, signal?: AbortSignal): Promise<Set<number>> {
  return runCall(
    session,
    {
      action: 'container.list',
      target: 'host ports',
      signal,
      read: true,
      done: (ports) => `${ports.size} host ports in use`,
    },
    async (abortSignal) => {
      const answer = await engineRequest(session.docker(), {
        path: '/containers/json',
        method: 'GET',
        signal: abortSignal,
        expect: 'array',
      });
      const ports = new Set<number>();
      for (const entry of answer as unknown[]) {
        for (const port of summaryPorts(recordOf(entry).Ports)) ports.add(port.hostPort);
      }
      return ports;
    },
  );
}

/** One usage sample of a running container. */
export function containerStats(
  session: EngineSession,
  id: string,
  signal?: AbortSignal,
): Promise<ContainerStats> {
  return runCall(
    session,
    {
      action: 'container.stats',
      target: id,
      signal,
      read: true,
      done: () => `Read the usage of container ${id}`,
    },
    async (abortSignal) =>
      statsOf(
        await engineRequest(session.docker(), {
          path: `/containers/${encodeURIComponent(id)}/stats`,
          method: 'GET',
          query: { stream: false },
          signal: abortSignal,
          expect: 'object',
        }),
      ),
  );
}

/** An inspect answer in Berth's words. */
export function containerDetailsOf(answer: unknown): ContainerDetails {
  const container = recordOf(answer);
  const config = recordOf(container.Config);
  const state = recordOf(container.State);
  const status = stringOf(state.Status);
  return {
    id: stringOf(container.Id),
    name: stringOf(container.Name).replace(/^\//, ''),
    image: stringOf(config.Image),
    imageId: stringOf(container.Image),
    labels: stringRecordOf(config.Labels),
    status,
    running: state.Running === true,
    exitCode: status === 'created' || typeof state.ExitCode !== 'number' ? null : state.ExitCode,
    startedAt: timeOf(state.StartedAt),
    finishedAt: timeOf(state.FinishedAt),
    tty: config.Tty === true,
    ports: publishedPorts(recordOf(container.NetworkSettings).Ports),
  };
}

/** A list entry in Berth's words; survives Ports null and entries without a public port. */
export function containerSummaryOf(entry: unknown): ContainerSummary {
  const container = recordOf(entry);
  const [name = ''] = stringsOf(container.Names);
  return {
    id: stringOf(container.Id),
    name: name.replace(/^\//, ''),
    image: stringOf(container.Image),
    labels: stringRecordOf(container.Labels),
    state: stringOf(container.State),
    status: stringOf(container.Status),
    ports: summaryPorts(container.Ports),
  };
}

/** CPU as the Docker CLI shows it (100% = one CPU busy) and memory without the page cache. */
export function statsOf(answer: unknown): ContainerStats {
  const stats = recordOf(answer);
  const cpu = recordOf(stats.cpu_stats);
  const previous = recordOf(stats.precpu_stats);
  const cpuDelta =
    numberOf(recordOf(cpu.cpu_usage).total_usage) -
    numberOf(recordOf(previous.cpu_usage).total_usage);
  const systemDelta = numberOf(cpu.system_cpu_usage) - numberOf(previous.system_cpu_usage);
  const perCpu = recordOf(cpu.cpu_usage).percpu_usage;
  const cpus = numberOf(cpu.online_cpus) || (Array.isArray(perCpu) ? perCpu.length : 0) || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;

  const memory = recordOf(stats.memory_stats);
  const detail = recordOf(memory.stats);
  // cgroup v1 reports total_inactive_file, v2 inactive_file; both are reclaimable cache.
  const cache = numberOf(detail.total_inactive_file, numberOf(detail.inactive_file));
  const usage = numberOf(memory.usage);
  return {
    cpuPercent,
    memoryBytes: Math.max(0, cache < usage ? usage - cache : usage),
    memoryLimitBytes: numberOf(memory.limit),
  };
}
