import { describe, expect, it } from 'vitest';
import {
  filterInstances,
  nextSort,
  noFilter,
  sortInstances,
  visibleInstances,
} from '../../../renderer/instances/instance-selectors';
import { instanceView, instances, withStatus } from '../../support/stand-in-fixtures';

const now = Date.UTC(2025, 5, 1);
const list = instances(8, now);
const teams = (views: { teamName: string }[]): string[] => views.map((v) => v.teamName);

describe('filterInstances', () => {
  it('matches every search word against team, challenge, host and connection', () => {
    expect(teams(filterInstances(list, { ...noFilter, search: 'echo-pwn lab-2' }))).toEqual([
      'team-0001',
      'team-0005',
    ]);
    expect(teams(filterInstances(list, { ...noFilter, search: '30006' }))).toEqual(['team-0006']);
    expect(teams(filterInstances(list, { ...noFilter, search: 'TEAM-0007' }))).toEqual([
      'team-0007',
    ]);
  });

  it('keeps only the chosen status, host and challenge', () => {
    const mixed = [...list.slice(0, 3), withStatus(instanceView(3, now), 'stopped')];
    expect(teams(filterInstances(mixed, { ...noFilter, status: 'stopped' }))).toEqual([
      'team-0003',
    ]);
    expect(teams(filterInstances(list, { ...noFilter, hostId: 'host-1' }))).toEqual([
      'team-0000',
      'team-0002',
      'team-0004',
      'team-0006',
    ]);
    expect(teams(filterInstances(list, { ...noFilter, challengeId: 'ch-3' }))).toEqual([
      'team-0003',
      'team-0007',
    ]);
  });
});

describe('sortInstances', () => {
  it('sorts by time left, soonest first, and reverses', () => {
    const shuffled = [list[5], list[1], list[7], list[0]].flatMap((v) => (v ? [v] : []));
    expect(teams(sortInstances(shuffled, { key: 'timeLeft', direction: 'asc' }))).toEqual([
      'team-0000',
      'team-0001',
      'team-0005',
      'team-0007',
    ]);
    expect(teams(sortInstances(shuffled, { key: 'timeLeft', direction: 'desc' }))).toEqual([
      'team-0007',
      'team-0005',
      'team-0001',
      'team-0000',
    ]);
  });

  it('breaks ties by team so the order stays put between updates', () => {
    expect(teams(sortInstances(list, { key: 'host', direction: 'asc' }))).toEqual([
      'team-0000',
      'team-0002',
      'team-0004',
      'team-0006',
      'team-0001',
      'team-0003',
      'team-0005',
      'team-0007',
    ]);
  });

  it('orders team names with numbers naturally', () => {
    const named = ['team 10', 'team 9', 'Team 1'].map((teamName, i) =>
      instanceView(i, now, { teamName }),
    );
    expect(teams(sortInstances(named, { key: 'team', direction: 'asc' }))).toEqual([
      'Team 1',
      'team 9',
      'team 10',
    ]);
  });

  it('puts instances without usage figures first when sorting by CPU', () => {
    const views = [instanceView(3, now), instanceView(9, now, { usage: null })];
    expect(teams(sortInstances(views, { key: 'cpu', direction: 'asc' }))[0]).toBe('team-0009');
  });
});

describe('visibleInstances and nextSort', () => {
  it('filters then sorts a map of instances by id', () => {
    const byId = Object.fromEntries(list.map((v) => [v.id, v]));
    const rows = visibleInstances(
      byId,
      { ...noFilter, search: 'baby-web' },
      { key: 'team', direction: 'desc' },
    );
    expect(teams(rows)).toEqual(['team-0004', 'team-0000']);
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort({ key: 'team', direction: 'asc' }, 'team')).toEqual({
      key: 'team',
      direction: 'desc',
    });
    expect(nextSort({ key: 'team', direction: 'desc' }, 'cpu')).toEqual({
      key: 'cpu',
      direction: 'asc',
    });
  });
});
