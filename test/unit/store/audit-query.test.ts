import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditTuning } from '../../../electron/store/audit-query';
import { auditCountCap } from '../../../electron/store/audit-query';
import type { AuditEntry, AuditFilter, AuditRecord } from '../../../shared/audit';
import type { TempStore } from './temp-store';
import { disposeTempStores, record, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  disposeTempStores();
  temp = undefined;
});

/** A store holding the records, each one second after the one before, from time 1000 s. */
function logOf(records: AuditRecord[], tuning: Partial<AuditTuning> = {}): TempStore {
  temp = tempStore({ auditTuning: tuning });
  temp.clock.now = 1_000_000;
  for (const item of records) {
    temp.clock.now += 1000;
    temp.store.audit.append(item);
  }
  return temp;
}

const sample: AuditRecord[] = [
  record({ action: 'container.create', target: 'berth-web-rocket', hostId: 'lab-1' }),
  record({ action: 'container.start', target: 'berth-web-rocket', hostId: 'lab-1' }),
  record({ action: 'image.list', target: 'images', hostId: 'lab-2' }),
  record({ action: 'container.start', target: 'berth-pwn-ducks', outcome: 'failed' }),
  record({ action: 'containers.prune', target: '100%_done', hostId: null }),
  record({ action: 'instance.launch', target: 'Berth-Web-ROCKET', hostId: 'lab-2' }),
];

const targets = (page: { entries: AuditEntry[] }): string[] => page.entries.map((e) => e.target);
const ids = (page: { entries: AuditEntry[] }): number[] => page.entries.map((e) => e.id);

describe('querying the audit log', () => {
  it('returns entries newest first', () => {
    const { store } = logOf(sample);
    expect(ids(store.audit.query({}))).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('filters by an exact action, or by a prefix ending in *', () => {
    const { store } = logOf(sample);
    expect(ids(store.audit.query({ action: 'container.start' }))).toEqual([4, 2]);
    expect(ids(store.audit.query({ action: 'container.*' }))).toEqual([4, 2, 1]);
    expect(ids(store.audit.query({ action: 'container*' }))).toEqual([5, 4, 2, 1]);
    expect(ids(store.audit.query({ action: '*' }))).toHaveLength(6);
  });

  it('filters by outcome and by host', () => {
    const { store } = logOf(sample);
    expect(ids(store.audit.query({ outcome: 'failed' }))).toEqual([4]);
    expect(ids(store.audit.query({ hostId: 'lab-2' }))).toEqual([6, 3]);
    expect(ids(store.audit.query({ hostId: 'lab-2', action: 'image.*' }))).toEqual([3]);
  });

  it('finds a target by substring, ignoring letter case, with % and _ taken literally', () => {
    const { store } = logOf(sample);
    expect(targets(store.audit.query({ target: 'web-rocket' }))).toEqual([
      'Berth-Web-ROCKET',
      'berth-web-rocket',
      'berth-web-rocket',
    ]);
    expect(targets(store.audit.query({ target: '0%_' }))).toEqual(['100%_done']);
    expect(targets(store.audit.query({ target: '%' }))).toEqual(['100%_done']);
    expect(targets(store.audit.query({ target: 'b_rth' }))).toEqual([]);
  });

  it('filters by a time range, both ends included', () => {
    const { store } = logOf(sample);
    expect(ids(store.audit.query({ since: 1_003_000, until: 1_005_000 }))).toEqual([5, 4, 3]);
    expect(ids(store.audit.query({ since: 1_005_500 }))).toEqual([6]);
    expect(ids(store.audit.query({ until: 1_001_000 }))).toEqual([1]);
    expect(ids(store.audit.query({ until: 1_000_999 }))).toEqual([]);
    expect(ids(store.audit.query({ since: 1_004_000, until: 1_003_000 }))).toEqual([]);
  });

  it('pages with offset and limit, saying whether more entries follow', () => {
    const { store } = logOf(sample);
    const first = store.audit.query({ limit: 4 });
    const second = store.audit.query({ offset: 4, limit: 4 });

    expect([ids(first), first.hasMore, first.total]).toEqual([[6, 5, 4, 3], true, 6]);
    expect([ids(second), second.hasMore, second.total]).toEqual([[2, 1], false, 6]);
    expect(first.totalIsExact).toBe(true);
  });

  it(`counts matches exactly up to ${auditCountCap}, then says the total is a lower bound`, () => {
    temp = tempStore();
    const many = Array.from({ length: auditCountCap + 5 }, (_, i) => record({ target: `t${i}` }));
    temp.store.audit.appendMany(many);

    const page = temp.store.audit.query({ limit: 10 });
    expect(page).toMatchObject({ total: auditCountCap, totalIsExact: false, hasMore: true });
    expect(page.entries[0]?.target).toBe(`t${auditCountCap + 4}`);
    expect(temp.store.audit.query({ action: 'nothing.*' })).toMatchObject({
      total: 0,
      totalIsExact: true,
      hasMore: false,
    });
  });

  it('refuses a bad filter, naming the field', () => {
    const { store } = logOf(sample);
    expect(() => store.audit.query({ limit: 0 })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'limit' }),
    );
    expect(() => store.audit.query({ outcome: 'maybe' as 'ok' })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'outcome' }),
    );
  });
});

