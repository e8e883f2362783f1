// Which host a new instance goes to: the one named, or the healthy, open host with the most room:
// free instance slots first, then free memory. A host without the image is skipped with a reason.
import type { Challenge } from '../../shared/challenge';
import { BerthError, toBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import { parseMemory } from '../../shared/memory';
import type { RuntimeContext } from './context';
import { requireHost } from './context';
import { lastKnownStatus } from './host-health';

export interface Placement {
  host: Host;
  image: { id: string; exposedPorts: { port: number; protocol: string }[] };
  /** Why other hosts were passed over, in the operator's words. */
  skipped: string[];
}

/** A host that may take the instance, with the figures the rule ranks by. */
export interface Candidate {
  host: Host;
  freeSlots: number;
  /** Memory left after the limits of its live instances; null while its size is unknown. */
  freeMemory: number | null;
  committedMemory: number;
}

const defaultMemoryBytes = 256 * 1024 ** 2;

/** Most free slots, then most free memory (least committed if a size is unknown), then oldest. */
export function rankCandidates(candidates: Candidate[]): Candidate[] {
  return [...candidates].sort((a, b) => {
    if (a.freeSlots !== b.freeSlots) return b.freeSlots - a.freeSlots;
    if (a.freeMemory !== null && b.freeMemory !== null && a.freeMemory !== b.freeMemory) {
      return b.freeMemory - a.freeMemory;
    }
    if (a.committedMemory !== b.committedMemory) return a.committedMemory - b.committedMemory;
    return a.host.createdAt - b.host.createdAt;
  });
}

/** The host for a launch: the one named, or for 'auto' the best ranked that has the image. */
export async function placeInstance(
  context: RuntimeContext,
  challenge: Challenge,
  hostId: string | undefined,
): Promise<Placement> {
  if (hostId && hostId !== 'auto') {
    const host = requireHost(context, hostId);
    const reason = refuseReason(context, host);
    if (reason) {
      throw new BerthError('limit', `Cannot launch on ${host.name}: ${reason}`, {
        field: 'hostId',
      });
    }
    return { host, image: await imageOn(context, host, challenge), skipped: [] };
  }

  const hosts = context.store.hosts.list();
  const skipped: string[] = [];
  const open: Host[] = [];
  for (const host of hosts) {
    const reason = refuseReason(context, host);
    if (reason === null) open.push(host);
    else skipped.push(reason);
  }

  for (const { host } of rankCandidates(open.map((host) => candidate(context, host)))) {
    try {
      return { host, image: await imageOn(context, host, challenge), skipped };
    } catch (error) {
      const typed = toBerthError(error);
      skipped.push(
        typed.kind === 'not-found'
          ? `${host.name} does not have ${challenge.image}`
          : `${host.name}: ${typed.message}`,
      );
    }
  }
  const why = skipped.length > 0 ? skipped.join('; ') : 'no host is configured';
  throw new BerthError('limit', `No host can take this instance: ${why}`);
}

function candidate(context: RuntimeContext, host: Host): Candidate {
  const live = context.store.instances.listLive(host.id);
  const limits = new Map<string, number>();
  let committedMemory = 0;
  for (const instance of live) {
    let limit = limits.get(instance.challengeId);
    if (limit === undefined) {
      const memory = context.store.challenges.get(instance.challengeId)?.limits.memory;
      limit = (memory === undefined ? null : parseMemory(memory)) ?? defaultMemoryBytes;
      limits.set(instance.challengeId, limit);
    }
    committedMemory += limit;
  }
  const size = lastKnownStatus(context, host.id)?.memoryBytes ?? null;
  return {
    host,
    freeSlots: host.capacity - live.length,
    freeMemory: size === null || size === 0 ? null : size - committedMemory,
    committedMemory,
  };
}

function imageOn(
  context: RuntimeContext,
  host: Host,
  challenge: Challenge,
): Promise<Placement['image']> {
  return context.engines.engineFor(host.id).inspectImage(challenge.image);
}

function refuseReason(context: RuntimeContext, host: Host): string | null {
  if (!host.enabled) return `${host.name} is disabled`;
  if (host.drained) return `${host.name} is drained: it takes no new instances`;
  if (!context.engines.isHealthy(host.id)) return `${host.name} is down`;
  if (context.store.instances.countLive({ hostId: host.id }) >= host.capacity) {
    return `${host.name} is full (${host.capacity} instances)`;
  }
  const rangeSize = host.portRange.end - host.portRange.start + 1;
  if (context.store.ports.countForHost(host.id) >= rangeSize) {
    return `${host.name} has no free port left in ${host.portRange.start}-${host.portRange.end}`;
  }
  return null;
}
