import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../../electron/store/migrations';
import { migrate, migrations, schemaVersion } from '../../../electron/store/migrations';
import type { TempStore } from './temp-store';
import { record, tempStore } from './temp-store';

let temp: TempStore | undefined;
afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

function rawVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  const version = schemaVersion(db);
  db.close();
  return version;
}

function withDatabase(file: string, use: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    use(db);
  } finally {
    db.close();
  }
}

describe('opening the database', () => {
  it('creates a fresh file at the newest schema, in WAL mode with foreign keys on', () => {
    temp = tempStore();
    expect(rawVersion(temp.file)).toBe(migrations.length);

    const db = new Database(temp.file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(() =>
      temp?.store.instances.insert({
        id: 'orphan',
        challengeId: 'none',
        teamId: 'none',
        hostId: 'none',
        containerId: null,
        containerName: 'x',
        workload: 'container',
        status: 'running',
        ports: [],
        flagHash: '',
        createdAt: 0,
        startedAt: null,
        expiresAt: 0,
        extensions: 0,
        endedAt: null,
        error: null,
      }),
    ).toThrow(expect.objectContaining({ kind: 'not-found', field: 'challengeId' }));
  });

  it('keeps its data and its version when opened again', () => {
    temp = tempStore();
    temp.store.audit.append(record());
    temp.store.teams.add({ name: 'Rocket' });
    temp.store.close();

    const again = temp.reopen();
    expect(again.audit.count()).toBe(1);
    expect(again.teams.list().map((t) => t.name)).toEqual(['Rocket']);
    expect(rawVersion(temp.file)).toBe(migrations.length);
  });

  it('runs only the steps a database has not had yet, in order', () => {
    temp = tempStore();
    const file = join(temp.dir, 'steps.db');
    const ran: string[] = [];
    const step =
      (name: string): Migration =>
      (db) => {
        ran.push(name);
        db.exec(`CREATE TABLE ${name} (x INTEGER)`);
      };
    withDatabase(file, (db) => {
      migrate(db, file, [step('a'), step('b')]);
    });
    withDatabase(file, (db) => {
      migrate(db, file, [step('a'), step('b'), step('c')]);
    });

    expect(ran).toEqual(['a', 'b', 'c']);
    expect(rawVersion(file)).toBe(3);
  });

  it('leaves the previous version intact when a step fails', () => {
    temp = tempStore();
    const file = join(temp.dir, 'failing.db');
    const first: Migration = (db) => db.exec('CREATE TABLE a (x INTEGER)');
    const failing: Migration = (db) => {
      db.exec('CREATE TABLE b (x INTEGER)');
      throw new Error('step two is broken');
    };

    withDatabase(file, (db) => {
      expect(() => {
        migrate(db, file, [first, failing]);
      }).toThrow('step two is broken');
      expect(schemaVersion(db)).toBe(1);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    });
  });

  it('refuses a database written by a newer Berth, saying so', () => {
    temp = tempStore();
    temp.store.close();
    const db = new Database(temp.file);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();

    expect(() => temp?.reopen()).toThrow(
      expect.objectContaining({
        kind: 'storage',
        message: expect.stringMatching(/written by a newer version of Berth/) as unknown,
      }),
    );
  });
});
