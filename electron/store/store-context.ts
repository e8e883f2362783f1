// What every repository is built from: one connection, its transactions, time, ids and randomness.
import type Database from 'better-sqlite3';
import type { SecretBox } from './secret-box';
import type { TransactionScope } from './transaction-scope';

export interface StoreContext {
  db: Database.Database;
  scope: TransactionScope;
  /** Milliseconds since the epoch. */
  clock: () => number;
  newId: () => string;
  randomBytes: (size: number) => Buffer;
  secretBox: SecretBox;
}
