// Instances as operators see them: joined with their team, challenge and host, with connection info.
import type { Challenge } from '../../shared/challenge';
import type { Host } from '../../shared/host';
import type { Instance } from '../../shared/instance';
import type { Team } from '../../shared/team';
import type { InstanceView } from '../../shared/views';
import type { Store } from '../store/database';
import { connectionLinks } from './connection-info';

interface Lookups {
  challenge(id: string): Challenge | null | undefined;
  team(id: string): Team | null | undefined;
  host(id: string): Host | null | undefined;
}

function buildView(instance: Instance, lookups: Lookups): InstanceView {
  const challenge = lookups.challenge(instance.challengeId);
  const host = lookups.host(instance.hostId);
  return {
    ...instance,
    teamName: lookups.team(instance.teamId)?.name ?? instance.teamId,
    challengeName: challenge?.name ?? instance.challengeId,
    hostName: host?.name ?? instance.hostId,
    connection: connectionLinks(
      challenge?.connectionInfo ?? '',
      host?.publicAddress ?? '127.0.0.1',
      instance.ports,
    ),
    maxExtensions: challenge?.maxExtensions ?? 0,
    usage: null,
  };
}

/** The view of one instance; names of deleted rows show as their ids. */
export function instanceView(store: Store, instance: Instance): InstanceView {
  return buildView(instance, {
    challenge: (id) => store.challenges.get(id),
    team: (id) => store.teams.get(id),
    host: (id) => store.hosts.get(id),
  });
}

/** Views of many instances, reading each table once. */
export function instanceViews(store: Store, instances: Instance[]): InstanceView[] {
  const challenges = new Map(store.challenges.list().map((c) => [c.id, c]));
  const teams = new Map(store.teams.list().map((t) => [t.id, t]));
  const hosts = new Map(store.hosts.list().map((h) => [h.id, h]));
  const lookups: Lookups = {
    challenge: (id) => challenges.get(id),
    team: (id) => teams.get(id),
    host: (id) => hosts.get(id),
  };
  return instances.map((instance) => buildView(instance, lookups));
}
