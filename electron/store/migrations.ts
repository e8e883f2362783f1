// Schema migrations keyed on PRAGMA user_version: version N is reached by running the first N steps.
import type Database from 'better-sqlite3';
import { BerthError } from '../../shared/errors';
import { createSchemaV1 } from './schema-v1';

export type Migration = (db: Database.Database) => void;

/** Every step ever shipped, in order; a step is never edited once released, only followed by another. */
export const migrations: readonly Migration[] = [createSchemaV1];

/** The schema version the database file carries. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `steps.length`, each step in its own transaction with the version bump,
 * so a failing step leaves the previous version intact. A database newer than `steps` is refused.
 */
export function migrate(db: Database.Database, file: string, steps = migrations): void {
  const known = steps.length;
  for (;;) {
    const done = db
      .transaction(() => {
        // Read inside the write lock: another process may have migrated while this one waited.
        const version = schemaVersion(db);
        if (version > known) throw newerThanApp(file, version, known);
        const step = steps[version];
        if (version === known || step === undefined) return true;
        step(db);
        db.pragma(`user_version = ${version + 1}`);
        return false;
      })
      .immediate();
    if (done) return;
  }
}

function newerThanApp(file: string, version: number, known: number): BerthError {
  return new BerthError(
    'storage',
    `Berth's database at ${file} was written by a newer version of Berth (schema ${version}; this version knows up to ${known}); update Berth, or use another data folder`,
    { engineMessage: `user_version ${version} > ${known}` },
  );
}