/** What a filter should return, computed the slow and obvious way. */
function expected(entries: AuditEntry[], filter: AuditFilter, cap: number) {
  const lower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const action = filter.action ?? '';
  const matches = entries
    .filter((e) =>
      action.endsWith('*')
        ? e.action.startsWith(action.slice(0, -1))
        : action === '' || e.action === action,
    )
    .filter((e) => filter.outcome === undefined || e.outcome === filter.outcome)
    .filter((e) => filter.hostId === undefined || e.hostId === filter.hostId)
    .filter((e) => filter.target === undefined || lower(e.target).includes(lower(filter.target)))
    .filter((e) => filter.since === undefined || e.time >= filter.since)
    .filter((e) => filter.until === undefined || e.time <= filter.until)
    .sort((a, b) => b.id - a.id);
  const offset = filter.offset ?? 0;
  const limit = filter.limit ?? 100;
  return {
    ids: matches.slice(offset, offset + limit).map((e) => e.id),
    total: Math.min(matches.length, cap),
    totalIsExact: matches.length <= cap,
    hasMore: matches.length > offset + limit,
  };
}

const recordArbitrary = fc.record({
  action: fc.constantFrom('container.create', 'container.start', 'containers.prune', 'image.list'),
  outcome: fc.constantFrom('ok' as const, 'failed' as const),
  hostId: fc.constantFrom(null, 'lab-1', 'lab-2'),
  target: fc.constantFrom(
    'berth-web-rocket-1a2b',
    'Berth-Web-Ducks-9f9f',
    'berth-pwn-rocket-0000',
    '100%_done',
    'Équipe-Ünïcode',
    'équipe-ünïcode',
    'a"b\\c',
  ),
  gap: fc.integer({ min: 0, max: 3 }),
});

const filterArbitrary = fc.record(
  {
    action: fc.constantFrom('container.start', 'container.*', 'container*', 'image.*', '*', 'x'),
    outcome: fc.constantFrom('ok' as const, 'failed' as const),
    hostId: fc.constantFrom('lab-1', 'lab-2', 'nowhere'),
    target: fc.constantFrom('rocket', 'ROCKET-1', 'web', '%_', 'équipe', 'Ünï', 'a"b\\', 'zz', 'e'),
    since: fc.integer({ min: 1_000_000, max: 1_100_000 }),
    until: fc.integer({ min: 1_000_000, max: 1_100_000 }),
    offset: fc.integer({ min: 0, max: 30 }),
    limit: fc.integer({ min: 1, max: 25 }),
  },
  { requiredKeys: [] },
);

describe('every way of answering a query', () => {
  const tunings: [string, Partial<AuditTuning>][] = [
    ['a newest-first walk', {}],
    ['the covering indexes', { walkSpan: 0, ftsProbeLimit: 0 }],
    ['the trigram index', { walkSpan: 0, ftsProbeLimit: 1000 }],
    ['a small count cap', { walkSpan: 0, countCap: 4 }],
  ];

  it.each(tunings)('gives the same answers as filtering by hand, through %s', (_name, tuning) => {
    fc.assert(
      fc.property(
        fc.array(recordArbitrary, { minLength: 0, maxLength: 40 }),
        fc.array(filterArbitrary, { minLength: 1, maxLength: 8 }),
        (records, filters) => {
          const log = tempStore({ auditTuning: tuning });
          temp = log;
          log.clock.now = 1_000_000;
          const entries = records.map(({ gap, ...rest }) => {
            log.clock.now += gap * 1000;
            return log.store.audit.append(record(rest));
          });
          // Small logs never reach the smaller cap of unindexed target searches (1,000).
          const cap = tuning.countCap ?? auditCountCap;
          for (const filter of filters) {
            const page = log.store.audit.query(filter);
            expect({
              ids: ids(page),
              total: page.total,
              totalIsExact: page.totalIsExact,
              hasMore: page.hasMore,
            }).toEqual(expected(entries, filter, cap));
          }
          log.dispose();
          temp = undefined;
        },
      ),
      { numRuns: 60 },
    );
  });
});
