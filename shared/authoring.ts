// What the authoring methods return: builds, image transfers, removals, test-runs, terminals and
// the event readiness check, as operators see them.
import type { PortProtocol } from './challenge';
import type { ErrorInfo } from './errors';
import type { ProbeResult } from './views';

/** Where a long image operation stands. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One instruction of a Dockerfile as the builder counts it ("Step 3/5 : RUN make"). */
export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
}

/** Pushed as 'build.progress' while a build runs, and once more when it ends. */
export interface BuildProgress {
  buildId: string;
  hostId: string;
  tag: string;
  status: JobStatus;
  /** Build output lines written since the previous event. */
  lines: string[];
  step: BuildStep | null;
  imageId: string | null;
  /** The step that failed, when the builder named one. */
  failedStep: BuildStep | null;
  /** The builder's own reason for a failure, as the build log shows it. */
  failure: string | null;
  error: ErrorInfo | null;
}

/** A build as a screen opened late sees it: the whole log so far (the last lines when it is long). */
export interface BuildView extends Omit<BuildProgress, 'lines'> {
  log: string[];
  startedAt: number;
  endedAt: number | null;
}

export type TransferKind = 'load' | 'save' | 'copy';

/** Pushed as 'transfer.progress' while images are loaded, saved or copied, and when that ends. */
export interface TransferProgress {
  transferId: string;
  kind: TransferKind;
  /** The host images come from (save, copy). */
  fromHostId: string | null;
  /** The host images go to (load, copy). */
  toHostId: string | null;
  status: JobStatus;
  bytesDone: number;
  /** An estimate from the images' sizes; null when nothing tells it (loading a file tells it). */
  bytesTotal: number | null;
  /** What the target engine reported loaded, or what was saved: names, or ids of untagged images. */
  images: string[];
  error: ErrorInfo | null;
}

export interface TransferView extends TransferProgress {
  startedAt: number;
  endedAt: number | null;
}

export interface ImageJobs {
  builds: BuildView[];
  transfers: TransferView[];
}

/** One image a removal or a prune would delete, with what stands in the way. */
export interface ImageRemovalItem {
  id: string;
  tags: string[];
  sizeBytes: number;
  /** Names of containers (running or stopped) made from the image. */
  usedBy: string[];
  /** Why it cannot go as things stand; null when it can. */
  blocked: string | null;
}

/** What a removal or prune would do: the confirmation lists these, the apply method takes their ids. */
export interface ImageRemovalPlan {
  hostId: string;
  items: ImageRemovalItem[];
  /** References asked for that the engine does not hold. */
  missing: string[];
  totalBytes: number;
}

export interface ImageRemovalResult {
  hostId: string;
  removed: { id: string; tags: string[] }[];
  failed: { id: string; error: ErrorInfo }[];
  reclaimedBytes: number;
}

export interface TestRunPort {
  containerPort: number;
  protocol: PortProtocol;
  hostIp: string;
  hostPort: number;
}

/** A container started once from an image to try it; removed in one click and when Berth closes. */
export interface TestRunView {
  id: string;
  hostId: string;
  hostName: string;
  image: string;
  imageId: string;
  containerId: string;
  containerName: string;
  ports: TestRunPort[];
  startedAt: number;
  /** The engine's state word: running, exited... */
  state: string;
}

export interface TestRunProbe {
  runId: string;
  results: ProbeResult[];
}

export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/** Pushed as 'terminal.output': bytes of a terminal session as text, and its end. */
export interface TerminalOutput {
  sessionId: string;
  data: string;
  ended: boolean;
  exitCode: number | null;
}

export type ReadinessCheckName = 'image' | 'ports' | 'portRange' | 'memory' | 'trial';

export interface ReadinessCheck {
  status: 'pass' | 'fail' | 'skipped';
  reason: string;
}

/** One challenge on one host. */
export interface ReadinessCell {
  hostId: string;
  ok: boolean;
  checks: Record<ReadinessCheckName, ReadinessCheck>;
}

export interface ReadinessRow {
  challengeId: string;
  challengeName: string;
  image: string;
  cells: ReadinessCell[];
}

/** A host's totals across every challenge: every team may hold an instance of each. */
export interface ReadinessHost {
  hostId: string;
  hostName: string;
  reachable: boolean;
  memoryBytes: number | null;
  portRange: { start: number; end: number };
  ports: ReadinessCheck;
  memory: ReadinessCheck;
}

export interface ReadinessReport {
  id: string;
  checkedAt: number;
  teams: number;
  ok: boolean;
  hosts: ReadinessHost[];
  rows: ReadinessRow[];
}

export const readinessCheckLabels: Record<ReadinessCheckName, string> = {
  image: 'Image',
  ports: 'Exposed ports',
  portRange: 'Port range',
  memory: 'Memory',
  trial: 'Trial instance',
};
