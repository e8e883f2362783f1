// Host port reservations: unique on (host, port), chosen and written in one transaction.
import { BerthError } from '../../shared/errors';
import { liveStatusSql } from './live-instances';
import { isUniqueViolation } from './storage-errors';
import type { StoreContext } from './store-context';

export type PortReservationKind = 'instance' | 'engine-taken';

export interface PortReservation {
  hostId: string;
  port: number;
  /** The instance holding the port; null for ports the engine reported as taken by something else. */
  instanceId: string | null;
  kind: PortReservationKind;
  reason: string;
  createdAt: number;
}

export interface ReserveOptions {
  hostId: string;
  /** The instance the ports are for; null holds them for none until the next `releaseOrphans`. */
  instanceId: string | null;
  count: number;
  range: { start: number; end: number };
  /** Ports to pass over besides the reserved ones, e.g. those the engine already publishes. */
  exclude: ReadonlySet<number>;
  /** A float in [0, 1): where in the range the search starts, so ports spread out. */
  random: () => number;
}

export interface PortReservations {
  /** Picks `count` distinct free ports in the range and reserves them all, or none ('limit'). */
  reserve(options: ReserveOptions): number[];
  /** Gives one given port to an instance (adoption); 'conflict' when another live instance holds it. */
  claim(hostId: string, port: number, instanceId: string): void;
  /** Records a port the engine reported as taken, so it is passed over; false when an instance holds it. */
  markTaken(hostId: string, port: number, reason: string): boolean;
  /** Frees every port of an instance; returns how many. */
  releaseInstance(instanceId: string): number;
  /** Frees one port; returns whether it was reserved. */
  releasePort(hostId: string, port: number): boolean;
  /** Forgets the ports marked as taken by the engine on a host; returns how many. */
  releaseTaken(hostId: string): number;
  listForInstance(instanceId: string): PortReservation[];
  /** Every reservation on a host, by port. */
  listForHost(hostId: string): PortReservation[];
  countForHost(hostId: string): number;
  /** Frees instance reservations whose instance is missing or no longer live; returns how many. */
  releaseOrphans(): number;
}

interface ReservationRow {
  host_id: string;
  port: number;
  instance_id: string | null;
  kind: PortReservationKind;
  reason: string;
  created_at: number;
}

const columns = 'host_id, port, instance_id, kind, reason, created_at';

function fromRow(row: ReservationRow): PortReservation {
  return {
    hostId: row.host_id,
    port: row.port,
    instanceId: row.instance_id,
    kind: row.kind,
    reason: row.reason,
    createdAt: row.created_at,
  };
}

function checkPort(port: number, field: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BerthError('invalid-input', `Port ${port} is not a whole number from 1 to 65535`, {
      field,
    });
  }
}

function checkRange(range: { start: number; end: number }): void {
  checkPort(range.start, 'range.start');
  checkPort(range.end, 'range.end');
  if (range.start > range.end) {
    throw new BerthError('invalid-input', 'The port range must start at or below its end', {
      field: 'range.end',
    });
  }
}

/** `count` ports of the range that are neither reserved nor excluded, from a random start onwards. */
function pickFree(options: ReserveOptions, reserved: ReadonlySet<number>): number[] {
  const { start, end } = options.range;
  const size = end - start + 1;
  const offset = Math.min(size - 1, Math.max(0, Math.floor(options.random() * size)));
  const picked: number[] = [];
  for (let i = 0; i < size && picked.length < options.count; i += 1) {
    const port = start + ((offset + i) % size);
    if (!reserved.has(port) && !options.exclude.has(port)) picked.push(port);
  }
  return picked;
}

