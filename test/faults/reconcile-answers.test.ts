import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bareDocker, testSocketPath } from '../engine/engine';
import type { TestBackend } from '../support/backend';
import { startTestBackend } from '../support/backend';
import type { FaultProxy } from '../support/fault-proxy';
import { startFaultProxy } from '../support/fault-proxy';
import { faultCount } from './fault-seed';

// This file's host ports: 46300-46309.
const band = { start: 46300, end: 46309 };

afterAll(() => {
  faultCount.report('reconcile answers');
});

describe('reconciliation reading odd engine answers', () => {
  let backend: TestBackend | undefined;
  let proxy: FaultProxy | undefined;
  afterEach(async () => {
    await backend?.dispose();
    await proxy?.close();
    backend = undefined;
    proxy = undefined;
  });

  it('marks gone an instance whose container the engine is already removing, and frees its port', async () => {
    proxy = await startFaultProxy(testSocketPath());
    backend = await startTestBackend(band);
    const local = backend.store.hosts.get(backend.hostId);
    if (!local) throw new Error('no host');
    backend.store.hosts.update(local.id, {
      ...local,
      connection: { kind: 'socket', socketPath: proxy.socketPath },
    });
    backend.runtime.engines.forget(local.id);
    const challenge = await backend.call('challenges.create', {
      name: 'Removing',
      image: 'berth-test/web:1.0',
    });
    await backend.call('teams.add', { name: 'Leaving' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Leaving',
    });

    // The engine lists the container as it does between a removal's start and its end.
    const listed = await bareDocker().listContainers({
      all: true,
      filters: { label: [`berth.instance=${instance?.id ?? ''}`] },
    });
    const removing = listed.map((c) => ({
      ...c,
      State: 'removing',
      Status: 'Removal In Progress',
    }));
    proxy.setRule((request) =>
      request.method === 'GET' && request.path === '/containers/json'
        ? { kind: 'wrong-json', body: JSON.stringify(removing) }
        : { kind: 'pass' },
    );
    faultCount.add();
    const [report] = await backend.call('instances.reconcile', {});

    expect(report).toMatchObject({ markedGone: 1, removedUnknown: 0, errors: [] });
    expect(backend.store.instances.get(instance?.id ?? '')?.status).toBe('gone');
    expect(backend.store.ports.listForHost(backend.hostId)).toEqual([]);
  });
});
