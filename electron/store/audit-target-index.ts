// The trigram index of audit targets, kept a little behind single appends and caught up in batches.
//
// FTS5 writes a segment per transaction, which made each single append several times slower.
// So a single append leaves its target unindexed until `maxLag` entries wait, then indexes them
// all at once; a batch is indexed with itself; and a search by target first indexes what waits.
import type Database from 'better-sqlite3';
import type { TransactionScope } from './transaction-scope';

/** Entries whose target may wait unindexed after single appends. */
const maxLag = 256;

export interface TargetIndex {
  /** Inside an append's transaction: indexes the waiting targets once enough of them wait. */
  afterAppend(lastId: number): void;
  /** Indexes every waiting target, so a search sees the whole log. */
  catchUp(): void;
}

/** The target index over one connection. */
export function createTargetIndex(db: Database.Database, scope: TransactionScope): TargetIndex {
  const state = db.prepare('SELECT last_id, indexed_id FROM audit_head WHERE singleton = 1');
  const index = db.prepare(
    'INSERT INTO audit_target (rowid, target) SELECT id, target FROM audit WHERE id > ? AND id <= ?',
  );
  const setIndexed = db.prepare('UPDATE audit_head SET indexed_id = ? WHERE singleton = 1');

  function indexUpTo(indexed: number, last: number): void {
    index.run(indexed, last);
    setIndexed.run(last);
  }

  const read = (): { last: number; indexed: number } => {
    const row = state.get() as { last_id: number; indexed_id: number };
    return { last: row.last_id, indexed: row.indexed_id };
  };

  return {
    afterAppend(lastId) {
      const { indexed } = read();
      if (lastId - indexed >= maxLag) indexUpTo(indexed, lastId);
    },

    catchUp() {
      if (read().indexed >= read().last) return;
      scope.write(() => {
        const { last, indexed } = read();
        if (indexed < last) indexUpTo(indexed, last);
      });
    },
  };
}