/** The port reservations of one store. */
export function createPortReservations(context: StoreContext): PortReservations {
  const { db, scope, clock } = context;
  const reservedIn = db
    .prepare('SELECT port FROM port_reservations WHERE host_id = ? AND port BETWEEN ? AND ?')
    .pluck();
  const insert = db.prepare(`INSERT INTO port_reservations (${columns}) VALUES (?, ?, ?, ?, ?, ?)`);
  const holder = db.prepare(
    `SELECT r.instance_id AS instanceId, r.kind AS kind,
       (i.status IS NOT NULL AND i.status IN ${liveStatusSql}) AS live
     FROM port_reservations AS r LEFT JOIN instances AS i ON i.id = r.instance_id
     WHERE r.host_id = ? AND r.port = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO port_reservations (${columns}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (host_id, port) DO UPDATE SET instance_id = excluded.instance_id,
       kind = excluded.kind, reason = excluded.reason, created_at = excluded.created_at`,
  );
  const hostName = db.prepare('SELECT name FROM hosts WHERE id = ?').pluck();
  const instanceExists = db.prepare('SELECT 1 FROM instances WHERE id = ?').pluck();
  const deleteForInstance = db.prepare('DELETE FROM port_reservations WHERE instance_id = ?');
  const deletePort = db.prepare('DELETE FROM port_reservations WHERE host_id = ? AND port = ?');
  const deleteTaken = db.prepare(
    `DELETE FROM port_reservations WHERE host_id = ? AND kind = 'engine-taken'`,
  );
  const forInstance = db.prepare(
    `SELECT ${columns} FROM port_reservations WHERE instance_id = ? ORDER BY created_at, port`,
  );
  const forHost = db.prepare(
    `SELECT ${columns} FROM port_reservations WHERE host_id = ? ORDER BY port`,
  );
  const countHost = db.prepare('SELECT count(*) FROM port_reservations WHERE host_id = ?').pluck();
  const deleteOrphans = db.prepare(
    `DELETE FROM port_reservations WHERE kind = 'instance' AND (instance_id IS NULL OR instance_id
       NOT IN (SELECT id FROM instances WHERE status IN ${liveStatusSql}))`,
  );

  function requireHost(hostId: string): string {
    const name = hostName.get(hostId) as string | undefined;
    if (name === undefined) {
      throw new BerthError('not-found', `No host with id ${hostId}`, { field: 'hostId' });
    }
    return name;
  }

  function requireInstance(instanceId: string): void {
    if (instanceExists.get(instanceId) === undefined) {
      throw new BerthError('not-found', `No instance with id ${instanceId}`, {
        field: 'instanceId',
      });
    }
  }

  function holderOf(
    hostId: string,
    port: number,
  ): { instanceId: string | null; kind: string; live: number } | undefined {
    return holder.get(hostId, port) as
      { instanceId: string | null; kind: string; live: number } | undefined;
  }

  return {
    reserve(options) {
      checkRange(options.range);
      if (!Number.isInteger(options.count) || options.count < 0) {
        throw new BerthError('invalid-input', 'The number of ports must be a whole number', {
          field: 'count',
        });
      }
      if (options.count === 0) return [];

      return scope.write(() => {
        const name = requireHost(options.hostId);
        if (options.instanceId !== null) requireInstance(options.instanceId);
        const { start, end } = options.range;
        const reserved = new Set(reservedIn.all(options.hostId, start, end) as number[]);
        const ports = pickFree(options, reserved);
        if (ports.length < options.count) {
          throw new BerthError(
            'limit',
            ports.length === 0
              ? `No free port left in ${start}-${end} on ${name}; widen its port range or remove instances`
              : `Only ${ports.length} free port${ports.length === 1 ? '' : 's'} left in ${start}-${end} on ${name}, and ${options.count} are needed; widen its port range or remove instances`,
          );
        }
        const now = clock();
        for (const port of ports) {
          try {
            insert.run(options.hostId, port, options.instanceId, 'instance', '', now);
          } catch (error) {
            // Unreachable while every write takes the lock first; kept as the rule's last guard.
            if (!isUniqueViolation(error)) throw error;
            throw new BerthError(
              'conflict',
              `Port ${port} on ${name} was reserved at the same moment; try again`,
              {
                field: 'port',
              },
            );
          }
        }
        return ports;
      });
    },

    claim(hostId, port, instanceId) {
      checkPort(port, 'port');
      scope.write(() => {
        requireHost(hostId);
        requireInstance(instanceId);
        const current = holderOf(hostId, port);
        if (current && current.instanceId !== instanceId && current.live === 1) {
          throw new BerthError(
            'conflict',
            `Port ${port} is already reserved for another live instance`,
            {
              field: 'port',
            },
          );
        }
        upsert.run(
          hostId,
          port,
          instanceId,
          'instance',
          'Claimed for an adopted container',
          clock(),
        );
      });
    },

    markTaken(hostId, port, reason) {
      checkPort(port, 'port');
      return scope.write(() => {
        requireHost(hostId);
        const current = holderOf(hostId, port);
        if (current && current.kind === 'instance' && current.live === 1) return false;
        upsert.run(hostId, port, null, 'engine-taken', reason, clock());
        return true;
      });
    },

    releaseInstance: (instanceId) => deleteForInstance.run(instanceId).changes,
    releasePort: (hostId, port) => deletePort.run(hostId, port).changes > 0,
    releaseTaken: (hostId) => deleteTaken.run(hostId).changes,
    listForInstance: (instanceId) => (forInstance.all(instanceId) as ReservationRow[]).map(fromRow),
    listForHost: (hostId) => (forHost.all(hostId) as ReservationRow[]).map(fromRow),
    countForHost: (hostId) => countHost.get(hostId) as number,
    releaseOrphans: () => deleteOrphans.run().changes,
  };
}
