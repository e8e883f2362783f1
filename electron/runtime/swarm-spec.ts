// The service an instance runs on a Swarm manager: the same image, limits, labels and flag as its
// container would have, as one replica.
import type { Challenge } from '../../shared/challenge';
import type { Host } from '../../shared/host';
import type { Instance } from '../../shared/instance';
import { parseMemory } from '../../shared/memory';
import { nameFragment } from './container-name';
import { keptCapabilities } from './container-spec';
import { instanceLabels } from './labels';
import type { ServiceRunSpec } from './swarm-port';

const serviceFragmentLength = 20;

function shortFragment(text: string, prefix: string): string {
  return nameFragment(text, prefix).slice(0, serviceFragmentLength).replace(/-+$/, '');
}

/** `berth-<challenge>-<team>-<short id>` within the 63 characters a service name may have. */
export function serviceName(challengeName: string, teamName: string, instanceId: string): string {
  const shortId = instanceId
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 8)
    .toLowerCase();
  return `berth-${shortFragment(challengeName, 'c')}-${shortFragment(teamName, 't')}-${shortId}`;
}

/** The service spec for an instance whose ports are reserved; a file flag travels as a secret. */
export function serviceSpec(
  challenge: Challenge,
  host: Host,
  instance: Pick<
    Instance,
    'id' | 'challengeId' | 'teamId' | 'hostId' | 'containerName' | 'expiresAt' | 'ports'
  >,
  flag: string,
): ServiceRunSpec {
  const { flag: flagSettings } = challenge;
  const env = { ...challenge.env };
  if (flagSettings.delivery === 'env') env[flagSettings.envName] = flag;

  return {
    name: instance.containerName,
    image: challenge.image,
    env,
    labels: instanceLabels({
      instanceId: instance.id,
      challengeId: instance.challengeId,
      teamId: instance.teamId,
      hostId: instance.hostId,
      expiresAt: instance.expiresAt,
    }),
    command: challenge.command,
    ports: instance.ports.map((p) => ({
      containerPort: p.containerPort,
      protocol: 'tcp' as const,
      hostPort: p.hostPort,
    })),
    publishMode: host.swarmPublishMode,
    memoryBytes: parseMemory(challenge.limits.memory) ?? 256 * 1024 ** 2,
    nanoCpus: Math.round(challenge.limits.cpus * 1e9),
    pidsLimit: challenge.limits.pids,
    readOnlyRootfs: challenge.readOnlyRootfs,
    capDrop: ['ALL'],
    capAdd: keptCapabilities,
    noNewPrivileges: true,
    secretFiles:
      flagSettings.delivery === 'file'
        ? [{ path: flagSettings.filePath, content: `${flag}\n`, mode: 0o444 }]
        : [],
  };
}

/** Where a service's port answers: the bind address in host mode, every address in ingress mode. */
export function serviceHostIp(host: Host): string {
  return host.swarmPublishMode === 'ingress' ? '0.0.0.0' : host.bindAddress;
}
