// The service an instance runs on a Swarm manager: the same image, limits, labels and flag as its
// container would have, as one replica.
import type { Challenge } from '../../shared/challenge';
import type { Host } from '../../shared/host';
import { nameFragment } from './container-name';
import { workloadBasics } from './container-spec';
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
  instance: Parameters<typeof workloadBasics>[1],
  flag: string,
): ServiceRunSpec {
  const { flagFiles, ...basics } = workloadBasics(challenge, instance, flag);
  return {
    ...basics,
    ports: instance.ports.map((p) => ({
      containerPort: p.containerPort,
      protocol: 'tcp' as const,
      hostPort: p.hostPort,
    })),
    publishMode: host.swarmPublishMode,
    secretFiles: flagFiles,
  };
}

/** Where a service's port answers: the bind address in host mode, every address in ingress mode. */
export function serviceHostIp(host: Host): string {
  return host.swarmPublishMode === 'ingress' ? '0.0.0.0' : host.bindAddress;
}
