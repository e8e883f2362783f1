// Instances: one team's container of one challenge, at most one live per challenge and team.
import { BerthError } from '../../shared/errors';
import type { Instance, InstanceStatus } from '../../shared/instance';
import { instanceStatuses } from '../../shared/instance';
import type { InstanceRow } from './instance-rows';
import { instanceColumns, instanceFromRow, instanceValues } from './instance-rows';
import { liveStatusSql } from './live-instances';
import type { PortReservations, ReserveOptions } from './port-reservations';
import { statementCache } from './statement-cache';
import { isUniqueViolation } from './storage-errors';
import type { StoreContext } from './store-context';
import { givenEntries } from './validation';

export interface InstanceFilter {
  status?: readonly InstanceStatus[];
  hostId?: string;
  challengeId?: string;
  teamId?: string;
}

export interface InstanceRepository {
  /** Records an instance; a second live one for the same challenge and team is a 'conflict'. */
  insert(instance: Instance): Instance;
  /**
   * Records the instance as 'starting' and reserves its ports in one transaction: if the ports
   * cannot be had, nothing is written. The ports also fill `instance.ports[i].hostPort` in order.
   */
  insertWithPorts(
    instance: Instance,
    reserve: Omit<ReserveOptions, 'instanceId'> & { instanceId?: string | null },
  ): { instance: Instance; ports: number[] };
  /** Changes the given fields (never the id); 'not-found' when there is no such instance. */
  update(id: string, patch: Partial<Instance>): Instance;
  get(id: string): Instance | null;
  /** Instances matching every given filter, oldest first. */
  list(filter?: InstanceFilter): Instance[];
  /** The live instance of a challenge for a team, if any. */
  findLive(challengeId: string, teamId: string): Instance | null;
  countLive(filter?: { teamId?: string; hostId?: string; challengeId?: string }): number;
  /** Live instances whose expiry is at or before `now`, soonest first. */
  listExpired(now: number): Instance[];
  /** Live instances, of one host when given, oldest first. */
  listLive(hostId?: string): Instance[];
}

const statusSet = new Set<string>(instanceStatuses);

function liveConflict(): BerthError {
  return new BerthError('conflict', 'This team already has a live instance of this challenge', {
    field: 'teamId',
  });
}

