// What must hold between Berth's database and an engine after reconciliation: every live
// instance has its container in the same state, every labelled container is a live instance,
// and every reserved port belongs to an instance whose container exists.
import type Docker from 'dockerode';
import type { Store } from '../../electron/store/database';
import { storeProblems } from '../unit/fuzz/store-invariants';

/** What is wrong between the store and one host's engine; empty when they agree. */
export async function engineProblems(
  store: Store,
  docker: Docker,
  hostId: string,
): Promise<string[]> {
  const problems = storeProblems(store);
  const containers = await docker.listContainers({
    all: true,
    filters: { label: ['berth.managed=true', `berth.host=${hostId}`] },
  });
  const byId = new Map(containers.map((c) => [c.Id, c]));

  for (const container of containers) {
    // One the engine is removing is on its way out, not untracked.
    if (container.State === 'removing') continue;
    const instance = store.instances.get(container.Labels['berth.instance'] ?? '');
    const live =
      instance !== null && store.instances.listLive(hostId).some((i) => i.id === instance.id);
    if (!live || instance.containerId !== container.Id) {
      problems.push(`container ${container.Names[0] ?? container.Id} is not a live instance's`);
    }
  }

  for (const instance of store.instances.listLive(hostId)) {
    const container = instance.containerId === null ? undefined : byId.get(instance.containerId);
    if (!container) {
      problems.push(`${instance.status} instance ${instance.containerName} has no container`);
      continue;
    }
    const running = container.State === 'running';
    if (running !== (instance.status === 'running')) {
      problems.push(
        `${instance.containerName} is ${instance.status}, its container ${container.State}`,
      );
    }
  }

  for (const reservation of store.ports.listForHost(hostId)) {
    if (reservation.instanceId === null) continue;
    const holder = store.instances.get(reservation.instanceId);
    if (!holder?.containerId || !byId.has(holder.containerId)) {
      problems.push(`port ${reservation.port} is reserved without a container`);
    }
  }
  return problems;
}
