import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker, testLabel, testSocketPath } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import type { EventLog } from './support';
import {
  emptySecondEngine,
  recordEvents,
  secondDocker,
  secondSocketPath,
  transferToEnd,
} from './support';

/** Writes what `docker save` gives for the images into a file, as an operator would. */
async function dockerSave(names: string[], file: string): Promise<void> {
  const query = names.map((name) => `names=${encodeURIComponent(name)}`).join('&');
  const archive = await new Promise<IncomingMessage>((resolve, reject) => {
    get({ socketPath: testSocketPath(), path: `/images/get?${query}` }, resolve).on(
      'error',
      reject,
    );
  });
  expect(archive.statusCode).toBe(200);
  await pipeline(archive, createWriteStream(file));
}

/** The names and manifest entries of a tar file. */
async function tarEntries(file: string): Promise<{ names: string[]; manifest: unknown }> {
  const extract = tar.extract();
  const names: string[] = [];
  let manifest: unknown = null;
  extract.on('entry', (header, stream, next) => {
    names.push(header.name);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    stream.on('end', () => {
      if (header.name === 'manifest.json') manifest = JSON.parse(Buffer.concat(chunks).toString());
      next();
    });
  });
  await pipeline(createReadStream(file), extract);
  return { names, manifest };
}

