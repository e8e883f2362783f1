// Derived views of the instances: filtered, searched and sorted rows. Pure, so they are tested alone.
import type { InstanceStatus } from '../../shared/instance';
import type { InstanceView } from '../../shared/views';

/** The columns the table sorts by. */
export const sortKeys = [
  'team',
  'challenge',
  'host',
  'status',
  'timeLeft',
  'cpu',
  'memory',
  'created',
] as const;
export type SortKey = (typeof sortKeys)[number];

export interface InstanceSort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export interface InstanceFilter {
  search: string;
  /** 'any' or one status. */
  status: InstanceStatus | 'any';
  /** '' for every host. */
  hostId: string;
  /** '' for every challenge. */
  challengeId: string;
}

/** Every instance shown. */
export const noFilter: InstanceFilter = { search: '', status: 'any', hostId: '', challengeId: '' };

function searchText(view: InstanceView): string {
  return [
    view.teamName,
    view.challengeName,
    view.hostName,
    view.containerName,
    view.status,
    ...view.connection.map((link) => link.text),
  ]
    .join('\n')
    .toLowerCase();
}

/** Instances passing the filter; the search matches team, challenge, host, container and connection text. */
export function filterInstances(
  list: readonly InstanceView[],
  filter: InstanceFilter,
): InstanceView[] {
  const terms = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((view) => {
    if (filter.status !== 'any' && view.status !== filter.status) return false;
    if (filter.hostId !== '' && view.hostId !== filter.hostId) return false;
    if (filter.challengeId !== '' && view.challengeId !== filter.challengeId) return false;
    if (terms.length === 0) return true;
    const text = searchText(view);
    return terms.every((term) => text.includes(term));
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareBy(key: SortKey): (a: InstanceView, b: InstanceView) => number {
  switch (key) {
    case 'team':
      return (a, b) => collator.compare(a.teamName, b.teamName);
    case 'challenge':
      return (a, b) => collator.compare(a.challengeName, b.challengeName);
    case 'host':
      return (a, b) => collator.compare(a.hostName, b.hostName);
    case 'status':
      return (a, b) => collator.compare(a.status, b.status);
    case 'timeLeft':
      return (a, b) => a.expiresAt - b.expiresAt;
    case 'cpu':
      return (a, b) => (a.usage?.cpuPercent ?? -1) - (b.usage?.cpuPercent ?? -1);
    case 'memory':
      return (a, b) => (a.usage?.memoryBytes ?? -1) - (b.usage?.memoryBytes ?? -1);
    case 'created':
      return (a, b) => a.createdAt - b.createdAt;
  }
}

/** A sorted copy; ties fall back to team then challenge so the order is stable between updates. */
export function sortInstances(list: readonly InstanceView[], sort: InstanceSort): InstanceView[] {
  const primary = compareBy(sort.key);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const byTeam = compareBy('team');
  const byChallenge = compareBy('challenge');
  return [...list].sort(
    (a, b) => sign * primary(a, b) || byTeam(a, b) || byChallenge(a, b) || a.id.localeCompare(b.id),
  );
}

/** The rows the table shows, in order. */
export function visibleInstances(
  byId: Readonly<Record<string, InstanceView>>,
  filter: InstanceFilter,
  sort: InstanceSort,
): InstanceView[] {
  return sortInstances(filterInstances(Object.values(byId), filter), sort);
}

/** Clicking a column: the same column flips direction, another starts ascending. */
export function nextSort(current: InstanceSort, key: SortKey): InstanceSort {
  return current.key === key
    ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
    : { key, direction: 'asc' };
}
