// Secrets Berth makes for itself (the flag secret), sealed with the SecretBox and made once.
import type { StoreContext } from './store-context';

export interface SecretRepository {
  /** 32 random bytes made on first use, sealed at rest, the same on every later call and reopen. */
  flagSecret(): Buffer;
  /** The named secret, made with `create` (and sealed) the first time it is asked for. */
  getOrCreate(name: string, create: () => string): string;
}

const flagSecretName = 'flag-secret';
const flagSecretBytes = 32;

/** The secrets of one store. */
export function createSecretRepository(context: StoreContext): SecretRepository {
  const { db, scope, clock, secretBox, randomBytes } = context;
  const read = db.prepare('SELECT sealed FROM secrets WHERE name = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO secrets (name, sealed, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
  );
  const cache = new Map<string, string>();

  function getOrCreate(name: string, create: () => string): string {
    const known = cache.get(name);
    if (known !== undefined) return known;
    const value = scope.write(() => {
      const stored = read.get(name) as string | undefined;
      if (stored !== undefined) return secretBox.open(stored);
      const made = create();
      insert.run(name, secretBox.seal(made), clock());
      return made;
    });
    // Cached only once committed: a secret rolled back with an outer transaction was never kept.
    scope.afterCommit(() => cache.set(name, value));
    return value;
  }

  return {
    flagSecret: () =>
      Buffer.from(
        getOrCreate(flagSecretName, () => randomBytes(flagSecretBytes).toString('base64')),
        'base64',
      ),
    getOrCreate,
  };
}