describe('moving images between engines without a registry', () => {
  let backend: TestBackend;
  let events: EventLog;
  let secondHostId: string;
  let folder: string;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 44100, end: 44149 });
    events = recordEvents(backend);
    const second = await backend.call('hosts.add', {
      name: 'lab-2',
      connection: { kind: 'socket', socketPath: secondSocketPath() },
    });
    secondHostId = second.id;
    folder = mkdtempSync(join(tmpdir(), 'berth-authoring-'));
    await emptySecondEngine();
  });

  afterEach(async () => {
    await emptySecondEngine();
  });

  afterAll(async () => {
    events.stop();
    await backend.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads a docker save file of two images on a second engine, and both are then present', async () => {
    const file = join(folder, 'two-images.tar');
    await dockerSave(['berth-test/web:1.0', 'berth-test/noports:1.0'], file);

    const { transferId } = await backend.call('images.load', { hostId: secondHostId, path: file });
    const { end, progress } = await transferToEnd(events, transferId);

    expect(end).toMatchObject({ status: 'succeeded', kind: 'load', toHostId: secondHostId });
    expect(end.images.sort()).toEqual(['berth-test/noports:1.0', 'berth-test/web:1.0']);
    expect(end.bytesDone).toBe(end.bytesTotal);
    expect(progress.some((p) => p.status === 'running' && p.bytesDone > 0)).toBe(true);
    const web = await secondDocker().getImage('berth-test/web:1.0').inspect();
    const noports = await secondDocker().getImage('berth-test/noports:1.0').inspect();
    expect(web.Id).toBe((await bareDocker().getImage('berth-test/web:1.0').inspect()).Id);
    expect(noports.Id).toBe((await bareDocker().getImage('berth-test/noports:1.0').inspect()).Id);
  });

  it('copies an image from one engine to another, streaming, and it keeps its ID', async () => {
    const { transferId } = await backend.call('images.copy', {
      fromHostId: backend.hostId,
      toHostId: secondHostId,
      refs: ['berth-test/multi:1.0'],
    });
    const { end, progress } = await transferToEnd(events, transferId);

    expect(end).toMatchObject({
      status: 'succeeded',
      kind: 'copy',
      images: ['berth-test/multi:1.0'],
    });
    expect(end.bytesDone).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(2);
    const original = await bareDocker().getImage('berth-test/multi:1.0').inspect();
    const copy = await secondDocker().getImage('berth-test/multi:1.0').inspect();
    expect(copy.Id).toBe(original.Id);
    expect(copy.Config.ExposedPorts).toEqual(original.Config.ExposedPorts);
  });

  it('saves an image to a file that names it in its manifest, and never overwrites a file', async () => {
    const file = join(folder, 'saved-web.tar');

    const { transferId } = await backend.call('images.save', {
      refs: ['berth-test/web:1.0'],
      path: file,
    });
    const { end } = await transferToEnd(events, transferId);

    expect(end.status).toBe('succeeded');
    const { names, manifest } = await tarEntries(file);
    expect(names).toContain('manifest.json');
    expect(manifest).toEqual([expect.objectContaining({ RepoTags: ['berth-test/web:1.0'] })]);
    await expect(
      backend.call('images.save', { refs: ['berth-test/web:1.0'], path: file }),
    ).rejects.toMatchObject({ info: { kind: 'conflict', field: 'path' } });
  });

  it('says which file is not an image archive when a load fails', async () => {
    const file = join(folder, 'not-an-archive.tar');
    writeFileSync(file, 'this is not a tar file');

    const { transferId } = await backend.call('images.load', { hostId: secondHostId, path: file });
    const { end } = await transferToEnd(events, transferId);

    expect(end.status).toBe('failed');
    expect(end.error?.message).toContain('not-an-archive.tar');
  });

  it('lists what a removal deletes and what uses it, and removes only what was confirmed', async () => {
    const copied = await backend.call('images.copy', {
      fromHostId: backend.hostId,
      toHostId: secondHostId,
      refs: ['berth-test/web:1.0'],
    });
    await transferToEnd(events, copied.transferId);
    await secondDocker().getImage('berth-test/web:1.0').tag({ repo: 'lab/alias', tag: '2' });
    const user = await secondDocker().createContainer({
      Image: 'berth-test/web:1.0',
      name: 'authoring-user',
      Labels: { [testLabel]: 'true' },
    });

    const plan = await backend.call('images.removePlan', {
      hostId: secondHostId,
      refs: ['berth-test/web:1.0', 'berth-test/absent:1.0'],
    });
    expect(plan.missing).toEqual(['berth-test/absent:1.0']);
    expect(plan.items).toEqual([
      expect.objectContaining({
        tags: expect.arrayContaining(['berth-test/web:1.0', 'lab/alias:2']) as string[],
        usedBy: ['authoring-user'],
        blocked: 'Used by container authoring-user; remove it first',
      }),
    ]);
    const id = plan.items[0]?.id ?? '';
    const refused = await backend.call('images.remove', { hostId: secondHostId, ids: [id] });
    expect(refused.removed).toEqual([]);
    expect(refused.failed).toEqual([
      { id, error: expect.objectContaining({ kind: 'conflict' }) as unknown },
    ]);

    await user.remove();
    const done = await backend.call('images.remove', { hostId: secondHostId, ids: [id] });

    expect(done.removed).toEqual([{ id, tags: expect.any(Array) as string[] }]);
    expect(done.reclaimedBytes).toBeGreaterThan(0);
    expect(await secondDocker().listImages()).toEqual([]);
  });

  it('prunes exactly the dangling images the plan listed', async () => {
    const danglingId = readFileSync('/tmp/berth-engine/dangling.id', 'utf8').trim();
    const file = join(folder, 'dangling.tar');
    await dockerSave([danglingId, 'berth-test/noports:1.0'], file);
    const loaded = await backend.call('images.load', { hostId: secondHostId, path: file });
    await transferToEnd(events, loaded.transferId);

    const plan = await backend.call('images.prunePlan', { hostId: secondHostId });
    expect(plan.items.map((item) => item.id)).toEqual([danglingId]);
    expect(plan.items[0]?.tags).toEqual([]);

    const result = await backend.call('images.prune', {
      hostId: secondHostId,
      ids: plan.items.map((item) => item.id),
    });

    expect(result.removed.map((item) => item.id)).toEqual([danglingId]);
    const left = await secondDocker().listImages();
    expect(left.map((image) => image.RepoTags)).toEqual([['berth-test/noports:1.0']]);
  });
  it('fails the readiness of a host whose image under the challenge’s name is another image', async () => {
    const copied = await backend.call('images.copy', {
      fromHostId: backend.hostId,
      toHostId: secondHostId,
      refs: ['berth-test/noports:1.0'],
    });
    await transferToEnd(events, copied.transferId);
    await secondDocker()
      .getImage('berth-test/noports:1.0')
      .tag({ repo: 'berth-test/web', tag: '1.0' });
    await backend.call('challenges.create', {
      name: 'Same name, other image',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
    });

    const report = await backend.call('readiness.check', { trial: false });

    const row = report.rows.find((r) => r.challengeName === 'Same name, other image');
    const local = row?.cells.find((cell) => cell.hostId === backend.hostId);
    const second = row?.cells.find((cell) => cell.hostId === secondHostId);
    const webId = (await bareDocker().getImage('berth-test/web:1.0').inspect()).Id;
    const noportsId = (await bareDocker().getImage('berth-test/noports:1.0').inspect()).Id;
    expect(local?.checks.image.status).toBe('pass');
    expect(second?.checks.image).toEqual({
      status: 'fail',
      reason: `lab-2 holds a different image under berth-test/web:1.0 (${noportsId.slice(0, 19)}) than Local engine (${webId.slice(0, 19)}); copy the right one there`,
    });
    expect(second?.checks.ports.status).toBe('fail');
  });
});
