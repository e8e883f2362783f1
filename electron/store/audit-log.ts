// The audit log: hash-chained appends, filtered pages, verification and exports.
import type Database from 'better-sqlite3';
import type {
  AuditEntry,
  AuditFilter,
  AuditPage,
  AuditRecord,
  AuditVerification,
} from '../../shared/audit';
import { auditFilterSchema } from '../../shared/audit';
import { BerthError } from '../../shared/errors';
import { auditCsv, auditJson } from './audit-export';
import { canonicalJson, chainHash, storedText } from './audit-hash';
import type { AuditTuning } from './audit-query';
import { createAuditReader, defaultAuditTuning } from './audit-query';
import type { AuditRow } from './audit-rows';
import { auditColumns, entryFromRow } from './audit-rows';
import { createTargetIndex } from './audit-target-index';
import { chainVerifier } from './audit-verify';
import type { TransactionScope } from './transaction-scope';
import { parseInput } from './validation';
import { componentLogger } from '../logger';

const log = componentLogger('store');

export type AuditListener = (entry: AuditEntry) => void;

export interface AuditLog {
  /** Records one entry at the end of the chain and returns it with its id, time and hashes. */
  append(record: AuditRecord): AuditEntry;
  /** Records entries in order in one transaction (the fast path for many). */
  appendMany(records: readonly AuditRecord[]): AuditEntry[];
  /** One page of matching entries, newest first; `total` is exact up to `auditCountCap`. */
  query(filter: AuditFilter): AuditPage;
  /** Recomputes the whole chain and names the first entry that does not hold (blocks until done). */
  verify(): AuditVerification;
  /**
   * The same check in steps of `stepRows` entries with the event loop free in between; reports
   * entries checked so far, and stops with a 'cancelled' error when the signal aborts.
   */
  verifyInSteps(options?: {
    stepRows?: number;
    onProgress?: (checked: number) => void;
    signal?: AbortSignal;
  }): Promise<AuditVerification>;
  /** Every matching entry (paging ignored), newest first, as RFC 4180 CSV. */
  exportCsv(filter?: AuditFilter): string;
  /** Every matching entry (paging ignored), newest first, as a JSON array. */
  exportJson(filter?: AuditFilter): string;
  /** How many entries the log holds. */
  count(): number;
  /** Calls `listener` with each entry once it is committed; returns the way to stop. */
  onAppend(listener: AuditListener): () => void;
}

interface Head {
  last_id: number;
  last_hash: string;
  last_time: number;
  row_count: number;
}

export interface AuditLogOptions {
  db: Database.Database;
  scope: TransactionScope;
  clock: () => number;
  auditTuning?: Partial<AuditTuning>;
}

// What is hashed must be exactly what is stored and read back.
function storedRecord(record: AuditRecord): AuditRecord {
  return {
    ...record,
    actor: storedText(record.actor),
    action: storedText(record.action),
    hostId: record.hostId === null ? null : storedText(record.hostId),
    target: storedText(record.target),
    outcome: record.outcome,
    message: storedText(record.message),
    engineMessage: storedText(record.engineMessage),
  };
}

/** The audit log over one connection. */
export function createAuditLog({ db, scope, clock, auditTuning }: AuditLogOptions): AuditLog {
  const readHead = db.prepare(
    'SELECT last_id, last_hash, last_time, row_count FROM audit_head WHERE singleton = 1',
  );
  const writeHead = db.prepare(
    'UPDATE audit_head SET last_id = ?, last_hash = ?, last_time = ?, row_count = ? WHERE singleton = 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit (time, actor, action, host_id, target, outcome, message, engine_message,
       details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare(`SELECT ${auditColumns} FROM audit WHERE id = ?`);
  const countAll = db.prepare('SELECT count(*) FROM audit').pluck();
  const targets = createTargetIndex(db, scope);
  const reader = createAuditReader(db, { ...defaultAuditTuning, ...auditTuning });
  const listeners = new Set<AuditListener>();

  function notify(entries: AuditEntry[]): void {
    for (const entry of entries) {
      for (const listener of listeners) {
        try {
          listener(entry);
        } catch (error) {
          // The entry is committed; one listener's failure must neither undo it nor silence the others.
          log.error({ err: error }, 'audit listener failed');
        }
      }
    }
  }

  function appendMany(records: readonly AuditRecord[]): AuditEntry[] {
    if (records.length === 0) return [];
    return scope.write(() => {
      // The head is read inside the write lock, so a rolled-back or concurrent append cannot fork the chain.
      const head = readHead.get() as Head;
      let { last_id: lastId, last_hash: lastHash, last_time: lastTime } = head;
      const entries: AuditEntry[] = [];

      for (const given of records) {
        const record = storedRecord(given);
        // Time never runs backwards along the chain, so a time range is an id range.
        const time = Math.max(Math.floor(clock()), lastTime);
        const details = canonicalJson(record.details);
        const content = { ...record, time, details };
        const hash = chainHash(lastHash, content);
        const id = Number(
          insert.run(
            time,
            record.actor,
            record.action,
            record.hostId,
            record.target,
            record.outcome,
            record.message,
            record.engineMessage,
            details,
            lastHash,
            hash,
          ).lastInsertRowid,
        );
        entries.push({
          ...record,
          id,
          time,
          details: JSON.parse(details) as Record<string, unknown>,
          prevHash: lastHash,
          hash,
        });
        lastId = id;
        lastHash = hash;
        lastTime = time;
      }

      writeHead.run(lastId, lastHash, lastTime, head.row_count + records.length);
      targets.afterAppend(lastId);
      scope.afterCommit(() => {
        notify(entries);
      });
      return entries;
    });
  }

  /** Every entry a filter matches, newest first, read as it is consumed. */
  function matching(filter: AuditFilter): Iterable<AuditEntry> {
    const parsed = parseInput(auditFilterSchema, filter);
    if (parsed.target) targets.catchUp();
    return {
      *[Symbol.iterator]() {
        for (const row of reader.all(parsed)) yield entryFromRow(row);
      },
    };
  }

  return {
    append: (record) => appendMany([record])[0] as AuditEntry,
    appendMany,

    query(filter) {
      const parsed = parseInput(auditFilterSchema, filter);
      if (parsed.target) targets.catchUp();
      const { ids, ...counts } = reader.page(parsed);
      return { entries: ids.map((id) => entryFromRow(byId.get(id) as AuditRow)), ...counts };
    },

    verify: () => chainVerifier(db).step(Infinity) as AuditVerification,

    async verifyInSteps({ stepRows = 20_000, onProgress, signal } = {}) {
      const verifier = chainVerifier(db);
      let checked = 0;
      for (;;) {
        if (signal?.aborted)
          throw new BerthError('cancelled', 'Verification of the audit log was cancelled');
        const verdict = verifier.step(stepRows);
        if (verdict) return verdict;
        checked += stepRows;
        onProgress?.(checked);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    exportCsv: (filter = {}) => auditCsv(matching(filter)),
    exportJson: (filter = {}) => auditJson(matching(filter)),
    count: () => countAll.get() as number,

    onAppend(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
