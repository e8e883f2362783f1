// Challenges: the definitions an operator launches, with unique names and nested parts as JSON.
import type { Challenge, ChallengeSpec } from '../../shared/challenge';
import { challengeInputSchema } from '../../shared/challenge';
import { BerthError } from '../../shared/errors';
import { refuseWhileLive } from './live-instances';
import { isUniqueViolation } from './storage-errors';
import type { StoreContext } from './store-context';
import { nameKey, parseInput, readJson } from './validation';

export interface ChallengeRepository {
  /** Saves a new challenge; a name already used (in any letter case) is a 'conflict' on 'name'. */
  create(spec: ChallengeSpec): Challenge;
  /** Replaces a challenge's definition; 'not-found' on 'id' when there is none. */
  update(id: string, spec: ChallengeSpec): Challenge;
  get(id: string): Challenge | null;
  /** The challenge with this name, in any letter case. */
  getByName(name: string): Challenge | null;
  /** Every challenge, by name. */
  list(): Challenge[];
  /** Deletes a challenge and its ended instances; refused ('conflict') while any is live. */
  remove(id: string): void;
}

interface ChallengeRow {
  id: string;
  name: string;
  category: string;
  description: string;
  value: number;
  image: string;
  ports: string;
  env: string;
  command: string | null;
  flag: string;
  limits: string;
  read_only_rootfs: number;
  lifetime_seconds: number;
  extension_seconds: number;
  max_extensions: number;
  connection_info: string;
  extra: string;
  created_at: number;
  updated_at: number;
}

const columns = `id, name, category, description, value, image, ports, env, command, flag, limits,
  read_only_rootfs, lifetime_seconds, extension_seconds, max_extensions, connection_info, extra,
  created_at, updated_at`;

function fromRow(row: ChallengeRow): Challenge {
  const json = (text: string, column: string): unknown => readJson(text, `challenges.${column}`);
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    value: row.value,
    image: row.image,
    ports: json(row.ports, 'ports') as Challenge['ports'],
    env: json(row.env, 'env') as Challenge['env'],
    command: row.command === null ? null : (json(row.command, 'command') as string[]),
    flag: json(row.flag, 'flag') as Challenge['flag'],
    limits: json(row.limits, 'limits') as Challenge['limits'],
    readOnlyRootfs: row.read_only_rootfs === 1,
    lifetimeSeconds: row.lifetime_seconds,
    extensionSeconds: row.extension_seconds,
    maxExtensions: row.max_extensions,
    connectionInfo: row.connection_info,
    extra: json(row.extra, 'extra') as Challenge['extra'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The column values of a spec, in the order of `columns` after id. */
function specValues(spec: ChallengeSpec): (string | number | null)[] {
  return [
    spec.name,
    nameKey(spec.name),
    spec.category,
    spec.description,
    spec.value,
    spec.image,
    JSON.stringify(spec.ports),
    JSON.stringify(spec.env),
    spec.command === null ? null : JSON.stringify(spec.command),
    JSON.stringify(spec.flag),
    JSON.stringify(spec.limits),
    spec.readOnlyRootfs ? 1 : 0,
    spec.lifetimeSeconds,
    spec.extensionSeconds,
    spec.maxExtensions,
    spec.connectionInfo,
    JSON.stringify(spec.extra),
  ];
}

function nameTaken(name: string, error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  return new BerthError('conflict', `A challenge named ${name} already exists`, { field: 'name' });
}

/** The challenges of one store. */
export function createChallengeRepository(context: StoreContext): ChallengeRepository {
  const { db, clock, newId } = context;
  const insert = db.prepare(
    `INSERT INTO challenges (id, name, name_key, category, description, value, image, ports, env,
       command, flag, limits, read_only_rootfs, lifetime_seconds, extension_seconds, max_extensions,
       connection_info, extra, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const replace = db.prepare(
    `UPDATE challenges SET name = ?, name_key = ?, category = ?, description = ?, value = ?,
       image = ?, ports = ?, env = ?, command = ?, flag = ?, limits = ?, read_only_rootfs = ?,
       lifetime_seconds = ?, extension_seconds = ?, max_extensions = ?, connection_info = ?,
       extra = ?, updated_at = ?
     WHERE id = ?`,
  );
  const byId = db.prepare(`SELECT ${columns} FROM challenges WHERE id = ?`);
  const byName = db.prepare(`SELECT ${columns} FROM challenges WHERE name_key = ?`);
  const all = db.prepare(`SELECT ${columns} FROM challenges ORDER BY name_key`);
  const remove = db.prepare('DELETE FROM challenges WHERE id = ?');

  function get(id: string): Challenge | null {
    const row = byId.get(id) as ChallengeRow | undefined;
    return row ? fromRow(row) : null;
  }

  function mustGet(id: string): Challenge {
    const challenge = get(id);
    if (!challenge) {
      throw new BerthError('not-found', `No challenge with id ${id}`, { field: 'id' });
    }
    return challenge;
  }

  return {
    create(input) {
      const spec = parseInput(challengeInputSchema, input);
      const id = newId();
      const now = clock();
      try {
        insert.run(id, ...specValues(spec), now, now);
      } catch (error) {
        throw nameTaken(spec.name, error);
      }
      return { ...spec, id, createdAt: now, updatedAt: now };
    },

    update(id, input) {
      const spec = parseInput(challengeInputSchema, input);
      const existing = mustGet(id);
      const now = clock();
      try {
        replace.run(...specValues(spec), now, id);
      } catch (error) {
        throw nameTaken(spec.name, error);
      }
      return { ...spec, id, createdAt: existing.createdAt, updatedAt: now };
    },

    get,
    getByName: (name) => {
      const row = byName.get(nameKey(name.trim())) as ChallengeRow | undefined;
      return row ? fromRow(row) : null;
    },
    list: () => (all.all() as ChallengeRow[]).map(fromRow),

    remove(id) {
      context.scope.write(() => {
        const challenge = mustGet(id);
        refuseWhileLive(context, 'challenge_id', id, `Challenge ${challenge.name}`);
        remove.run(id);
      });
    },
  };
}
