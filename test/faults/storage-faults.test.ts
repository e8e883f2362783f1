import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statfsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/rpc';
import { startBackend } from '../../electron/app/start-backend';
import type { StartedBackend } from '../../electron/app/start-backend';
import { plainTextSecretBox } from '../../electron/store/key-file-secret-box';
import { toStorageError } from '../../electron/store/storage-errors';
import { bareDocker, engineHostFromEnv, testSocketPath } from '../engine/engine';
import type { TestBackend } from '../support/backend';
import { startTestBackend } from '../support/backend';
import type { FaultProxy } from '../support/fault-proxy';
import { startFaultProxy } from '../support/fault-proxy';
import { engineProblems } from './consistency';
import { faultCount } from './fault-seed';

// This file's host ports: 46400-46449.
const band = { start: 46400, end: 46449 };
const full = /^The disk holding Berth's database at .* is full; free some space and try again$/;

/** A small tmpfs of its own, so the disk can really be filled. Needs root, as the engine does. */
function smallDisk(): { dir: string; fill(): void; free(): void; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir]);
  const ballast = join(dir, 'ballast');
  return {
    dir,
    fill() {
      const { bavail, bsize } = statfsSync(dir);
      execFileSync('fallocate', ['-l', String(bavail * bsize), ballast]);
    },
    free() {
      unlinkSync(ballast);
    },
    dispose() {
      execFileSync('umount', ['--lazy', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function callOn(backend: StartedBackend): TestBackend['call'] {
  return async (method, input) => {
    const answer = await backend.api.invoke(method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as never;
  };
}

async function refusal(
  backend: Pick<TestBackend, 'api'>,
  method: string,
  input: unknown,
): Promise<string> {
  const answer = await backend.api.invoke(method, input);
  if (answer.ok) throw new Error(`${method} was not refused`);
  expect(answer.error.kind).toBe('storage');
  return answer.error.message;
}

function nextEvent(backend: TestBackend, match: (event: ApiEvent) => boolean): Promise<ApiEvent> {
  return new Promise((resolve) => {
    const stop = backend.api.subscribe((event) => {
      if (!match(event)) return;
      stop();
      resolve(event);
    });
  });
}

afterAll(() => {
  faultCount.report('storage');
});

describe('the database on a full disk, locked, or read-only', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function backendOn(dataDir: string, background = false): Promise<TestBackend> {
    const backend = await startTestBackend(band, { dataDir, background });
    cleanups.push(() => backend.dispose());
    return backend;
  }

  async function seeded(backend: TestBackend): Promise<string> {
    const challenge = await backend.call('challenges.create', {
      name: 'Storage',
      image: 'berth-test/web:1.0',
    });
    await backend.call('teams.add', { name: 'Alpha' });
    return challenge.id;
  }

  it('refuses writes on a full disk with a clear storage error, serves reads, writes nothing half, and writes again once there is room', async () => {
    const disk = smallDisk();
    cleanups.push(() => {
      disk.dispose();
    });
    const backend = await backendOn(disk.dir);
    const challengeId = await seeded(backend);
    disk.fill();
    faultCount.add();

    expect(await refusal(backend, 'teams.add', { name: 'Bravo' })).toMatch(full);
    expect(await refusal(backend, 'instances.launch', { challengeId, team: 'Alpha' })).toMatch(
      full,
    );
    expect((await backend.call('teams.list', {})).map((t) => t.name)).toEqual(['Alpha']);
    expect(await backend.call('instances.list', { includeEnded: true })).toEqual([]);
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
    expect(await engineProblems(backend.store, bareDocker(), backend.hostId)).toEqual([]);

    disk.free();
    await backend.call('teams.add', { name: 'Bravo' });
    const { instance } = await backend.call('instances.launch', { challengeId, team: 'Alpha' });
    expect(instance?.status).toBe('running');
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
  });

  it('removes the container of a launch the full disk kept from being recorded, and reconciles to nothing left', async () => {
    const disk = smallDisk();
    cleanups.push(() => {
      disk.dispose();
    });
    const backend = await startTestBackend(band, {
      dataDir: disk.dir,
      hooks: {
        afterContainerCreated: () => {
          disk.fill();
        },
      },
    });
    cleanups.push(() => backend.dispose());
    const challengeId = await seeded(backend);
    faultCount.add();

    expect(await refusal(backend, 'instances.launch', { challengeId, team: 'Alpha' })).toMatch(
      full,
    );
    const containers = await bareDocker().listContainers({
      all: true,
      filters: { label: [`berth.host=${backend.hostId}`] },
    });
    expect(containers).toEqual([]);

    disk.free();
    await backend.call('instances.reconcile', {});
    expect(await engineProblems(backend.store, bareDocker(), backend.hostId)).toEqual([]);
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
  });

  it('fails to save an image onto a full disk with a clear storage error, leaving no file behind', async () => {
    const disk = smallDisk();
    cleanups.push(() => {
      disk.dispose();
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-save-full-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const backend = await backendOn(dataDir);
    disk.fill();
    faultCount.add();

    const target = join(disk.dir, 'noports.tar');
    const ended = nextEvent(
      backend,
      (event) =>
        event.type === 'transfer.progress' &&
        !['queued', 'running'].includes((event.payload as { status: string }).status),
    );
    await backend.call('images.save', { refs: ['berth-test/noports:1.0'], path: target });
    const { payload } = await ended;

    expect(payload).toMatchObject({
      status: 'failed',
      error: { kind: 'storage', message: `Berth could not write ${target}: the disk is full` },
    });
    expect(readdirSync(disk.dir)).toEqual(['ballast']);
  });

  it('keeps its health checks going when a host is lost while every write fails', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-failing-writes-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const proxy: FaultProxy = await startFaultProxy(testSocketPath());
    cleanups.push(() => proxy.close());
    const backend = await backendOn(dataDir, true);
    await backend.call('settings.update', { healthIntervalSeconds: 2 });
    const lab = await backend.call('hosts.add', {
      name: 'Through proxy',
      connection: { kind: 'socket', socketPath: proxy.socketPath },
      portRange: { start: 46420, end: 46429 },
    });
    const isStatus = (health: string) => (event: ApiEvent) =>
      event.type === 'host.status' &&
      (event.payload as { hostId: string; health: string }).hostId === lab.id &&
      (event.payload as { health: string }).health === health;
    await nextEvent(backend, isStatus('up'));

    // The store fails every write as SQLite does on a full disk (a real one may still have room
    // in its write-ahead log, so the failure is made certain here).
    const { store } = backend;
    const diskFull = toStorageError(new Database.SqliteError('disk full', 'SQLITE_FULL'), 'x');
    const append = store.audit.append.bind(store.audit);
    const transaction = store.transaction.bind(store);
    store.audit.append = () => {
      throw diskFull;
    };
    store.transaction = () => {
      throw diskFull;
    };
    proxy.setRule(() => ({ kind: 'drop' }));
    faultCount.add();
    await nextEvent(backend, isStatus('down'));
    // The round after the one whose writes failed: the loop is still alive.
    await nextEvent(backend, isStatus('down'));

    store.audit.append = append;
    store.transaction = transaction;
    proxy.setRule(() => ({ kind: 'pass' }));
    await nextEvent(backend, isStatus('up'));
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
  });

  it('waits for a lock another process holds, then refuses with a clear storage error, reads on and writes again after', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-locked-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const backend = await backendOn(dataDir);
    const challengeId = await seeded(backend);

    const holder: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n');
         process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); });
         process.stdin.resume();`,
        join(dataDir, 'berth.db'),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    cleanups.push(() => {
      holder.kill();
    });
    await new Promise<void>((resolve) =>
      holder.stdout?.once('data', () => {
        resolve();
      }),
    );
    faultCount.add();

    expect(await refusal(backend, 'instances.launch', { challengeId, team: 'Alpha' })).toMatch(
      /is locked by another process; close any other Berth running on this data folder/,
    );
    expect((await backend.call('teams.list', {})).map((t) => t.name)).toEqual(['Alpha']);
    expect(await engineProblems(backend.store, bareDocker(), backend.hostId)).toEqual([]);

    const released = new Promise((resolve) => holder.on('exit', resolve));
    holder.stdin?.end();
    await released;
    await backend.call('teams.add', { name: 'Bravo' });
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
  });

  it('opens a read-only database for reading and refuses each write with a clear storage error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-read-only-'));
    cleanups.push(() => {
      rmSync(dataDir, { recursive: true, force: true });
    });
    const first = await startTestBackend(band, { dataDir });
    const challengeId = await seeded(first);
    await first.close();
    chmodSync(join(dataDir, 'berth.db'), 0o444);
    faultCount.add();

    // Opened as the app opens it: the test helper's own setup would write.
    const opened = await startBackend({
      dataDir,
      secretBox: plainTextSecretBox,
      background: true,
      env: { DOCKER_HOST: engineHostFromEnv() },
    });
    const backend = { ...opened, hostId: first.hostId, call: callOn(opened) };
    cleanups.push(() => opened.close());
    expect(backend.store.readOnly).toBe(true);
    expect((await backend.call('teams.list', {})).map((t) => t.name)).toEqual(['Alpha']);
    expect((await backend.call('audit.verify', {})).ok).toBe(true);
    expect(await refusal(backend, 'teams.add', { name: 'Bravo' })).toMatch(
      /^Berth cannot write its database at .*: the file is read-only$/,
    );
    expect(await refusal(backend, 'instances.launch', { challengeId, team: 'Alpha' })).toMatch(
      /the file is read-only/,
    );
    expect(await engineProblems(backend.store, bareDocker(), backend.hostId)).toEqual([]);
  });
});
