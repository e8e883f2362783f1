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

/** Checks every link and every hash, oldest first; reports the first entry where either fails. */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  const rows = db
    .prepare(`SELECT ${auditColumns} FROM audit ORDER BY id`)
    .iterate() as IterableIterator<AuditRow>;
  let expected = genesisHash;
  let previousId = 0;
  let checked = 0;

  for (const row of rows) {
    if (row.prev_hash !== expected) {
      return {
        ok: false,
        checked,
        firstBroken: { id: row.id, reason: linkBroken(row, previousId) },
      };
    }
    if (chainHash(row.prev_hash, contentOfRow(row)) !== row.hash) {
      return {
        ok: false,
        checked,
        firstBroken: {
          id: row.id,
          reason: 'Its content does not match its hash: the entry was changed',
        },
      };
    }
    expected = row.hash;
    previousId = row.id;
    checked += 1;
  }

  const head = db
    .prepare('SELECT last_id, last_hash, row_count FROM audit_head WHERE singleton = 1')
    .get() as Head | undefined;
  const firstBroken = headBroken(head, previousId, expected, checked);
  if (firstBroken) return { ok: false, checked, firstBroken };
  return { ok: true, checked, firstBroken: null };
}
