// Launching one team's instance of a challenge: reserve, create, deliver the flag, start, commit.
import { randomUUID } from 'node:crypto';
import type { Challenge } from '../../shared/challenge';
import { BerthError, isBerthError, toBerthError } from '../../shared/errors';
import type { Host } from '../../shared/host';
import type { Instance, InstancePort } from '../../shared/instance';
import type { Team } from '../../shared/team';
import type { LaunchOutcome } from '../../shared/views';
import { markAudited, wasAudited } from './audited';
import { containerName } from './container-name';
import { containerSpec } from './container-spec';
import type { RuntimeContext } from './context';
import { deriveFlag, hashFlag } from './flags';
import { instanceView } from './instance-views';
import { placeInstance } from './placement';
import { serviceName } from './swarm-spec';
import type { Workload } from './swarm-workload';
import { removeWorkload, runServiceInstance, swarmUsedPorts } from './swarm-workload';
import { resolveTeam } from './teams';
import { componentLogger } from '../logger';

const log = componentLogger('launch');

/** How often a launch picks other ports after the engine reports one as already allocated. */
export const portRetries = 5;

export interface LaunchRequest {
  challengeId: string;
  team: string;
  hostId?: string | undefined;
  actor: string;
}

function requireChallenge(context: RuntimeContext, id: string): Challenge {
  const challenge = context.store.challenges.get(id);
  if (!challenge)
    throw new BerthError('not-found', `No challenge with id ${id}`, { field: 'challengeId' });
  return challenge;
}

function existingOutcome(context: RuntimeContext, team: Team, instance: Instance): LaunchOutcome {
  return {
    teamId: team.id,
    teamName: team.name,
    instance: instanceView(context.store, instance),
    error: null,
    existing: true,
  };
}

/** The port the engine said was taken, read from its own message. */
export function allocatedPort(error: BerthError): number | null {
  const match =
    /(?:Bind for|listen tcp[46]?) \S*:(\d+)/.exec(error.engineMessage) ??
    /port (\d+)/i.exec(error.message);
  return match?.[1] ? Number(match[1]) : null;
}

function containerPortsOf(
  challenge: Challenge,
  image: { exposedPorts: { port: number; protocol: string }[] },
) {
  if (challenge.ports.length > 0) return challenge.ports;
  const protocol = challenge.extra.protocol === 'http' ? 'http' : 'tcp';
  return image.exposedPorts
    .filter((p) => p.protocol === 'tcp')
    .map((p) => ({ port: p.port, protocol }) as const);
}

function reserve(
  context: RuntimeContext,
  host: Host,
  instanceId: string,
  count: number,
  exclude: Set<number>,
): number[] {
  return context.store.ports.reserve({
    hostId: host.id,
    instanceId,
    count,
    range: host.portRange,
    exclude,
    random: () => context.random.next(),
  });
}

/** Launches (or returns the live) instance of a challenge for a team. Failures are recorded and thrown. */
export async function launchInstance(
  context: RuntimeContext,
  request: LaunchRequest,
): Promise<LaunchOutcome> {
  try {
    return await launchOrFail(context, request);
  } catch (error) {
    const typed = toBerthError(error);
    if (!wasAudited(typed)) {
      const challenge = context.store.challenges.get(request.challengeId);
      context.audit({
        actor: request.actor,
        action: 'instance.launch',
        hostId: request.hostId && request.hostId !== 'auto' ? request.hostId : null,
        target: `${challenge?.name ?? request.challengeId} / ${request.team}`,
        outcome: 'failed',
        message: `Could not launch ${challenge?.name ?? 'the challenge'} for ${request.team}: ${typed.message}`,
        engineMessage: typed.engineMessage,
        details: { challengeId: request.challengeId, team: request.team, kind: typed.kind },
      });
      markAudited(typed);
    }
    throw typed;
  }
}

