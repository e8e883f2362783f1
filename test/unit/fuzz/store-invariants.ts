// What must hold in the database whatever was asked of Berth: no half-made launch, no port held
// for an instance that is not live, and a snapshot of every table but the audit log to compare.
import Database from 'better-sqlite3';
import { liveStatuses } from '../../../shared/instance';
import type { Store } from '../../../electron/store/database';

/** Rows of every table that is not the audit log, as text, for "nothing changed" checks. */
export function snapshotTables(file: string, except: readonly string[] = []): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table'
           AND name NOT LIKE 'audit%' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
        .pluck()
        .all() as string[]
    ).filter((name) => !except.includes(name));
    const text = (value: unknown): string =>
      JSON.stringify(value, (_key, item: unknown) =>
        Buffer.isBuffer(item) ? item.toString('hex') : item,
      );
    // Some tables have no rowid: rows are sorted by their text instead.
    return text(
      tables.map((name) => [
        name,
        db.prepare(`SELECT * FROM "${name}"`).raw().all().map(text).sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/** What is wrong with the store's instances and reservations; empty when all is well. */
export function storeProblems(store: Store): string[] {
  const problems: string[] = [];
  const live = new Set(store.instances.listLive().map((instance) => instance.id));
  for (const instance of store.instances.list()) {
    if (instance.status === 'starting') {
      problems.push(`instance ${instance.id} was left starting`);
    }
    const held = store.ports.listForInstance(instance.id).map((r) => r.port);
    if (!liveStatuses.includes(instance.status) && held.length > 0) {
      problems.push(`${instance.status} instance ${instance.id} still holds ports ${held.join()}`);
    }
  }
  for (const host of store.hosts.list()) {
    for (const reservation of store.ports.listForHost(host.id)) {
      if (reservation.instanceId !== null && !live.has(reservation.instanceId)) {
        problems.push(`port ${reservation.port} is held for missing ${reservation.instanceId}`);
      }
    }
  }
  return problems;
}

/** Keys someone added to Object.prototype (a polluted prototype shows in every object). */
export function prototypePollution(): string[] {
  const probe: Record<string, unknown> = {};
  return ['polluted', 'x', 'id', 'extra'].filter((key) => key in probe);
}
