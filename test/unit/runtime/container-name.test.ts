import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerName, nameFragment } from '../../../electron/runtime/container-name';

const dockerName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

describe('container names from operator data', () => {
  it('read as berth-<challenge>-<team>-<short id>', () => {
    expect(containerName('Web 100: Login', 'Team Rocket', '3f2a9c1e-aaaa-bbbb')).toBe(
      'berth-web-100-login-team-rocket-3f2a9c1e',
    );
  });

  it('fold accents and drop shell metacharacters', () => {
    expect(nameFragment('Équipe Ünïcode', 't')).toBe('equipe-unicode');
    expect(nameFragment('$(rm -rf /); `id` | cat', 't')).toBe('rm-rf-id-cat');
  });

  it('give names without latin letters a stable hash', () => {
    const a = nameFragment('战队', 't');
    expect(a).toMatch(/^t[0-9a-f]{8}$/);
    expect(nameFragment('战队', 't')).toBe(a);
    expect(nameFragment('队伍', 't')).not.toBe(a);
  });

  it('are always valid Docker names, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.uuid(), (challenge, team, id) => {
        const name = containerName(challenge, team, id);
        expect(name).toMatch(dockerName);
        expect(name.length).toBeLessThanOrEqual(70);
      }),
    );
  });
});
