// The audit store: hash-chained appends per row, and filtered pages of a million-row log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditFilter } from '../../shared/audit';
import type { Store } from '../../electron/store/database';
import { openStore } from '../../electron/store/database';
import { plainTextSecretBox } from '../../electron/store/key-file-secret-box';
import { benchHosts, benchRecord } from '../audit-records';
import type { BenchContext } from '../context';
import { rounds } from '../context';
import { pairedRatios, summarize } from '../stats';

const appendRows = 100_000;
const largeLog = 1_000_000;
const fillBatch = 10_000;
/** What the Audit screen asks for per page. */
const pageSize = 50;

function tempStore(dir: string, name: string, clock?: () => number): Store {
  return openStore({ file: join(dir, name), secretBox: plainTextSecretBox, clock });
}

/** The same columns and B-tree indexes with plain inserts: what SQLite costs without the chain. */
function plainTable(file: string): { insert(i: number): void; close(): void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE audit (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL,
    action TEXT NOT NULL, host_id TEXT, target TEXT NOT NULL, outcome TEXT NOT NULL,
    message TEXT NOT NULL, engine_message TEXT NOT NULL, details TEXT NOT NULL) STRICT;
    CREATE INDEX a1 ON audit (action, outcome, host_id, id);
    CREATE INDEX a2 ON audit (outcome, action, host_id, id);
    CREATE INDEX a3 ON audit (host_id, action, outcome, id);
    CREATE INDEX a4 ON audit (outcome, host_id, action, id);
    CREATE INDEX a5 ON audit (time);`);
  const statement = db.prepare(
    `INSERT INTO audit (time, actor, action, host_id, target, outcome, message, engine_message,
     details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insert = db.transaction((i: number) => {
    const r = benchRecord(i);
    statement.run(
      Date.now(),
      r.actor,
      r.action,
      r.hostId,
      r.target,
      r.outcome,
      r.message,
      r.engineMessage,
      JSON.stringify(r.details),
    );
  });
  return {
    insert: (i) => {
      insert.immediate(i);
    },
    close: () => db.close(),
  };
}

/** Rows per chunk: the 100,000 appends are timed in ten chunks, each beside a plain chunk. */
const chunkRows = 10_000;

/** Rows per second of `count` calls of `append`, from `first` on. */
function rate(first: number, count: number, append: (i: number) => void): number {
  const start = performance.now();
  for (let i = first; i < first + count; i += 1) append(i);
  return count / ((performance.now() - start) / 1000);
}

interface QueryShape {
  key: string;
  name: string;
  filter: (base: number) => AuditFilter;
}

const shapes: QueryShape[] = [
  { key: 'newest', name: 'no filter, first page', filter: () => ({}) },
  {
    key: 'action',
    name: 'action = container.start',
    filter: () => ({ action: 'container.start' }),
  },
  { key: 'prefix', name: 'action prefix instance.*', filter: () => ({ action: 'instance.*' }) },
  { key: 'failed', name: 'outcome = failed', filter: () => ({ outcome: 'failed' }) },
  {
    key: 'host-action-failed',
    name: 'host + action + failed',
    filter: () => ({ hostId: benchHosts[0], action: 'container.create', outcome: 'failed' }),
  },
  { key: 'target', name: 'target contains a team name', filter: () => ({ target: 'team-1234-' }) },
  {
    key: 'window',
    name: 'one hour in the middle of the log',
    filter: (base) => ({ since: base + 40 * 3_600_000, until: base + 41 * 3_600_000 }),
  },
  {
    key: 'deep',
    name: 'action = container.start, page 40',
    filter: () => ({ action: 'container.start', offset: 39 * pageSize }),
  },
];

/** Measures single appends against plain inserts, then pages of a 1,000,000-row log. */
export function auditSuite(context: BenchContext): void {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-audit-'));
  try {
    const chained = tempStore(dir, 'append.db');
    const plain = plainTable(join(dir, 'plain.db'));
    const berth: number[] = [];
    const reference: number[] = [];
    try {
      // Chunks alternate with plain ones, so a change in the machine's load hits both alike.
      for (let first = 0; first < appendRows; first += chunkRows) {
        berth.push(
          rate(first, chunkRows, (i) => {
            chained.audit.append(benchRecord(i));
          }),
        );
        reference.push(
          rate(first, chunkRows, (i) => {
            plain.insert(i);
          }),
        );
      }
    } finally {
      chained.close();
      plain.close();
    }
    const perRow = summarize(berth.map((r) => 1e6 / r));
    context.record({
      id: 'audit.append',
      group: 'Audit store',
      name: `append ${appendRows.toLocaleString('en-US')} rows one by one (hash chain)`,
      unit: 'rows/s',
      value: summarize(berth),
      berth: summarize(berth),
      reference: summarize(reference),
      absoluteUnit: 'rows/s',
      target: { on: 'median', op: '>=', limit: 20_000 },
      note:
        `store.audit.append per row, each its own IMMEDIATE transaction, as every engine call ` +
        `records one (canonical details JSON, SHA-256 chain link, head row, four covering ` +
        `indexes and the time index, trigram index caught up every 256 rows; WAL, ` +
        `synchronous=NORMAL), timed in ${appendRows / chunkRows} chunks of ` +
        `${chunkRows.toLocaleString('en-US')}: ${perRow.median.toFixed(0)} µs per row (median). ` +
        `Reference column: the same rows as plain INSERTs, one transaction each, into a table ` +
        `with the same columns and B-tree indexes, in chunks alternating with Berth's ` +
        `(time ratio chained/plain ` +
        `${summarize(pairedRatios(reference, berth)).median.toFixed(2)}).`,
    });

    const base = Date.UTC(2025, 0, 1);
    let tick = 0;
    // 1,000,000 rows over about 48 hours: a row every 173 ms.
    const store = tempStore(dir, 'large.db', () => base + Math.floor((tick += 173)));
    try {
      const batchRates: number[] = [];
      for (let first = 0; first < largeLog; first += fillBatch) {
        const records = Array.from({ length: fillBatch }, (_, k) => benchRecord(first + k));
        const start = performance.now();
        store.audit.appendMany(records);
        batchRates.push(fillBatch / ((performance.now() - start) / 1000));
      }
      context.record({
        id: 'audit.append-many',
        group: 'Audit store',
        name: `append ${largeLog.toLocaleString('en-US')} rows in batches of ${fillBatch.toLocaleString('en-US')} (hash chain)`,
        unit: 'rows/s',
        value: summarize(batchRates),
        target: { on: 'median', op: '>=', limit: 20_000 },
        note:
          `store.audit.appendMany, the fast path for many records, one transaction per batch; the ` +
          `spread is over the ${largeLog / fillBatch} batches that fill the log the queries read.`,
      });

      for (const shape of shapes) {
        const filter = { limit: pageSize, ...shape.filter(base) };
        store.audit.query(filter);
        const times: number[] = [];
        let found = 0;
        for (let i = 0; i < rounds(context, 30, 20); i += 1) {
          const start = performance.now();
          const page = store.audit.query(filter);
          times.push(performance.now() - start);
          found = page.entries.length;
        }
        if (found === 0) throw new Error(`The query "${shape.name}" found nothing to page through`);
        context.record({
          id: `audit.query.${shape.key}`,
          group: 'Audit store',
          name: `page of ${pageSize} on ${largeLog.toLocaleString('en-US')} rows: ${shape.name}`,
          unit: 'ms',
          value: summarize(times),
          target: { on: 'median', op: '<', limit: 20 },
        });
      }
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
