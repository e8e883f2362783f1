// instances.*: launching and running per-team instances.
import { liveStatuses } from '../../../shared/instance';
import { requireInstance } from '../../runtime/instance-actions';
import { instanceViews } from '../../runtime/instance-views';
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

type InstanceMethods =
  | 'instances.launch'
  | 'instances.launchAll'
  | 'instances.list'
  | 'instances.extend'
  | 'instances.stop'
  | 'instances.start'
  | 'instances.restart'
  | 'instances.remove'
  | 'instances.logs'
  | 'instances.followLogs'
  | 'instances.unfollowLogs'
  | 'instances.probe'
  | 'instances.revealFlag'
  | 'instances.reconcile';

export function instanceHandlers(services: ApiServices): Pick<ApiHandlers, InstanceMethods> {
  const { store, runtime } = services;
  return {
    'instances.launch': ({ challengeId, team, hostId }, { actor }) =>
      runtime.launch({ challengeId, team, hostId, actor }),
    'instances.launchAll': ({ challengeId, hostId }, { actor }) =>
      runtime.launchAll({ challengeId, hostId, actor }),
    'instances.list': ({ includeEnded }) => {
      const instances = includeEnded
        ? store.instances.list()
        : store.instances.list({ status: [...liveStatuses] });
      return instanceViews(store, instances).map((view) => ({
        ...view,
        usage: runtime.usage.usageOf(view.id),
      }));
    },
    'instances.extend': ({ id }, { actor }) => runtime.extend(id, actor),
    'instances.stop': ({ id }, { actor }) => runtime.stop(id, actor),
    'instances.start': ({ id }, { actor }) => runtime.start(id, actor),
    'instances.restart': ({ id }, { actor }) => runtime.restart(id, actor),
    'instances.remove': ({ id }, { actor }) => runtime.remove(id, actor),
    'instances.logs': async ({ id, tail }) => {
      const instance = requireInstance(runtime.context, id);
      if (!instance.containerId) return { text: '', truncated: false };
      return runtime.engines.engineFor(instance.hostId).logs(instance.containerId, { tail });
    },
    'instances.followLogs': ({ id, tail }) => {
      const instance = requireInstance(runtime.context, id);
      return { streamId: services.logs.follow(instance, tail) };
    },
    'instances.unfollowLogs': ({ streamId }) => ({ stopped: services.logs.stop(streamId) }),
    'instances.probe': ({ id }) => runtime.probe(id),
    'instances.revealFlag': ({ id }, { actor }) => runtime.revealFlag(id, actor),
    'instances.reconcile': ({ hostId }, { actor }) => runtime.reconcile(hostId, actor),
  };
}
