// The container an instance runs: the challenge's image and limits, Berth's labels, the team's flag.
import type { Challenge } from '../../shared/challenge';
import type { Host } from '../../shared/host';
import type { Instance } from '../../shared/instance';
import { parseMemory } from '../../shared/memory';
import type { ContainerRunSpec } from './engine-port';
import { instanceLabels } from './labels';

/** Capabilities a typical challenge server needs (dropping to a user, chroot jails); all others are dropped. */
export const keptCapabilities = [
  'CHOWN',
  'SETUID',
  'SETGID',
  'DAC_OVERRIDE',
  'FOWNER',
  'KILL',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
];

type SpecInstance = Pick<
  Instance,
  'id' | 'challengeId' | 'teamId' | 'hostId' | 'containerName' | 'expiresAt' | 'ports'
>;

/** What a container and a Swarm service of an instance share: image, limits, labels, the flag. */
export function workloadBasics(challenge: Challenge, instance: SpecInstance, flag: string) {
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
    memoryBytes: parseMemory(challenge.limits.memory) ?? 256 * 1024 ** 2,
    nanoCpus: Math.round(challenge.limits.cpus * 1e9),
    pidsLimit: challenge.limits.pids,
    readOnlyRootfs: challenge.readOnlyRootfs,
    capDrop: ['ALL'],
    capAdd: keptCapabilities,
    noNewPrivileges: true,
    flagFiles:
      flagSettings.delivery === 'file'
        ? [{ path: flagSettings.filePath, content: `${flag}\n`, mode: 0o444 }]
        : [],
  };
}

/** The engine spec for an instance whose ports are reserved. */
export function containerSpec(
  challenge: Challenge,
  host: Host,
  instance: SpecInstance,
  flag: string,
): ContainerRunSpec {
  const { flagFiles, ...basics } = workloadBasics(challenge, instance, flag);
  return {
    ...basics,
    ports: instance.ports.map((p) => ({
      containerPort: p.containerPort,
      protocol: 'tcp' as const,
      hostIp: host.bindAddress,
      hostPort: p.hostPort,
    })),
    files: flagFiles,
    tty: false,
    // An engine that restarts (a reboot, an upgrade, a crash) brings the instance back as it was;
    // one the operator stopped stays stopped.
    restart: 'unless-stopped',
  };
}
