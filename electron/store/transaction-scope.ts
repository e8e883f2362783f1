// Write transactions that nest, and work that waits until the outermost one has committed.
import type Database from 'better-sqlite3';
import { BerthError } from '../../shared/errors';
import { componentLogger } from '../logger';

const log = componentLogger('store');

export interface TransactionScope {
  /** Runs `fn` in one IMMEDIATE write transaction, or in a savepoint when one is already open. */
  write<T>(fn: () => T): T;
  /** Runs `callback` once the outermost transaction commits (at once when none is open); dropped on rollback. */
  afterCommit(callback: () => void): void;
}

/** A scope over one connection. */
export function createTransactionScope(db: Database.Database): TransactionScope {
  let pending: (() => void)[] = [];

  /** A promise would let the transaction commit before the work it stands for is done. */
  const synchronous =
    <T>(fn: () => T) =>
    (): T => {
      const result = fn();
      if (result instanceof Promise) {
        throw new BerthError('internal', 'A store transaction must not wait for anything', {
          engineMessage: 'transaction function returned a promise',
        });
      }
      return result;
    };

  function flush(): void {
    const callbacks = pending;
    pending = [];
    for (const callback of callbacks) {
      try {
        callback();
      } catch (error) {
        // The data is committed; a listener's failure must not turn that into an error.
        log.error({ err: error }, 'after-commit listener failed');
      }
    }
  }

  return {
    write<T>(fn: () => T): T {
      if (db.inTransaction) {
        const mark = pending.length;
        try {
          return db.transaction(synchronous(fn))();
        } catch (error) {
          pending.length = mark;
          throw error;
        }
      }
      let result: T;
      try {
        result = db.transaction(synchronous(fn)).immediate();
      } catch (error) {
        pending = [];
        throw error;
      }
      flush();
      return result;
    },

    afterCommit(callback) {
      if (db.inTransaction) pending.push(callback);
      else callback();
    },
  };
}
