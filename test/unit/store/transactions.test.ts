import { afterEach, describe, expect, it } from 'vitest';
import type { TempStore } from './temp-store';
import { challengeSpec, record, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

describe('store transactions', () => {
  it('keep every repository call inside them, or none of them', () => {
    temp = tempStore();
    const { store } = temp;
    expect(() =>
      store.transaction(() => {
        store.teams.add({ name: 'Rocket' });
        store.challenges.create(challengeSpec());
        store.audit.append(record());
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');

    expect([store.teams.list(), store.challenges.list(), store.audit.count()]).toEqual([[], [], 0]);
    const team = store.transaction(() => store.teams.add({ name: 'Rocket' }));
    expect(store.teams.get(team.id)).toEqual(team);
  });

  it('refuse work that waits, writing nothing', () => {
    temp = tempStore();
    const { store } = temp;

    expect(() =>
      store.transaction(async () => {
        store.teams.add({ name: 'Rocket' });
        await Promise.resolve();
      }),
    ).toThrow(expect.objectContaining({ kind: 'internal' }));
    expect(store.teams.list()).toEqual([]);
  });
});
