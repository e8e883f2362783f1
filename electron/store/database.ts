// The store: one SQLite file in the data directory, migrated on open, and every repository over it.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditLog } from './audit-log';
import { createAuditLog } from './audit-log';
import type { AuditTuning } from './audit-query';
import type { ChallengeRepository } from './challenges';
import { createChallengeRepository } from './challenges';
import type { HostRepository } from './hosts';
import { createHostRepository } from './hosts';
import type { InstanceRepository } from './instances';
import { createInstanceRepository } from './instances';
import { migrate, migrations } from './migrations';
import type { PortReservations } from './port-reservations';
import { createPortReservations } from './port-reservations';
import type { SecretBox } from './secret-box';
import type { SecretRepository } from './secrets';
import { createSecretRepository } from './secrets';
import type { SettingsRepository } from './settings-store';
import { createSettingsRepository } from './settings-store';
import { guardMethods, readOnlyFileError, toStorageError } from './storage-errors';
import type { StoreContext } from './store-context';
import type { TeamRepository } from './teams';
import { createTeamRepository } from './teams';
import { createTransactionScope } from './transaction-scope';
import { componentLogger } from '../logger';

const log = componentLogger('store');

export interface StoreOptions {
  /** The database file, or ':memory:'. */
  file: string;
  secretBox: SecretBox;
  /** Milliseconds since the epoch; Date.now by default. */
  clock?: () => number;
  /** Random bytes; crypto.randomBytes by default. */
  random?: (bytes: number) => Buffer;
  /** New ids; crypto.randomUUID by default. */
  newId?: () => string;
  /** How long a write waits for another process's lock before failing; 5 s by default. */
  busyTimeoutMs?: number;
  /** Audit query thresholds; only tests give other ones, to reach every access path on small logs. */
  auditTuning?: Partial<AuditTuning>;
}

export interface Store {
  readonly file: string;
  /** True when the file may not be written: reads are served, every write fails as 'storage'. */
  readonly readOnly: boolean;
  audit: AuditLog;
  challenges: ChallengeRepository;
  teams: TeamRepository;
  instances: InstanceRepository;
  ports: PortReservations;
  hosts: HostRepository;
  settings: SettingsRepository;
  secrets: SecretRepository;
  /** Runs `fn` as one write transaction (repository calls inside join it); all or nothing. */
  transaction<T>(fn: () => T): T;
  /** Closes the database; the store must not be used afterwards. */
  close(): void;
}

/** Reads are served from memory-mapped pages: index lookups over a large audit log cost far less. */
const mmapBytes = 1024 ** 3;
const cacheKibibytes = 65_536;

function connect(
  file: string,
  busyTimeoutMs: number,
): { db: Database.Database; readOnly: boolean } {
  let readOnly = false;
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
    const mode = statSync(file, { throwIfNoEntry: false })?.mode;
    // Opened for reading only, as SQLite running as root would write the file regardless.
    readOnly = mode !== undefined && (mode & 0o222) === 0;
  }
  const db = new Database(file, { timeout: busyTimeoutMs, readonly: readOnly });
  try {
    const journal = db.pragma(readOnly ? 'journal_mode' : 'journal_mode = WAL', {
      simple: true,
    }) as string;
    if (file !== ':memory:' && journal !== 'wal') {
      log.warn({ file, journal }, 'the database could not use WAL mode');
    }
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${cacheKibibytes}`);
    db.pragma(`mmap_size = ${mmapBytes}`);
    return { db, readOnly };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens (creating and migrating as needed) the store; SQLite failures become 'storage' errors. */
export function openStore(options: StoreOptions): Store {
  const { file } = options;
  let db: Database.Database;
  let readOnly: boolean;
  try {
    ({ db, readOnly } = connect(file, options.busyTimeoutMs ?? 5000));
  } catch (error) {
    throw toStorageError(error, file);
  }

  try {
    if (readOnly) {
      // Nothing can be migrated in a file that may not be written: only a current one is served.
      if (db.pragma('user_version', { simple: true }) !== migrations.length) {
        throw readOnlyFileError(file);
      }
      log.warn({ file }, 'the database file is read-only; serving it for reading only');
    } else {
      migrate(db, file, migrations);
    }
    const context: StoreContext = {
      db,
      scope: createTransactionScope(db),
      clock: options.clock ?? Date.now,
      newId: options.newId ?? randomUUID,
      randomBytes: options.random ?? randomBytes,
      secretBox: options.secretBox,
    };
    const ports = createPortReservations(context);
    const guard = <T extends object>(repository: T): T => guardMethods(repository, file);

    return {
      file,
      readOnly,
      audit: guard(createAuditLog({ ...context, auditTuning: options.auditTuning ?? {} })),
      challenges: guard(createChallengeRepository(context)),
      teams: guard(createTeamRepository(context)),
      instances: guard(createInstanceRepository(context, ports)),
      ports: guard(ports),
      hosts: guard(createHostRepository(context)),
      settings: guard(createSettingsRepository(context)),
      secrets: guard(createSecretRepository(context)),
      transaction: (fn) => guardMethods({ run: () => context.scope.write(fn) }, file).run(),
      close: () => {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw toStorageError(error, file);
  }
}