async function launchOrFail(
  context: RuntimeContext,
  request: LaunchRequest,
): Promise<LaunchOutcome> {
  const { store, clock } = context;
  const challenge = requireChallenge(context, request.challengeId);
  const team = resolveTeam(store, request.team);

  const live = store.instances.findLive(challenge.id, team.id);
  if (live) return existingOutcome(context, team, live);

  const cap = store.settings.get().maxInstancesPerTeam;
  if (cap !== null && store.instances.countLive({ teamId: team.id }) >= cap) {
    throw new BerthError(
      'limit',
      `${team.name} already has ${cap} live instances, the most a team may hold`,
    );
  }

  const { host, image, skipped } = await placeInstance(context, challenge, request.hostId);
  const engine = context.engines.engineFor(host.id);
  const containerPorts = containerPortsOf(challenge, image);
  const usedByEngine =
    containerPorts.length === 0
      ? new Set<number>()
      : host.swarm
        ? await swarmUsedPorts(context, host)
        : await engine.usedHostPorts();

  const id = randomUUID();
  const now = clock.now();
  const draft: Instance = {
    id,
    challengeId: challenge.id,
    teamId: team.id,
    hostId: host.id,
    containerId: null,
    containerName: host.swarm
      ? serviceName(challenge.name, team.name, id)
      : containerName(challenge.name, team.name, id),
    workload: host.swarm ? 'service' : 'container',
    status: 'starting',
    ports: [],
    flagHash: '',
    createdAt: now,
    startedAt: null,
    expiresAt: now + challenge.lifetimeSeconds * 1000,
    extensions: 0,
    endedAt: null,
    error: null,
  };
  const flag = deriveFlag(store.secrets.flagSecret(), challenge.flag, challenge.id, team.id);
  draft.flagHash = hashFlag(flag);

  let reserved: number[];
  try {
    reserved = store.instances.insertWithPorts(draft, {
      hostId: host.id,
      instanceId: id,
      count: containerPorts.length,
      range: host.portRange,
      exclude: usedByEngine,
      random: () => context.random.next(),
    }).ports;
  } catch (error) {
    const again = store.instances.findLive(challenge.id, team.id);
    if (isBerthError(error, 'conflict') && again) return existingOutcome(context, team, again);
    throw error;
  }

  return context.locks.run(id, async () => {
    const portsFor = (hostPorts: number[]): InstancePort[] =>
      containerPorts.map((p, i) => ({
        containerPort: p.port,
        protocol: p.protocol,
        hostPort: hostPorts[i] ?? 0,
        hostIp: host.bindAddress,
      }));

    let made: Workload | null = null;
    try {
      for (let attempt = 0; ; attempt += 1) {
        const ports = portsFor(reserved);
        try {
          const result = host.swarm
            ? await runServiceInstance(context, host, challenge, { ...draft, ports }, flag)
            : await engine.runContainer(containerSpec(challenge, host, { ...draft, ports }, flag));
          made = {
            kind: host.swarm ? 'service' : 'container',
            id: result.id ?? '',
            name: draft.containerName,
            labels: {},
            state: 'running',
            ports: [],
          };
          context.hooks?.afterContainerCreated?.(id);
          const readBack = result.ports.length > 0 ? matchPorts(ports, result.ports) : ports;
          const running = store.instances.update(id, {
            status: 'running',
            containerId: result.id,
            ports: readBack,
            startedAt: clock.now(),
          });
          context.audit({
            actor: request.actor,
            action: 'instance.launch',
            hostId: host.id,
            target: draft.containerName,
            outcome: 'ok',
            message: `Launched ${challenge.name} for ${team.name} on ${host.name}`,
            details: {
              instanceId: id,
              challengeId: challenge.id,
              teamId: team.id,
              ports: readBack.map((p) => p.hostPort),
              workload: draft.workload,
              ...(skipped.length === 0 ? {} : { skipped }),
            },
          });
          const view = instanceView(store, running);
          context.publish('instance.changed', view);
          return {
            teamId: team.id,
            teamName: team.name,
            instance: view,
            error: null,
            existing: false,
          };
        } catch (error) {
          if (!isBerthError(error, 'port-in-use') || attempt >= portRetries) throw error;
          const taken = allocatedPort(error);
          reserved = store.transaction(() => {
            store.ports.releaseInstance(id);
            for (const port of taken === null ? reserved : [taken]) {
              store.ports.markTaken(host.id, port, 'The engine reported it as already allocated');
            }
            return reserve(context, host, id, containerPorts.length, usedByEngine);
          });
        }
      }
    } catch (error) {
      const typed = toBerthError(error);
      // The workload runs but the launch could not be recorded (a full disk, say): it goes, so
      // nothing runs that the database does not show as live.
      if (made !== null) {
        await removeWorkload(context, host.id, made).catch((cleanup: unknown) => {
          log.error({ instanceId: id, kind: toBerthError(cleanup).kind }, 'cleanup failed');
        });
      }
      const failed = store.transaction(() => {
        store.ports.releaseInstance(id);
        return store.instances.update(id, {
          status: 'failed',
          error: typed.toInfo(),
          endedAt: clock.now(),
        });
      });
      context.audit({
        actor: request.actor,
        action: 'instance.launch',
        hostId: host.id,
        target: draft.containerName,
        outcome: 'failed',
        message: `Could not launch ${challenge.name} for ${team.name}: ${typed.message}`,
        engineMessage: typed.engineMessage,
        details: { instanceId: id, challengeId: challenge.id, teamId: team.id, kind: typed.kind },
      });
      context.publish('instance.changed', instanceView(store, failed));
      throw markAudited(typed);
    }
  });
}

/** The reserved ports as the engine reports them after start (the engine is the truth for the host side). */
function matchPorts(
  wanted: InstancePort[],
  actual: { containerPort: number; hostIp: string; hostPort: number }[],
): InstancePort[] {
  return wanted.map((port) => {
    const found = actual.find((a) => a.containerPort === port.containerPort);
    return found ? { ...port, hostPort: found.hostPort, hostIp: found.hostIp } : port;
  });
}
