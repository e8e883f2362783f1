// Audit records shaped like a large event's: engine calls and runtime decisions on a few hosts.
import type { AuditRecord } from '../shared/audit';

export const benchHosts = ['host-lab-1', 'host-lab-2', 'host-lab-3', 'host-lab-4'];

const actions = [
  'container.create',
  'container.start',
  'container.inspect',
  'container.remove',
  'instance.launch',
  'instance.expire',
  'instance.extend',
  'image.inspect',
];
const challenges = ['web-login', 'pwn-heap', 'crypto-rsa', 'rev-vm', 'misc-jail', 'web-sqli'];

/** The i-th record of a deterministic stream: about 3% failures, 2,000 teams, 6 challenges. */
export function benchRecord(i: number): AuditRecord {
  const action = actions[(i * 7) % actions.length] ?? 'container.create';
  const team = (i * 31) % 2000;
  const challenge = challenges[i % challenges.length] ?? 'web';
  const failed = i % 33 === 0;
  const target = `${challenge}-team-${team}-${(i % 65536).toString(16).padStart(4, '0')}`;
  return {
    actor: action.startsWith('instance.') ? 'operator' : 'runtime',
    action,
    hostId: benchHosts[i % benchHosts.length] ?? null,
    target,
    outcome: failed ? 'failed' : 'ok',
    message: failed
      ? `Could not ${action.split('.')[1] ?? 'act on'} ${target}: the engine refused`
      : `${action} of ${target} done`,
    engineMessage: failed ? 'Error response from daemon: conflict: unable to proceed' : '',
    details: { team, challenge, ports: [45000 + (i % 500)], attempt: 1 },
  };
}
