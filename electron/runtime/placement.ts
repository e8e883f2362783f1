// Which host a new instance goes to: the one named, or the healthy host with the most room.
import type { Challenge } from '../../shared/challenge';
import { BerthError, toBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { RuntimeContext } from './context';
import { requireHost } from './context';

export interface Placement {
  host: Host;
  image: { id: string; exposedPorts: { port: number; protocol: string }[] };
}

async function imageOn(
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
  return null;
}

/** Picks the host for a launch; 'auto' (or nothing) ranks hosts by free capacity and skips those without the image. */
export async function placeInstance(
  context: RuntimeContext,
  challenge: Challenge,
  hostId: string | undefined,
): Promise<Placement> {
  if (hostId && hostId !== 'auto') {
    const host = requireHost(context, hostId);
    const reason = refuseReason(context, host);
    if (reason)
      throw new BerthError('limit', `Cannot launch on ${host.name}: ${reason}`, {
        field: 'hostId',
      });
    return { host, image: await imageOn(context, host, challenge) };
  }

  const hosts = context.store.hosts.list();
  const candidates = hosts
    .filter((host) => refuseReason(context, host) === null)
    .map((host) => ({
      host,
      free: host.capacity - context.store.instances.countLive({ hostId: host.id }),
    }))
    .sort((a, b) => b.free - a.free || a.host.createdAt - b.host.createdAt);

  const skipped: string[] = hosts
    .map((h) => refuseReason(context, h))
    .filter((r): r is string => r !== null);
  for (const { host } of candidates) {
    try {
      return { host, image: await imageOn(context, host, challenge) };
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
