// Test-runs: any image run once to try it, its exposed ports published on 127.0.0.1 at ports the
// engine picks. Each carries this data folder's owner label, so whatever a crash left is removed
// on the next start, and everything is removed when Berth closes.
import type { ExecOutput, TestRunPort, TestRunView } from '../../shared/authoring';
import type { ChallengePort } from '../../shared/challenge';
import { BerthError } from '../../shared/errors';
import { parseMemory } from '../../shared/memory';
import type { ProbeResult } from '../../shared/views';
import { componentLogger } from '../logger';
import type { AuthoringContext } from './authoring-engine';
import { authoringLabels, newId, requireHost } from './authoring-engine';
import { nameFragment } from './container-name';
import { keptCapabilities } from './container-spec';
import { probePorts } from './probe';

const log = componentLogger('test-run');

/** Test-runs publish here only: reachable from this machine, never from the network. */
export const testRunAddress = '127.0.0.1';

export interface TestRunInput {
  hostId: string;
  image: string;
  /** Ports to publish and how to probe them; the image's exposed ports (probed as tcp) when absent. */
  ports?: ChallengePort[] | undefined;
  command?: string[] | null | undefined;
  env?: Record<string, string> | undefined;
}

export class TestRuns {
  private readonly runs = new Map<string, TestRunView>();
  private sweep: Promise<unknown> = Promise.resolve();

  constructor(private readonly context: AuthoringContext) {}

  /** Settles when no sweep of leftovers is running, so a new container is not taken for one. */
  async swept(): Promise<void> {
    await this.sweep.catch(() => undefined);
  }

  /** Starts the image once; resolves when it runs, with the ports the engine published. */
  async start(input: TestRunInput): Promise<TestRunView> {
    const host = requireHost(this.context, input.hostId);
    const engine = this.context.engineFor(host.id);
    await this.swept();
    const image = await engine.inspectImage(input.image);
    const ports: ChallengePort[] =
      input.ports ??
      image.exposedPorts
        .filter((port) => port.protocol === 'tcp')
        .map((port) => ({ port: port.port, protocol: 'tcp' as const }));

    const id = newId(this.context);
    const limits = this.context.store.settings.get().defaultLimits;
    const run = await engine.runContainer({
      name: `berth-testrun-${nameFragment(input.image, 'i')}-${id.slice(0, 8)}`,
      image: input.image,
      env: input.env ?? {},
      labels: {
        [authoringLabels.testRun]: 'true',
        [authoringLabels.owner]: this.context.owner,
        [authoringLabels.image]: input.image,
      },
      command: input.command ?? null,
      ports: ports.map((port) => ({
        containerPort: port.port,
        protocol: 'tcp' as const,
        hostIp: testRunAddress,
        hostPort: 0,
      })),
      memoryBytes: parseMemory(limits.memory) ?? 256 * 1024 ** 2,
      nanoCpus: Math.round(limits.cpus * 1e9),
      pidsLimit: limits.pids,
      readOnlyRootfs: false,
      capDrop: ['ALL'],
      capAdd: keptCapabilities,
      noNewPrivileges: true,
      tty: false,
    });

    const view: TestRunView = {
      id,
      hostId: host.id,
      hostName: host.name,
      image: input.image,
      imageId: image.id,
      containerId: run.id,
      containerName: run.name,
      ports: ports.map((port): TestRunPort => {
        const published = run.ports.find((p) => p.containerPort === port.port);
        return {
          containerPort: port.port,
          protocol: port.protocol,
          hostIp: published?.hostIp ?? testRunAddress,
          hostPort: published?.hostPort ?? 0,
        };
      }),
      startedAt: this.context.clock.now(),
      state: 'running',
    };
    this.runs.set(id, view);
    return { ...view };
  }

  /** Every test-run of this session, with the engine's current state of each. */
  async list(): Promise<TestRunView[]> {
    return Promise.all(
      [...this.runs.values()].map(async (run) => {
        const details = await this.context
          .engineFor(run.hostId)
          .inspectContainer(run.containerId)
          .catch(() => null);
        run.state = details?.status ?? 'gone';
        return { ...run };
      }),
    );
  }

  /** A test-run by id, or not-found. */
  require(id: string): TestRunView {
    const run = this.runs.get(id);
    if (!run) throw new BerthError('not-found', 'That test-run has ended', { field: 'id' });
    return run;
  }

  /** Probes each published port from this machine: an HTTP GET for http ports, a TCP connect otherwise. */
  probe(id: string): Promise<ProbeResult[]> {
    const run = this.require(id);
    const host = requireHost(this.context, run.hostId);
    return probePorts(host, run.ports);
  }

  /** Runs a command in the test-run and returns its output. */
  async exec(id: string, command: string[]): Promise<ExecOutput> {
    const run = this.require(id);
    return this.context.engineFor(run.hostId).exec(run.containerId, command);
  }

  /** Stops and removes the test-run's container in one step. */
  async remove(id: string): Promise<void> {
    const run = this.require(id);
    await this.context.engineFor(run.hostId).removeContainer(run.containerId, { force: true });
    this.runs.delete(id);
  }

  /** Removes every test-run of this session; a failure is logged and the others still go. */
  async removeAll(): Promise<void> {
    await Promise.all(
      [...this.runs.keys()].map((id) =>
        this.remove(id).catch((error: unknown) => {
          log.warn({ id, error: String(error) }, 'a test-run could not be removed');
        }),
      ),
    );
  }

  /** Removes containers this data folder's test-runs and trials left on every enabled host. */
  removeLeftovers(signal?: AbortSignal): Promise<number> {
    const sweep = this.sweepLeftovers(signal);
    this.sweep = sweep;
    return sweep;
  }

  private async sweepLeftovers(signal?: AbortSignal): Promise<number> {
    const known = new Set([...this.runs.values()].map((run) => run.containerId));
    const hosts = this.context.store.hosts.list().filter((host) => host.enabled);
    const counts = await Promise.all(
      hosts.map(async (host) => {
        const engine = this.context.engineFor(host.id);
        const containers = await engine
          .listContainers(
            { labels: { [authoringLabels.owner]: this.context.owner }, all: true },
            signal === undefined ? {} : { signal },
          )
          .catch(() => []);
        const left = containers.filter((container) => !known.has(container.id));
        await Promise.all(
          left.map((container) =>
            engine.removeContainer(container.id, { force: true }).catch(() => undefined),
          ),
        );
        return left.length;
      }),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }
}
