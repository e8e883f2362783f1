// Hosts: the engines Berth reaches, with their connection secrets sealed before they are written.
import { BerthError } from '../../shared/errors';
import type { Host, HostConnection, HostSpec } from '../../shared/host';
import { hostInputSchema } from '../../shared/host';
import { refuseWhileLive } from './live-instances';
import type { SecretBox } from './secret-box';
import { isUniqueViolation } from './storage-errors';
import type { StoreContext } from './store-context';
import { nameKey, parseInput, readJson } from './validation';

export interface HostRepository {
  /** Saves a host; `id` may be chosen (e.g. 'local'), else one is made. A used name or id is a 'conflict'. */
  add(spec: HostSpec, options?: { id?: string }): Host;
  /**
   * Replaces a host's definition. With `keepSecrets`, secret fields left empty keep the stored
   * value (for forms that never see secrets); without it, what is given is what is kept.
   */
  update(id: string, spec: HostSpec, options?: { keepSecrets?: boolean }): Host;
  /** Deletes a host with its ended instances and reservations; refused ('conflict') while any instance is live. */
  remove(id: string): void;
  get(id: string): Host | null;
  /** Every host, in the order they were added. */
  list(): Host[];
}

interface HostRow {
  id: string;
  spec: string;
  created_at: number;
}

type SecretField = 'key' | 'passphrase' | 'privateKey';

/** The fields of a connection that are sealed at rest; CA and certificates are public. */
function secretFields(connection: HostConnection): SecretField[] {
  if (connection.kind === 'tls') return ['key', 'passphrase'];
  if (connection.kind === 'ssh') return ['privateKey', 'passphrase'];
  return [];
}

/** Applies `transform` to each non-empty secret field of the connection. */
function mapSecrets(
  connection: HostConnection,
  transform: (value: string) => string,
): HostConnection {
  const copy: Record<string, unknown> = { ...connection };
  for (const field of secretFields(connection)) {
    const value = copy[field];
    if (typeof value === 'string' && value !== '') copy[field] = transform(value);
  }
  return copy as HostConnection;
}

function keepStoredSecrets(next: HostConnection, stored: HostConnection): HostConnection {
  if (next.kind !== stored.kind) return next;
  const copy: Record<string, unknown> = { ...next };
  const previous = stored as Record<string, unknown>;
  for (const field of secretFields(next)) {
    if (copy[field] === '') copy[field] = previous[field];
  }
  return copy as HostConnection;
}

function sealed(spec: HostSpec, box: SecretBox): string {
  return JSON.stringify({ ...spec, connection: mapSecrets(spec.connection, (v) => box.seal(v)) });
}

function fromRow(row: HostRow, box: SecretBox): Host {
  const spec = readJson(row.spec, 'hosts.spec') as HostSpec;
  return {
    ...spec,
    connection: mapSecrets(spec.connection, (v) => box.open(v)),
    id: row.id,
    createdAt: row.created_at,
  };
}

function taken(error: unknown, spec: HostSpec, id: string): unknown {
  if (!isUniqueViolation(error)) return error;
  return error instanceof Error && error.message.includes('hosts.id')
    ? new BerthError('conflict', `A host with id ${id} already exists`, { field: 'id' })
    : new BerthError('conflict', `A host named ${spec.name} already exists`, { field: 'name' });
}

/** The hosts of one store. */
export function createHostRepository(context: StoreContext): HostRepository {
  const { db, clock, newId, scope, secretBox } = context;
  const insert = db.prepare(
    'INSERT INTO hosts (id, name, name_key, spec, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const replace = db.prepare('UPDATE hosts SET name = ?, name_key = ?, spec = ? WHERE id = ?');
  const byId = db.prepare('SELECT id, spec, created_at FROM hosts WHERE id = ?');
  const all = db.prepare('SELECT id, spec, created_at FROM hosts ORDER BY created_at, rowid');
  const remove = db.prepare('DELETE FROM hosts WHERE id = ?');

  function get(id: string): Host | null {
    const row = byId.get(id) as HostRow | undefined;
    return row ? fromRow(row, secretBox) : null;
  }

  function mustGet(id: string): Host {
    const host = get(id);
    if (!host) throw new BerthError('not-found', `No host with id ${id}`, { field: 'id' });
    return host;
  }

  return {
    add(input, options = {}) {
      const spec = parseInput(hostInputSchema, input);
      const id = options.id ?? newId();
      if (id === '')
        throw new BerthError('invalid-input', 'A host id cannot be empty', { field: 'id' });
      const createdAt = clock();
      try {
        insert.run(id, spec.name, nameKey(spec.name), sealed(spec, secretBox), createdAt);
      } catch (error) {
        throw taken(error, spec, id);
      }
      return { ...spec, id, createdAt };
    },

    update(id, input, options = {}) {
      const parsed = parseInput(hostInputSchema, input);
      return scope.write(() => {
        const existing = mustGet(id);
        const spec: HostSpec = options.keepSecrets
          ? { ...parsed, connection: keepStoredSecrets(parsed.connection, existing.connection) }
          : parsed;
        try {
          replace.run(spec.name, nameKey(spec.name), sealed(spec, secretBox), id);
        } catch (error) {
          throw taken(error, spec, id);
        }
        return { ...spec, id, createdAt: existing.createdAt };
      });
    },

    remove(id) {
      scope.write(() => {
        const host = mustGet(id);
        refuseWhileLive(context, 'host_id', id, `Host ${host.name}`);
        remove.run(id);
      });
    },

    get,
    list: () => (all.all() as HostRow[]).map((row) => fromRow(row, secretBox)),
  };
}
