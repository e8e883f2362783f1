import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/store/database';
import { plainTextSecretBox } from '../../../electron/store/secret-box';
import { toStorageError } from '../../../electron/store/storage-errors';
import { BerthError } from '../../../shared/errors';
import type { TempStore } from './temp-store';
import { record, tempStore } from './temp-store';

let temp: TempStore | undefined;
const dirs: string[] = [];
afterEach(() => {
  temp?.dispose();
  temp = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-store-errors-'));
  dirs.push(dir);
  return dir;
}

const storage = (message: RegExp): unknown =>
  expect.objectContaining({ kind: 'storage', message: expect.stringMatching(message) as unknown });

describe('database failures an operator can act on', () => {
  it('serves a read-only file for reading and says, naming it, that each write cannot be done', () => {
    temp = tempStore();
    temp.store.audit.append(record());
    temp.store.close();
    chmodSync(temp.file, 0o444);

    const readOnly = temp.reopen();
    expect(readOnly.readOnly).toBe(true);
    expect(readOnly.audit.count()).toBe(1);
    expect(() => readOnly.audit.append(record())).toThrow(
      storage(
        new RegExp(`^Berth cannot write its database at ${temp.file}: the file is read-only$`),
      ),
    );
  });

  it('says the database is locked by another process once the wait is over', () => {
    temp = tempStore({ busyTimeoutMs: 50 });
    const other = new Database(temp.file);
    other.exec('BEGIN IMMEDIATE');

    expect(() => temp?.store.audit.append(record())).toThrow(
      storage(/is locked by another process/),
    );
    other.exec('ROLLBACK');
    other.close();
    expect(temp.store.audit.append(record()).id).toBe(1);
  });

  it('says a file that is not a database is damaged, without leaking SQLite text to the operator', () => {
    const file = join(scratch(), 'berth.db');
    writeFileSync(file, 'this is not a SQLite database, just some text '.repeat(200));

    const attempt = (): unknown => openStore({ file, secretBox: plainTextSecretBox });
    expect(attempt).toThrow(storage(/is damaged or is not a Berth database/));
    expect(attempt).toThrow(
      expect.objectContaining({
        engineMessage: expect.stringMatching(/^SQLITE_NOTADB/) as unknown,
      }),
    );
  });

  it('creates the data folder when it does not exist yet', () => {
    const file = join(scratch(), 'nested', 'deeper', 'berth.db');
    const store = openStore({ file, secretBox: plainTextSecretBox });
    expect(store.audit.count()).toBe(0);
    store.close();
  });

  it.each([
    ['SQLITE_FULL', /disk holding Berth's database at \/data\/berth.db is full/],
    ['SQLITE_CORRUPT', /is damaged/],
    ['SQLITE_READONLY_DBMOVED', /the file is read-only/],
    ['SQLITE_BUSY_SNAPSHOT', /locked by another process/],
    ['SQLITE_IOERR_WRITE', /a disk error/],
    ['SQLITE_CANTOPEN', /cannot open its database/],
  ])('turns %s into a storage error', (code, message) => {
    const error = toStorageError(
      new Database.SqliteError('raw sqlite text', code),
      '/data/berth.db',
    );

    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ kind: 'storage', engineMessage: `${code}: raw sqlite text` });
    expect((error as BerthError).message).toMatch(message);
    expect((error as BerthError).message).not.toContain('raw sqlite text');
  });

  it('leaves errors that are not SQLite failures as they are', () => {
    const conflict = new BerthError('conflict', 'taken');
    const bug = new TypeError('a bug');
    expect(toStorageError(conflict, '/data/berth.db')).toBe(conflict);
    expect(toStorageError(bug, '/data/berth.db')).toBe(bug);
  });
});
