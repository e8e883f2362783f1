// An instance: one team's container of one challenge on one host.
import type { ErrorInfo } from './errors';
import type { PortProtocol } from './challenge';

export const instanceStatuses = [
  'starting', // reserved and being created
  'running',
  'stopped', // stopped by the operator, still counted and reserved
  'unknown', // its host is unreachable; nothing is decided until it returns
  'failed', // the launch failed; nothing is left on the engine
  'removed', // removed by the operator or the reaper
  'gone', // the container vanished behind Berth's back
] as const;
export type InstanceStatus = (typeof instanceStatuses)[number];

/** Statuses that hold a container and port reservations. */
export const liveStatuses: readonly InstanceStatus[] = [
  'starting',
  'running',
  'stopped',
  'unknown',
];

export interface InstancePort {
  containerPort: number;
  protocol: PortProtocol;
  hostPort: number;
  hostIp: string;
}

export interface Instance {
  id: string;
  challengeId: string;
  teamId: string;
  hostId: string;
  containerId: string | null;
  containerName: string;
  /** 'container' for a plain engine, 'service' on a Swarm manager. */
  workload: 'container' | 'service';
  status: InstanceStatus;
  ports: InstancePort[];
  /** SHA-256 of the flag, never the flag itself. */
  flagHash: string;
  createdAt: number;
  startedAt: number | null;
  expiresAt: number;
  extensions: number;
  endedAt: number | null;
  error: ErrorInfo | null;
}
