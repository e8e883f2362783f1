import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

const marker = '/tmp/berth-pwned-by-a-team-name';

describe('hostile names and values reach the engine as data', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    rmSync(marker, { force: true });
    backend = await startTestBackend({ start: 42800, end: 42809 });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('launches for a team named like a shell command, with env values holding newlines and quotes, running nothing', async () => {
    const envValue = 'line one\nline two; $(touch /tmp/x) `id` "quoted" \'single\' \\ back';
    const challenge = await backend.call('challenges.create', {
      name: 'Quote\'s "$(touch x)" ; rm -rf /',
      image: 'berth-test/web:1.0',
      env: { NOTE: envValue },
    });
    const team = `$(touch ${marker}); echo "\`id\`" | sh # ü 战队`;
    await backend.call('teams.add', { name: team });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team,
    });
    expect(instance?.status).toBe('running');
    expect(instance?.containerName).toMatch(/^berth-[a-z0-9-]+-[a-z0-9-]+-[0-9a-f]{8}$/);
    expect(instance?.teamName).toBe(team);

    const details = await bareDocker()
      .getContainer(instance?.containerId ?? '')
      .inspect();
    expect(details.Config.Env).toContain(`NOTE=${envValue}`);
    expect(details.Config.Labels['berth.team']).toBe(instance?.teamId);
    expect(existsSync(marker)).toBe(false);

    const refused = await backend.api.invoke('challenges.create', {
      name: 'Bad env',
      image: 'berth-test/web:1.0',
      env: { 'BAD=KEY; rm': 'x' },
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const traversal = await backend.api.invoke('challenges.create', {
      name: 'Traversal',
      image: 'berth-test/web:1.0',
      flag: { delivery: 'file', filePath: '/home/../../etc/passwd' },
    });
    expect(traversal).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', field: 'flag.filePath' },
    });
  });
});
