// The one method table: every call the renderer (or a script) may make, its input schema and result type.
import { z } from 'zod';
import type { AuditEntry, AuditPage, AuditVerification } from './audit';
import { auditFilterSchema } from './audit';
import type { Challenge } from './challenge';
import { challengeInputSchema } from './challenge';
import type { HostStatus } from './host';
import { hostInputSchema } from './host';
import type { Settings } from './settings';
import { settingsPatchSchema } from './settings';
import type { Team } from './team';
import { teamNameSchema } from './team';
import type {
  BuildProgress,
  ExecOutput,
  ImageJobs,
  ImageRemovalPlan,
  ImageRemovalResult,
  ReadinessReport,
  TerminalOutput,
  TestRunView,
  TransferProgress,
} from './authoring';
import {
  buildInputSchema,
  imageIdsSchema,
  imageRefsSchema,
  readinessInputSchema,
  terminalSizeSchema,
  testRunInputSchema,
} from './authoring-inputs';
import type {
  AppInfo,
  ChallengeImportResult,
  HostTestResult,
  HostView,
  ImageView,
  InstanceView,
  LaunchAllResult,
  LaunchOutcome,
  LaunchProgress,
  LogChunkEvent,
  LogsResult,
  ProbeResult,
  ReconcileReport,
  TeamImportResult,
} from './views';

/** A method's input schema paired with its result type (the result exists only for the type checker). */
interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  result?: R;
}

function method<R>(): <I extends z.ZodType>(input: I) => MethodSpec<I, R> {
  return (input) => ({ input });
}

const id = z.string().min(1, 'An id is needed').max(100);
const byId = z.object({ id });
const none = z.object({}).strict().default({});
const hostChoice = z.string().min(1).max(100).optional();