function where(filter: InstanceFilter & { live?: boolean }): { sql: string; params: string[] } {
  const conditions: string[] = [];
  const params: string[] = [];
  if (filter.live) conditions.push(`status IN ${liveStatusSql}`);
  if (filter.status) {
    conditions.push(`status IN (${filter.status.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.status);
  }
  for (const [column, value] of [
    ['host_id', filter.hostId],
    ['challenge_id', filter.challengeId],
    ['team_id', filter.teamId],
  ] as const) {
    if (value !== undefined) {
      conditions.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/** The instances of one store; `ports` is the reservations repository of the same store. */
export function createInstanceRepository(
  context: StoreContext,
  ports: PortReservations,
): InstanceRepository {
  const { db, scope } = context;
  const prepared = statementCache(db);
  const insertRow = db.prepare(
    `INSERT INTO instances (${instanceColumns}) VALUES (${Array(16).fill('?').join(', ')})`,
  );
  const replaceRow = db.prepare(
    `UPDATE instances SET challenge_id = ?, team_id = ?, host_id = ?, container_id = ?,
       container_name = ?, workload = ?, status = ?, ports = ?, flag_hash = ?, created_at = ?,
       started_at = ?, expires_at = ?, extensions = ?, ended_at = ?, error = ?
     WHERE id = ?`,
  );
  const byId = db.prepare(`SELECT ${instanceColumns} FROM instances WHERE id = ?`);
  const expired = db.prepare(
    `SELECT ${instanceColumns} FROM instances
     WHERE status IN ${liveStatusSql} AND expires_at <= ? ORDER BY expires_at`,
  );
  const exists = {
    challenge: db.prepare('SELECT 1 FROM challenges WHERE id = ?').pluck(),
    team: db.prepare('SELECT 1 FROM teams WHERE id = ?').pluck(),
    host: db.prepare('SELECT 1 FROM hosts WHERE id = ?').pluck(),
  };

  function checkShape(instance: Instance): void {
    if (!statusSet.has(instance.status)) {
      throw new BerthError('invalid-input', `${instance.status} is not an instance status`, {
        field: 'status',
      });
    }
    const workload: string = instance.workload;
    if (workload !== 'container' && workload !== 'service') {
      throw new BerthError('invalid-input', 'An instance runs as a container or a service', {
        field: 'workload',
      });
    }
  }

  function checkReferences(instance: Instance): void {
    for (const [what, field, id] of [
      ['challenge', 'challengeId', instance.challengeId],
      ['team', 'teamId', instance.teamId],
      ['host', 'hostId', instance.hostId],
    ] as const) {
      if (exists[what].get(id) === undefined) {
        throw new BerthError('not-found', `No ${what} with id ${id}`, { field });
      }
    }
  }

  function get(id: string): Instance | null {
    const row = byId.get(id) as InstanceRow | undefined;
    return row ? instanceFromRow(row) : null;
  }

  function list(filter: InstanceFilter & { live?: boolean } = {}): Instance[] {
    const { sql, params } = where(filter);
    const rows = prepared(
      `SELECT ${instanceColumns} FROM instances ${sql} ORDER BY created_at, rowid`,
    ).all(...params) as InstanceRow[];
    return rows.map(instanceFromRow);
  }

  function insert(instance: Instance): Instance {
    checkShape(instance);
    return scope.write(() => {
      checkReferences(instance);
      try {
        insertRow.run(...instanceValues(instance));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw error instanceof Error && error.message.includes('instances.id')
          ? new BerthError('conflict', `An instance with id ${instance.id} already exists`, {
              field: 'id',
            })
          : liveConflict();
      }
      return instance;
    });
  }

  function update(id: string, patch: Partial<Instance>): Instance {
    if (patch.id !== undefined && patch.id !== id) {
      throw new BerthError('invalid-input', 'An instance keeps its id', { field: 'id' });
    }
    return scope.write(() => {
      const current = get(id);
      if (!current) throw new BerthError('not-found', `No instance with id ${id}`, { field: 'id' });
      const next: Instance = { ...current, ...Object.fromEntries(givenEntries(patch)), id };
      checkShape(next);
      const [, ...values] = instanceValues(next);
      try {
        replaceRow.run(...values, id);
      } catch (error) {
        throw isUniqueViolation(error) ? liveConflict() : error;
      }
      return next;
    });
  }

  return {
    insert,

    insertWithPorts(instance, reserve) {
      return scope.write(() => {
        const starting = insert({ ...instance, status: 'starting' });
        const reserved = ports.reserve({ ...reserve, instanceId: starting.id });
        if (reserved.length === 0 || starting.ports.length === 0) {
          return { instance: starting, ports: reserved };
        }
        const withPorts = starting.ports.map((port, i) => ({
          ...port,
          hostPort: reserved[i] ?? port.hostPort,
        }));
        return { instance: update(starting.id, { ports: withPorts }), ports: reserved };
      });
    },

    update,
    get,
    list,

    findLive(challengeId, teamId) {
      return list({ live: true, challengeId, teamId })[0] ?? null;
    },

    countLive(filter = {}) {
      const { sql, params } = where({ ...filter, live: true });
      return prepared(`SELECT count(*) FROM instances ${sql}`)
        .pluck()
        .get(...params) as number;
    },

    listExpired: (now) => (expired.all(now) as InstanceRow[]).map(instanceFromRow),
    listLive: (hostId) => list(hostId === undefined ? { live: true } : { live: true, hostId }),
  };
}
