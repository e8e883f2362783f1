// A trial instance: the challenge's container started once with its real limits and flag
// delivery, probed until it answers (or a bound passes), then removed whatever happened.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadinessCheck } from '../../shared/authoring';
import type { Challenge } from '../../shared/challenge';
import { toBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { InstancePort } from '../../shared/instance';
import type { ProbeResult } from '../../shared/views';
import type { AuthoringContext, AuthoringEngine } from './authoring-engine';
import { authoringLabels, newId } from './authoring-engine';
import { nameFragment } from './container-name';
import { containerSpec } from './container-spec';
import { probePorts } from './probe';
import { fail, pass } from './readiness-checks';

/** How often, and how many times, a trial is probed before it counts as not answering. */
export const trialProbe = { attempts: 40, intervalMs: 250 };

/** The flag a trial carries: a placeholder, never a team's flag. */
const trialFlag = 'flag{berth-readiness-trial}';

/** Starts the challenge once on the host, probes each port, removes it; the check says how it went. */
export async function trialCheck(
  context: AuthoringContext,
  engine: AuthoringEngine,
  challenge: Challenge,
  host: Host,
): Promise<ReadinessCheck> {
  const id = newId(context);
  const name = `berth-trial-${nameFragment(challenge.name, 'c')}-${id.slice(0, 8)}`;
  const spec = containerSpec(
    challenge,
    host,
    {
      id: `trial-${id}`,
      challengeId: challenge.id,
      teamId: 'trial',
      hostId: host.id,
      containerName: name,
      expiresAt: context.clock.now() + 10 * 60 * 1000,
      ports: challenge.ports.map((port) => ({
        containerPort: port.port,
        protocol: port.protocol,
        hostIp: host.bindAddress,
        hostPort: 0,
      })),
    },
    trialFlag,
  );
  // Not an instance: reconciliation must neither adopt nor count it.
  spec.labels = {
    [authoringLabels.trial]: challenge.id,
    [authoringLabels.owner]: context.owner,
  };

  let containerId: string | null = null;
  try {
    const run = await engine.runContainer(spec);
    containerId = run.id;
    const ports: InstancePort[] = challenge.ports.map((port) => {
      const published = run.ports.find((p) => p.containerPort === port.port);
      return {
        containerPort: port.port,
        protocol: port.protocol,
        hostIp: published?.hostIp ?? host.bindAddress,
        hostPort: published?.hostPort ?? 0,
      };
    });
    if (ports.length === 0) return pass('Started; it has no ports to probe');

    const results = await probeUntilAnswered(host, ports);
    const answered = results.every((result) => result.ok);
    if (answered) return pass(`Started and answered: ${describe(results)}`);
    const state = await engine.inspectContainer(run.id).catch(() => null);
    if (state !== null && !state.running) {
      return fail(`Started but exited with code ${state.exitCode ?? '?'}; see its logs`);
    }
    return fail(`Started but did not answer: ${describe(results.filter((r) => !r.ok))}`);
  } catch (error) {
    return fail(`Did not start: ${toBerthError(error).message}`);
  } finally {
    if (containerId !== null) {
      await engine.removeContainer(containerId, { force: true }).catch(() => undefined);
    }
  }
}

async function probeUntilAnswered(host: Host, ports: InstancePort[]): Promise<ProbeResult[]> {
  let results: ProbeResult[] = [];
  for (let attempt = 1; attempt <= trialProbe.attempts; attempt += 1) {
    results = await probePorts(host, ports);
    if (results.every((result) => result.ok)) return results;
    await sleep(trialProbe.intervalMs);
  }
  return results;
}

function describe(results: ProbeResult[]): string {
  return results
    .map((result) => `${result.containerPort}/${result.protocol} ${result.detail}`)
    .join(', ');
}
