// Search and filters above the instances table.
import type { ReactElement } from 'react';
import { useId, useMemo } from 'react';
import type { InstanceStatus } from '../../shared/instance';
import { instanceStatuses } from '../../shared/instance';
import type { InstanceView } from '../../shared/views';
import { SearchInput } from '../components/SearchInput';
import { useInstances } from './instances-store';
import { useInstancesView } from './instances-view-store';

function distinct(
  list: readonly InstanceView[],
  id: (v: InstanceView) => string,
  name: (v: InstanceView) => string,
): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const view of list) seen.set(id(view), name(view));
  return [...seen]
    .map(([key, value]) => ({ id: key, name: value }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Search box, status, host and challenge filters, and whether ended instances show. */
export function InstanceFilters(): ReactElement {
  const statusId = useId();
  const hostId = useId();
  const challengeId = useId();
  const endedId = useId();
  const data = useInstances((state) => state.instances.data);
  const includeEnded = useInstances((state) => state.includeEnded);
  const setIncludeEnded = useInstances((state) => state.setIncludeEnded);
  const filter = useInstancesView((state) => state.filter);
  const setFilter = useInstancesView((state) => state.setFilter);

  const { hosts, challenges } = useMemo(() => {
    const list = Object.values(data ?? {});
    return {
      hosts: distinct(
        list,
        (v) => v.hostId,
        (v) => v.hostName,
      ),
      challenges: distinct(
        list,
        (v) => v.challengeId,
        (v) => v.challengeName,
      ),
    };
  }, [data]);

  return (
    <div className="toolbar" role="search">
      <SearchInput
        value={filter.search}
        onChange={(search) => {
          setFilter({ search });
        }}
        label="Search instances"
        placeholder="Search team, challenge, host, port… (press /)"
      />
      <div className="inline-field">
        <label htmlFor={statusId}>Status</label>
        <select
          id={statusId}
          value={filter.status}
          onChange={(event) => {
            setFilter({ status: event.target.value as InstanceStatus | 'any' });
          }}
        >
          <option value="any">Any</option>
          {instanceStatuses.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={hostId}>Host</label>
        <select
          id={hostId}
          value={filter.hostId}
          onChange={(event) => {
            setFilter({ hostId: event.target.value });
          }}
        >
          <option value="">Any</option>
          {hosts.map((host) => (
            <option key={host.id} value={host.id}>
              {host.name}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <label htmlFor={challengeId}>Challenge</label>
        <select
          id={challengeId}
          value={filter.challengeId}
          onChange={(event) => {
            setFilter({ challengeId: event.target.value });
          }}
        >
          <option value="">Any</option>
          {challenges.map((challenge) => (
            <option key={challenge.id} value={challenge.id}>
              {challenge.name}
            </option>
          ))}
        </select>
      </div>
      <div className="inline-field">
        <input
          id={endedId}
          type="checkbox"
          checked={includeEnded}
          onChange={(event) => {
            setIncludeEnded(event.target.checked);
          }}
        />
        <label htmlFor={endedId}>Show ended</label>
      </div>
    </div>
  );
}
