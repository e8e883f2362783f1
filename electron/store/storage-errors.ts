// SQLite failures in the operator's words: what happened to the database file and what to do.
import Database from 'better-sqlite3';
import { BerthError } from '../../shared/errors';

/** The SQLite result code of an error thrown by better-sqlite3, or null for anything else. */
export function sqliteCode(error: unknown): string | null {
  return error instanceof Database.SqliteError ? error.code : null;
}

/** True for a UNIQUE or PRIMARY KEY violation: the case repositories turn into 'conflict'. */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function operatorMessage(code: string, file: string): string {
  if (code.startsWith('SQLITE_READONLY')) {
    return `Berth cannot write its database at ${file}: the file is read-only`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `Berth's database at ${file} is locked by another process; close any other Berth running on this data folder and try again`;
  }
  if (code === 'SQLITE_FULL') {
    return `The disk holding Berth's database at ${file} is full; free some space and try again`;
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `Berth's database at ${file} is damaged or is not a Berth database; move it aside or restore it from a backup`;
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return `Berth cannot open its database at ${file}; check that the folder exists and that Berth may write to it`;
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return `Berth could not read or write its database at ${file} (a disk error); check the disk and try again`;
  }
  return `Berth's database at ${file} refused an operation`;
}

/** The SQLite code that says the same as a file-system error from Node, if there is one. */
function codeOfSystemError(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'SQLITE_FULL';
  if (code === 'EROFS') return 'SQLITE_READONLY';
  if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR') return 'SQLITE_CANTOPEN';
  return null;
}

/** Turns a SQLite (or file-system) failure into a 'storage' BerthError naming the file; others pass through. */
export function toStorageError(error: unknown, file: string): unknown {
  if (error instanceof BerthError) return error;
  const code = sqliteCode(error) ?? codeOfSystemError(error);
  if (code === null) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new BerthError('storage', operatorMessage(code, file), {
    engineMessage: `${code}: ${text}`,
    cause: error,
  });
}

/** The file's mode forbids writing: checked up front because SQLite running as root ignores it. */
export function readOnlyFileError(file: string): BerthError {
  return new BerthError('storage', operatorMessage('SQLITE_READONLY', file), {
    engineMessage: 'The database file has no write permission bits',
  });
}

/**
 * Wraps every method of a repository so a SQLite failure leaves it (thrown or as a rejection)
 * as a 'storage' BerthError.
 * Used once per repository where the store is put together.
 */
export function guardMethods<T extends object>(target: T, file: string): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    guarded[name] =
      typeof value === 'function'
        ? (...args: unknown[]): unknown => {
            try {
              const result = (value as (...a: unknown[]) => unknown).apply(target, args);
              return result instanceof Promise
                ? result.catch((error: unknown) => {
                    throw toStorageError(error, file);
                  })
                : result;
            } catch (error) {
              throw toStorageError(error, file);
            }
          }
        : value;
  }
  return guarded as T;
}
