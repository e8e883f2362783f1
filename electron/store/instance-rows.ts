// Instances as SQLite rows and back.
import type { ErrorInfo } from '../../shared/errors';
import type { Instance, InstancePort, InstanceStatus } from '../../shared/instance';
import { readJson } from './validation';

export interface InstanceRow {
  id: string;
  challenge_id: string;
  team_id: string;
  host_id: string;
  container_id: string | null;
  container_name: string;
  workload: Instance['workload'];
  status: InstanceStatus;
  ports: string;
  flag_hash: string;
  created_at: number;
  started_at: number | null;
  expires_at: number;
  extensions: number;
  ended_at: number | null;
  error: string | null;
}

export const instanceColumns = `id, challenge_id, team_id, host_id, container_id, container_name,
  workload, status, ports, flag_hash, created_at, started_at, expires_at, extensions, ended_at, error`;

/** The instance a row stands for. */
export function instanceFromRow(row: InstanceRow): Instance {
  return {
    id: row.id,
    challengeId: row.challenge_id,
    teamId: row.team_id,
    hostId: row.host_id,
    containerId: row.container_id,
    containerName: row.container_name,
    workload: row.workload,
    status: row.status,
    ports: readJson(row.ports, 'instances.ports') as InstancePort[],
    flagHash: row.flag_hash,
    createdAt: row.created_at,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    extensions: row.extensions,
    endedAt: row.ended_at,
    error: row.error === null ? null : (readJson(row.error, 'instances.error') as ErrorInfo),
  };
}

/** The column values of an instance, in the order of `instanceColumns`. */
export function instanceValues(instance: Instance): (string | number | null)[] {
  return [
    instance.id,
    instance.challengeId,
    instance.teamId,
    instance.hostId,
    instance.containerId,
    instance.containerName,
    instance.workload,
    instance.status,
    JSON.stringify(instance.ports),
    instance.flagHash,
    instance.createdAt,
    instance.startedAt,
    instance.expiresAt,
    instance.extensions,
    instance.endedAt,
    instance.error === null ? null : JSON.stringify(instance.error),
  ];
}
