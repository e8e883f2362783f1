// challenges.*: definitions, with challenge.yml in and out.
import { BerthError } from '../../../shared/errors';
import type { Challenge, ChallengeSpec } from '../../../shared/challenge';
import { parseImageReference } from '../../../shared/image-reference';
import { exportChallengeYaml, importChallengeYaml } from '../../runtime/challenge-yaml';
import type { ApiHandlers } from '../create-api';
import type { ApiServices } from './services';

function requireChallenge(services: ApiServices, id: string): Challenge {
  const challenge = services.store.challenges.get(id);
  if (!challenge) throw new BerthError('not-found', `No challenge with id ${id}`, { field: 'id' });
  return challenge;
}

/** Checks the image reference and, when no ports are given, takes the image's exposed ports from the first host that has it. */
async function completed(
  services: ApiServices,
  spec: ChallengeSpec,
): Promise<{ spec: ChallengeSpec; warnings: string[] }> {
  parseImageReference(spec.image);
  if (spec.ports.length > 0) return { spec, warnings: [] };
  const protocol = spec.extra.protocol === 'http' ? 'http' : 'tcp';
  for (const host of services.store.hosts.list().filter((h) => h.enabled)) {
    const image = await services.runtime.engines
      .engineFor(host.id)
      .inspectImage(spec.image)
      .catch(() => null);
    if (image) {
      const ports = image.exposedPorts
        .filter((p) => p.protocol === 'tcp')
        .map((p) => ({ port: p.port, protocol }) as const);
      return {
        spec: { ...spec, ports },
        warnings:
          ports.length === 0 ? [`${spec.image} exposes no ports; the challenge has none`] : [],
      };
    }
  }
  return {
    spec,
    warnings: [`${spec.image} is on no host yet; its exposed ports will be used at launch`],
  };
}

function audit(
  services: ApiServices,
  actor: string,
  action: string,
  challenge: Challenge,
  message: string,
): void {
  services.store.audit.append({
    actor,
    action,
    hostId: null,
    target: challenge.name,
    outcome: 'ok',
    message,
    engineMessage: '',
    details: { challengeId: challenge.id },
  });
}

export function challengeHandlers(
  services: ApiServices,
): Pick<
  ApiHandlers,
  | 'challenges.list'
  | 'challenges.get'
  | 'challenges.create'
  | 'challenges.update'
  | 'challenges.remove'
  | 'challenges.import'
  | 'challenges.export'
> {
  const { store } = services;
  return {
    'challenges.list': () => store.challenges.list(),
    'challenges.get': ({ id }) => requireChallenge(services, id),
    'challenges.create': async (input, { actor }) => {
      const { spec } = await completed(services, input);
      const challenge = store.challenges.create(spec);
      audit(services, actor, 'challenge.create', challenge, `Created challenge ${challenge.name}`);
      return challenge;
    },
    'challenges.update': async ({ id, challenge: input }, { actor }) => {
      requireChallenge(services, id);
      const { spec } = await completed(services, input);
      const challenge = store.challenges.update(id, spec);
      audit(services, actor, 'challenge.update', challenge, `Updated challenge ${challenge.name}`);
      return challenge;
    },
    'challenges.remove': ({ id }, { actor }) => {
      const challenge = requireChallenge(services, id);
      store.challenges.remove(id);
      audit(services, actor, 'challenge.remove', challenge, `Removed challenge ${challenge.name}`);
      return { removed: true };
    },
    'challenges.import': async ({ yaml, fileName }, { actor }) => {
      const { spec, warnings } = await completed(services, importChallengeYaml(yaml));
      const challenge = store.challenges.create(spec);
      audit(
        services,
        actor,
        'challenge.import',
        challenge,
        `Imported challenge ${challenge.name}${fileName ? ` from ${fileName}` : ''}`,
      );
      return { challenge, warnings };
    },
    'challenges.export': ({ id }) => {
      const challenge = requireChallenge(services, id);
      const base = challenge.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'challenge';
      return { yaml: exportChallengeYaml(challenge), fileName: `${base}.challenge.yml` };
    },
  };
}
