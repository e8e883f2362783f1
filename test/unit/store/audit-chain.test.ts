import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { chainHash } from '../../../electron/store/audit-hash';
import type { AuditEntry } from '../../../shared/audit';
import type { TempStore } from './temp-store';
import { disposeTempStores, record, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  disposeTempStores();
  temp = undefined;
});

function fill(count: number): TempStore {
  temp = tempStore();
  for (let i = 1; i <= count; i += 1) {
    temp.clock.now += 1000;
    temp.store.audit.append(record({ target: `instance-${i}`, details: { n: i } }));
  }
  return temp;
}

/** Changes the database behind Berth's back, as someone with the file could. */
function tamper(file: string, sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  db.prepare(sql).run(...params);
  db.close();
}

describe('the audit chain', () => {
  it('links each entry to the one before, from a genesis of 64 zeros', () => {
    const { store } = fill(3);
    const entries = store.audit.query({}).entries.reverse();

    expect(entries.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe('0'.repeat(64));
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
  });

  it('hashes exactly the documented preimage, with details keys sorted', () => {
    temp = tempStore();
    const entry = temp.store.audit.append(
      record({ hostId: null, details: { zeta: 1, alpha: { b: 2, a: [3, { d: 4, c: 5 }] } } }),
    );
    const details = '{"alpha":{"a":[3,{"c":5,"d":4}],"b":2},"zeta":1}';
    const preimage = `${'0'.repeat(64)}\n${JSON.stringify([
      entry.time,
      entry.actor,
      entry.action,
      null,
      entry.target,
      entry.outcome,
      entry.message,
      entry.engineMessage,
      details,
    ])}`;

    expect(entry.hash).toBe(createHash('sha256').update(preimage, 'utf8').digest('hex'));
  });

  it('verifies an untouched log, including an empty one', () => {
    temp = tempStore();
    expect(temp.store.audit.verify()).toEqual({ ok: true, checked: 0, firstBroken: null });
    temp.dispose();

    const { store } = fill(5);
    expect(store.audit.verify()).toEqual({ ok: true, checked: 5, firstBroken: null });
  });

  it('finds an edited entry at that entry', () => {
    const { store, file } = fill(6);
    tamper(file, "UPDATE audit SET message = 'nothing happened' WHERE id = 4");

    expect(store.audit.verify()).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { id: 4, reason: expect.stringMatching(/changed/) as unknown },
    });
  });

  it('finds a deleted entry in the middle at the entry after the gap', () => {
    const { store, file } = fill(6);
    tamper(file, 'DELETE FROM audit WHERE id = 3');

    expect(store.audit.verify().firstBroken).toEqual({
      id: 4,
      reason: 'The log has no entry 3 before it: entries were removed',
    });
  });

  it('finds reordered entries at the first one moved', () => {
    const { store, file } = fill(6);
    // Swap the whole content (hashes included) of entries 3 and 4.
    tamper(file, 'UPDATE audit SET id = -3 WHERE id = 3');
    tamper(file, 'UPDATE audit SET id = 3 WHERE id = 4');
    tamper(file, 'UPDATE audit SET id = 4 WHERE id = -3');

    expect(store.audit.verify().firstBroken?.id).toBe(3);
  });

  it('finds an edited hash at that entry', () => {
    const { store, file } = fill(6);
    tamper(file, 'UPDATE audit SET hash = ? WHERE id = 5', 'a'.repeat(64));

    expect(store.audit.verify().firstBroken?.id).toBe(5);
  });

  it('finds an entry rewritten with a correct fresh hash at the entry after it', () => {
    const { store, file } = fill(6);
    const original = store.audit.query({}).entries.find((e) => e.id === 2) as AuditEntry;
    const forged = chainHash(original.prevHash, {
      ...original,
      message: 'forged',
      details: JSON.stringify(original.details),
    });
    tamper(file, "UPDATE audit SET message = 'forged', hash = ? WHERE id = 2", forged);

    expect(store.audit.verify().firstBroken).toEqual({
      id: 3,
      reason: 'It does not follow the entry before it: entries were removed, moved or changed',
    });
  });

  it('finds the newest entries removed', () => {
    const { store, file } = fill(6);
    tamper(file, 'DELETE FROM audit WHERE id >= 5');

    expect(store.audit.verify()).toMatchObject({
      ok: false,
      checked: 4,
      firstBroken: { id: 5, reason: expect.stringMatching(/newest were removed/) as unknown },
    });
  });

  it('always names the first tampered entry, whatever is tampered', () => {
    const kinds = ['edit', 'delete', 'hash', 'swap'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 12 }),
        fc.constantFrom(...kinds),
        fc.nat(),
        (size, kind, pick) => {
          const { store, file } = fill(size);
          // Deleting the first entry shows at the one after it; every other tamper shows where it is.
          const at = 1 + (pick % (size - 1));
          if (kind === 'edit') tamper(file, "UPDATE audit SET actor = 'mallory' WHERE id = ?", at);
          if (kind === 'hash') tamper(file, "UPDATE audit SET hash = 'x' WHERE id = ?", at);
          if (kind === 'delete') tamper(file, 'DELETE FROM audit WHERE id = ?', at);
          if (kind === 'swap') {
            tamper(file, 'UPDATE audit SET id = -1 WHERE id = ?', at);
            tamper(file, 'UPDATE audit SET id = ? WHERE id = ?', at, at + 1);
            tamper(file, 'UPDATE audit SET id = ? WHERE id = -1', at + 1);
          }
          const expected = kind === 'delete' ? at + 1 : at;

          const verdict = store.audit.verify();
          temp?.dispose();
          temp = undefined;
          expect(verdict.ok).toBe(false);
          expect(verdict.firstBroken?.id).toBe(expected);
          expect(verdict.checked).toBe(at - 1);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('verifying a large log in steps', () => {
  it('reaches the same verdict as verifying at once, reporting progress', async () => {
    const { store, file } = fill(25);
    tamper(file, "UPDATE audit SET target = 'elsewhere' WHERE id = 17");
    const progress: number[] = [];

    const verdict = await store.audit.verifyInSteps({
      stepRows: 5,
      onProgress: (n) => progress.push(n),
    });
    expect(verdict).toEqual(store.audit.verify());
    expect(verdict.firstBroken?.id).toBe(17);
    expect(progress).toEqual([5, 10, 15]);
  });

  it('verifies an untouched log to its end', async () => {
    const { store } = fill(10);
    await expect(store.audit.verifyInSteps({ stepRows: 5 })).resolves.toEqual({
      ok: true,
      checked: 10,
      firstBroken: null,
    });
  });

  it('stops when cancelled', async () => {
    const { store } = fill(10);
    const controller = new AbortController();
    const verdict = store.audit.verifyInSteps({
      stepRows: 2,
      signal: controller.signal,
      onProgress: () => {
        controller.abort();
      },
    });

    await expect(verdict).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('appending to the audit log', () => {
  it('keeps time from running backwards along the chain', () => {
    temp = tempStore();
    temp.clock.now = 5_000;
    temp.store.audit.append(record());
    temp.clock.now = 4_000;
    const later = temp.store.audit.append(record());

    expect(later.time).toBe(5_000);
    expect(temp.store.audit.verify().ok).toBe(true);
  });

  it('appends a batch in order in one go and chains it to what was there', () => {
    temp = tempStore();
    temp.store.audit.append(record({ target: 'first' }));
    const batch = temp.store.audit.appendMany([
      record({ target: 'second' }),
      record({ target: 'third', outcome: 'failed', engineMessage: 'No such image' }),
    ]);

    expect(batch.map((e) => [e.id, e.target])).toEqual([
      [2, 'second'],
      [3, 'third'],
    ]);
    expect(temp.store.audit.count()).toBe(3);
    expect(temp.store.audit.verify().ok).toBe(true);
  });

  it('continues the chain after the database is opened again', () => {
    temp = tempStore();
    temp.store.audit.append(record());
    temp.store.close();
    const again = temp.reopen();
    again.audit.append(record());

    expect(again.audit.verify()).toEqual({ ok: true, checked: 2, firstBroken: null });
  });

  it('tells listeners about entries once they are committed, and not about rolled-back ones', () => {
    temp = tempStore();
    const { store } = temp;
    const seen: number[] = [];
    const stop = store.audit.onAppend((entry) => seen.push(entry.id));

    store.audit.append(record());
    expect(() =>
      store.transaction(() => {
        store.audit.append(record());
        throw new Error('the launch failed');
      }),
    ).toThrow('the launch failed');
    store.transaction(() => {
      store.audit.append(record());
      expect(seen).toEqual([1]);
    });
    stop();
    store.audit.append(record());

    expect(seen).toEqual([1, 2]);
    expect(store.audit.count()).toBe(3);
    expect(store.audit.verify().ok).toBe(true);
  });

  it('keeps appending when a listener throws', () => {
    temp = tempStore();
    const seen: number[] = [];
    temp.store.audit.onAppend(() => {
      throw new Error('listener bug');
    });
    temp.store.audit.onAppend((entry) => seen.push(entry.id));

    expect(temp.store.audit.append(record()).id).toBe(1);
    expect(seen).toEqual([1]);
  });

  it('verifies entries whose text holds lone surrogates, which SQLite stores as U+FFFD', () => {
    temp = tempStore();
    const entry = temp.store.audit.append(record({ target: 'team-\uD800-x', message: '\uDC00' }));

    expect(entry.target).toBe('team-\uFFFD-x');
    expect(temp.store.audit.query({}).entries[0]).toEqual(entry);
    expect(temp.store.audit.verify().ok).toBe(true);
  });

  it('refuses details that are not JSON data, naming the field', () => {
    temp = tempStore();
    expect(() => temp?.store.audit.append(record({ details: { big: 1n } }))).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'details' }),
    );
    expect(temp.store.audit.count()).toBe(0);
  });
});
