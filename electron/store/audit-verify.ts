// Walking the audit chain from the first entry to the head and naming the first entry that breaks it.
import type Database from 'better-sqlite3';
import type { AuditVerification } from '../../shared/audit';
import { chainHash, genesisHash } from './audit-hash';
import type { AuditRow } from './audit-rows';
import { auditColumns, contentOfRow } from './audit-rows';

interface Head {
  last_id: number;
  last_hash: string;
  row_count: number;
}

function linkBroken(row: AuditRow, previousId: number): string {
  if (row.id !== previousId + 1) {
    const missing =
      row.id === previousId + 2
        ? `entry ${previousId + 1}`
        : `entries ${previousId + 1}-${row.id - 1}`;
    return `The log has no ${missing} before it: entries were removed`;
  }
  return 'It does not follow the entry before it: entries were removed, moved or changed';
}

/** The head records the newest link: a chain that ends elsewhere lost or gained entries at the end. */
function headBroken(
  head: Head | undefined,
  lastId: number,
  lastHash: string,
  count: number,
): AuditVerification['firstBroken'] {
  if (!head) return { id: lastId + 1, reason: 'The record of the newest entry is missing' };
  if (head.last_id > lastId || head.row_count > count) {
    return {
      id: lastId + 1,
      reason: `The log ends at entry ${lastId} but held ${head.row_count} entries: the newest were removed`,
    };
  }
  if (head.last_id < lastId || head.row_count < count) {
    return { id: head.last_id + 1, reason: 'Entries were added to the log outside Berth' };
  }
  if (head.last_hash !== lastHash) {
    return { id: lastId, reason: 'The newest entry was rewritten after it was recorded' };
  }
  return null;
}

/** Where a walk along the chain has got to. */
interface Walk {
  expected: string;
  previousId: number;
  checked: number;
  verdict: AuditVerification | null;
}

export interface ChainVerifier {
  /** Checks up to `maxRows` more entries (all with Infinity); the verdict once the walk is over, else null. */
  step(maxRows: number): AuditVerification | null;
}

/**
 * A walk over every link and every hash, oldest first, that stops at the first entry where either
 * fails. It can be taken in steps, so a large log is verified without blocking for seconds.
 */
export function chainVerifier(db: Database.Database): ChainVerifier {
  const rows = db.prepare(`SELECT ${auditColumns} FROM audit WHERE id > ? ORDER BY id LIMIT ?`);
  const head = db.prepare(
    'SELECT last_id, last_hash, row_count FROM audit_head WHERE singleton = 1',
  );
  const walk: Walk = { expected: genesisHash, previousId: 0, checked: 0, verdict: null };

  function broken(id: number, reason: string): AuditVerification {
    return { ok: false, checked: walk.checked, firstBroken: { id, reason } };
  }

  function check(row: AuditRow): AuditVerification | null {
    if (row.prev_hash !== walk.expected) return broken(row.id, linkBroken(row, walk.previousId));
    if (chainHash(row.prev_hash, contentOfRow(row)) !== row.hash) {
      return broken(row.id, 'Its content does not match its hash: the entry was changed');
    }
    walk.expected = row.hash;
    walk.previousId = row.id;
    walk.checked += 1;
    return null;
  }

  return {
    step(maxRows) {
      if (walk.verdict) return walk.verdict;
      const limit = Number.isFinite(maxRows) ? maxRows : -1;
      let seen = 0;
      for (const row of rows.iterate(walk.previousId, limit) as IterableIterator<AuditRow>) {
        seen += 1;
        walk.verdict = check(row);
        if (walk.verdict) return walk.verdict;
      }
      if (seen === maxRows) return null;

      // Read in the same synchronous step as the last rows, so no append slips in between.
      const firstBroken = headBroken(
        head.get() as Head | undefined,
        walk.previousId,
        walk.expected,
        walk.checked,
      );
      walk.verdict = firstBroken
        ? { ok: false, checked: walk.checked, firstBroken }
        : { ok: true, checked: walk.checked, firstBroken: null };
      return walk.verdict;
    },
  };
}
