// What API methods return: the domain objects as operators see them, without secrets.
import type { Challenge, PortProtocol } from './challenge';
import type { ErrorInfo } from './errors';
import type { HostConnection, HostSpec, HostStatus } from './host';
import type { Instance } from './instance';
import type { SecretBoxKindView } from './secret-kind';

/** A host's connection with secret fields replaced by whether they are set. */
export type HostConnectionView =
  | Exclude<HostConnection, { kind: 'tls' } | { kind: 'ssh' }>
  | (Omit<Extract<HostConnection, { kind: 'tls' }>, 'key' | 'passphrase'> & {
      hasKey: boolean;
      hasPassphrase: boolean;
    })
  | (Omit<Extract<HostConnection, { kind: 'ssh' }>, 'privateKey' | 'passphrase'> & {
      hasKey: boolean;
    });

export interface HostView extends Omit<HostSpec, 'connection'> {
  id: string;
  createdAt: number;
  connection: HostConnectionView;
  status: HostStatus;
  liveInstances: number;
}

export interface HostTestResult {
  ok: boolean;
  version: string | null;
  apiVersion: string | null;
  error: ErrorInfo | null;
}

export interface ImageView {
  hostId: string;
  id: string;
  tags: string[];
  digests: string[];
  sizeBytes: number;
  createdAt: number;
  exposedPorts: { port: number; protocol: string }[];
}

export interface ConnectionLink {
  containerPort: number;
  protocol: PortProtocol;
  hostPort: number;
  /** The operator-facing text, e.g. `nc 10.0.0.5 31337` or `http://10.0.0.5:31337/`. */
  text: string;
  /** An http(s) URL to open in the browser, for http ports. */
  url: string | null;
}

export interface InstanceView extends Instance {
  teamName: string;
  challengeName: string;
  hostName: string;
  connection: ConnectionLink[];
  maxExtensions: number;
  usage: { cpuPercent: number; memoryBytes: number } | null;
}

export interface LaunchOutcome {
  teamId: string;
  teamName: string;
  instance: InstanceView | null;
  error: ErrorInfo | null;
  /** True when the team already had a live instance and it was returned. */
  existing: boolean;
}

export interface LaunchAllResult {
  batchId: string;
  outcomes: LaunchOutcome[];
}

export interface LaunchProgress {
  batchId: string;
  challengeId: string;
  done: number;
  total: number;
  outcome: LaunchOutcome;
}

export interface ProbeResult {
  containerPort: number;
  hostPort: number;
  protocol: PortProtocol;
  ok: boolean;
  detail: string;
}

export interface ReconcileReport {
  hostId: string;
  adopted: number;
  removedUnknown: number;
  markedGone: number;
  portsReleased: number;
  errors: ErrorInfo[];
}

export interface ChallengeImportResult {
  challenge: Challenge;
  warnings: string[];
}

export interface TeamImportResult {
  added: number;
  skipped: { name: string; reason: string }[];
}

export interface LogsResult {
  text: string;
  truncated: boolean;
}

export interface LogChunkEvent {
  streamId: string;
  stream: 'stdout' | 'stderr';
  text: string;
  ended: boolean;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser';
  dataDir: string;
  secretStorage: SecretBoxKindView;
}
