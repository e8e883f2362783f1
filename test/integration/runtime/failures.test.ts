import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSocketPath } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

describe('failures an operator must be able to trace', () => {
  let backend: TestBackend;
  let challengeId: string;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 42700, end: 42749 });
    const challenge = await backend.call('challenges.create', {
      name: 'Traced',
      image: 'berth-test/web:1.0',
    });
    challengeId = challenge.id;
    await backend.call('teams.import', { csv: 'One\nTwo\nThree\n', hasHeader: false });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('records a launch refused before any container exists in the audit log', async () => {
    const missing = await backend.call('challenges.create', {
      name: 'Ghost image',
      image: 'berth-test/absent:9.9',
      ports: [{ port: 8080, protocol: 'tcp' }],
    });
    const refused = await backend.api.invoke('instances.launch', {
      challengeId: missing.id,
      team: 'One',
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'limit' } });
    const unknownTeam = await backend.api.invoke('instances.launch', {
      challengeId,
      team: 'Nobody',
    });
    expect(unknownTeam).toMatchObject({ ok: false, error: { kind: 'not-found', field: 'team' } });

    const failed = await backend.call('audit.query', {
      action: 'instance.launch',
      outcome: 'failed',
    });
    expect(failed.entries.map((e) => e.target)).toEqual(['Traced / Nobody', 'Ghost image / One']);
    expect(failed.entries[1]?.message).toContain('does not have berth-test/absent:9.9');
  });

  it('records a refused change once, with what was refused', async () => {
    const team = (await backend.call('teams.list', {})).find((t) => t.name === 'Two');
    await backend.call('instances.launch', { challengeId, team: 'Two' });
    const refused = await backend.api.invoke('teams.remove', { id: team?.id ?? '' });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const entries = await backend.call('audit.query', { action: 'api.teams.remove' });
    expect(entries.entries).toHaveLength(1);
    expect(entries.entries[0]).toMatchObject({ outcome: 'failed' });
  });

  it('skips a host whose port range is used up when placing on auto', async () => {
    const tiny = await backend.call('hosts.add', {
      name: 'Tiny',
      connection: { kind: 'socket', socketPath: testSocketPath() },
      portRange: { start: 42790, end: 42790 },
      capacity: 100_000,
    });
    const first = await backend.call('instances.launch', {
      challengeId,
      team: 'One',
      hostId: 'auto',
    });
    const second = await backend.call('instances.launch', {
      challengeId,
      team: 'Three',
      hostId: 'auto',
    });
    // Tiny ranks first (most free slots) until its only port is taken; then the local engine.
    expect(first.instance).toMatchObject({ hostId: tiny.id, status: 'running' });
    expect(second.instance).toMatchObject({ hostId: backend.hostId, status: 'running' });
  });

  it('refuses to reveal a flag the container no longer matches, and to probe a removed instance', async () => {
    await backend.call('teams.add', { name: 'Four' });
    const { instance } = await backend.call('instances.launch', { challengeId, team: 'Four' });
    const challenge = await backend.call('challenges.get', { id: challengeId });
    await backend.call('challenges.update', {
      id: challengeId,
      challenge: { ...challenge, flag: { ...challenge.flag, template: 'CTF{{hmac:20}}' } },
    });
    const reveal = await backend.api.invoke('instances.revealFlag', { id: instance?.id ?? '' });
    expect(reveal).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    if (!reveal.ok) expect(reveal.error.message).toContain('holds the old flag');

    await backend.call('instances.remove', { id: instance?.id ?? '' });
    const probe = await backend.api.invoke('instances.probe', { id: instance?.id ?? '' });
    expect(probe).toMatchObject({ ok: false, error: { kind: 'already-in-state' } });
  });
});