export const apiMethods = {
  'app.info': method<AppInfo>()(none),

  'hosts.list': method<HostView[]>()(none),
  'hosts.add': method<HostView>()(hostInputSchema),
  'hosts.update': method<HostView>()(z.object({ id, host: hostInputSchema })),
  'hosts.remove': method<{ removed: true }>()(byId),
  /** Tests a saved host by id, or a connection not saved yet. */
  'hosts.test': method<HostTestResult>()(
    z.union([byId, z.object({ host: hostInputSchema })], {
      error: 'Give a host id or a host to test',
    }),
  ),
  'hosts.setDrained': method<HostView>()(z.object({ id, drained: z.boolean() })),

  'images.list': method<ImageView[]>()(z.object({ hostId: hostChoice }).default({})),
  'images.inspect': method<ImageView>()(
    z.object({ hostId: hostChoice, ref: z.string().min(1).max(512) }),
  ),

  /** Builds a challenge folder; output arrives as 'build.progress' events with the build id. */
  'images.build': method<{ buildId: string }>()(buildInputSchema),
  'images.cancelBuild': method<{ cancelled: boolean }>()(z.object({ buildId: id })),
  /** Loads a `docker save` file (a path on the machine Berth runs on); 'transfer.progress' events. */
  'images.load': method<{ transferId: string }>()(
    z.object({ hostId: hostChoice, path: z.string().min(1, 'A file is needed').max(4096) }),
  ),
  'images.save': method<{ transferId: string }>()(
    z.object({
      hostId: hostChoice,
      refs: imageRefsSchema,
      path: z.string().min(1, 'A file is needed').max(4096),
    }),
  ),
  /** Streams `docker save` on one host into `docker load` on another, without a registry. */
  'images.copy': method<{ transferId: string }>()(
    z.object({ fromHostId: id, toHostId: id, refs: imageRefsSchema }),
  ),
  'images.cancelTransfer': method<{ cancelled: boolean }>()(z.object({ transferId: id })),
  'images.jobs': method<ImageJobs>()(none),
  /** What removing these images would delete; `images.remove` takes the ids it lists. */
  'images.removePlan': method<ImageRemovalPlan>()(
    z.object({ hostId: hostChoice, refs: imageRefsSchema }),
  ),
  'images.remove': method<ImageRemovalResult>()(
    z.object({ hostId: hostChoice, ids: imageIdsSchema }),
  ),
  /** The dangling images a prune would delete; `images.prune` takes the ids it lists. */
  'images.prunePlan': method<ImageRemovalPlan>()(z.object({ hostId: hostChoice }).default({})),
  'images.prune': method<ImageRemovalResult>()(
    z.object({ hostId: hostChoice, ids: imageIdsSchema }),
  ),

  /** Runs an image once, its exposed ports published on 127.0.0.1. */
  'testRuns.start': method<TestRunView>()(testRunInputSchema),
  'testRuns.list': method<TestRunView[]>()(none),
  /** Chunks arrive as 'logs.chunk' events; stop with `instances.unfollowLogs`. */
  'testRuns.followLogs': method<{ streamId: string }>()(
    z.object({ id, tail: z.number().int().min(0).max(100_000).default(200) }),
  ),
  'testRuns.probe': method<ProbeResult[]>()(byId),
  'testRuns.exec': method<ExecOutput>()(
    z.object({ id, command: z.array(z.string().max(4096)).min(1, 'A command is needed').max(64) }),
  ),
  /** Stops and removes the test-run's container, closing its terminals. */
  'testRuns.remove': method<{ removed: true }>()(byId),

  /** A shell in a test-run with a TTY; output arrives as 'terminal.output' events. */
  'terminal.open': method<{ sessionId: string }>()(
    z.object({
      runId: id,
      command: z.array(z.string().max(4096)).min(1).max(64).default(['/bin/sh']),
      ...terminalSizeSchema.shape,
    }),
  ),
  'terminal.input': method<{ accepted: boolean }>()(
    z.object({ sessionId: id, data: z.string().max(65536) }),
  ),
  'terminal.resize': method<{ resized: boolean }>()(
    z.object({ sessionId: id, ...terminalSizeSchema.shape }),
  ),
  'terminal.close': method<{ closed: boolean }>()(z.object({ sessionId: id })),

  /** Checks every challenge on every enabled host before the event; kept for export. */
  'readiness.check': method<ReadinessReport>()(readinessInputSchema),
  'readiness.export': method<{ text: string; fileName: string }>()(
    z.object({ reportId: id, format: z.enum(['markdown', 'csv']) }),
  ),

  'challenges.list': method<Challenge[]>()(none),
  'challenges.get': method<Challenge>()(byId),
  'challenges.create': method<Challenge>()(challengeInputSchema),
  'challenges.update': method<Challenge>()(z.object({ id, challenge: challengeInputSchema })),
  'challenges.remove': method<{ removed: true }>()(byId),
  /** Imports one ctfcli challenge.yml given as text. */
  'challenges.import': method<ChallengeImportResult>()(
    z.object({
      yaml: z.string().min(1, 'The file is empty').max(1_000_000),
      fileName: z.string().max(255).optional(),
    }),
  ),
  'challenges.export': method<{ yaml: string; fileName: string }>()(byId),

  'teams.list': method<Team[]>()(none),
  'teams.add': method<Team>()(z.object({ name: teamNameSchema })),
  'teams.rename': method<Team>()(z.object({ id, name: teamNameSchema })),
  'teams.remove': method<{ removed: true }>()(byId),
  /** Imports a roster from CSV text: one team a line, the first column its name, other columns kept. */
  'teams.import': method<TeamImportResult>()(
    z.object({
      csv: z.string().min(1, 'The file is empty').max(5_000_000),
      hasHeader: z.boolean().default(false),
    }),
  ),

  /** `team` is a team's id or its exact name; `hostId` a host id or 'auto'. */
  'instances.launch': method<LaunchOutcome>()(
    z.object({
      challengeId: id,
      team: z.string().min(1, 'A team is needed').max(200),
      hostId: hostChoice,
    }),
  ),
  'instances.launchAll': method<LaunchAllResult>()(
    z.object({ challengeId: id, hostId: hostChoice }),
  ),
  'instances.list': method<InstanceView[]>()(
    z.object({ includeEnded: z.boolean().default(false) }).default({ includeEnded: false }),
  ),
  'instances.extend': method<InstanceView>()(byId),
  'instances.stop': method<InstanceView>()(byId),
  'instances.start': method<InstanceView>()(byId),
  'instances.restart': method<InstanceView>()(byId),
  'instances.remove': method<InstanceView>()(byId),
  'instances.logs': method<LogsResult>()(
    z.object({ id, tail: z.number().int().min(1).max(100_000).default(1000) }),
  ),
  /** Starts following an instance's logs; chunks arrive as 'logs.chunk' events with the stream id. */
  'instances.followLogs': method<{ streamId: string }>()(
    z.object({ id, tail: z.number().int().min(0).max(100_000).default(200) }),
  ),
  'instances.unfollowLogs': method<{ stopped: boolean }>()(z.object({ streamId: id })),
  'instances.probe': method<ProbeResult[]>()(byId),
  'instances.revealFlag': method<{ flag: string }>()(byId),
  'instances.reconcile': method<ReconcileReport[]>()(z.object({ hostId: hostChoice }).default({})),

  'audit.query': method<AuditPage>()(auditFilterSchema),
  'audit.verify': method<AuditVerification>()(none),
  'audit.export': method<{ text: string; fileName: string }>()(
    z.object({
      format: z.enum(['csv', 'json']),
      filter: auditFilterSchema.default({ offset: 0, limit: 100 }),
    }),
  ),

  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsPatchSchema),
} as const;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export type MethodInput<M extends MethodName> = z.input<ApiMethods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<ApiMethods[M]['result']>;

/** True when `name` is a method of the table. */
export function isApiMethod(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(apiMethods, name);
}

/** Every event the main side may push, with its payload type. */
export interface ApiEvents {
  'instance.changed': InstanceView;
  'host.status': HostStatus;
  'logs.chunk': LogChunkEvent;
  'audit.appended': AuditEntry;
  'launch.progress': LaunchProgress;
  'build.progress': BuildProgress;
  'transfer.progress': TransferProgress;
  'terminal.output': TerminalOutput;
}
export type EventName = keyof ApiEvents;
