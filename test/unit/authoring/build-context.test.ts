import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContext, checkBuildFolder } from '../../../electron/docker/build-context';

async function entriesOf(dir: string, dockerfile = 'Dockerfile') {
  const extract = tar.extract();
  const entries: { name: string; uid: number; gid: number }[] = [];
  extract.on('entry', (header, stream, next) => {
    entries.push({ name: header.name, uid: header.uid, gid: header.gid });
    stream.resume();
    stream.on('end', next);
  });
  await pipeline(await buildContext(await checkBuildFolder(dir, dockerfile)), extract);
  return entries;
}

describe('the build context of a challenge folder', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-context-'));
    mkdirSync(join(dir, 'notes'));
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker', 'Dockerfile'), 'FROM web\n');
    writeFileSync(join(dir, 'app.py'), 'print(1)\n');
    writeFileSync(join(dir, 'secret.txt'), 'no\n');
    writeFileSync(join(dir, 'notes', 'todo.md'), 'no\n');
    writeFileSync(join(dir, 'notes', 'keep.md'), 'yes\n');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves out what .dockerignore lists, keeps its exceptions, and always sends the Dockerfile', async () => {
    writeFileSync(
      join(dir, '.dockerignore'),
      '# comment\nsecret.txt\nnotes\n!notes/keep.md\ndocker\n',
    );

    const names = (await entriesOf(dir, 'docker/Dockerfile')).map((e) => e.name.replace(/\/$/, ''));

    expect(names).toEqual(
      expect.arrayContaining(['app.py', 'docker/Dockerfile', 'notes/keep.md', '.dockerignore']),
    );
    expect(names).not.toContain('secret.txt');
    expect(names).not.toContain('notes/todo.md');
  });

  it('sends every file, owned by root, when there is no .dockerignore', async () => {
    const entries = await entriesOf(dir, 'docker/Dockerfile');

    expect(entries.map((e) => e.name)).toEqual(
      expect.arrayContaining(['secret.txt', 'notes/todo.md']),
    );
    expect(entries.every((e) => e.uid === 0 && e.gid === 0)).toBe(true);
  });

  it('refuses a Dockerfile outside the folder or missing, naming the field', async () => {
    await expect(checkBuildFolder(dir, '../Dockerfile')).rejects.toMatchObject({
      kind: 'invalid-input',
      field: 'dockerfile',
    });
    await expect(checkBuildFolder(dir)).rejects.toMatchObject({
      kind: 'not-found',
      field: 'dockerfile',
      message: 'The folder has no Dockerfile',
    });
    await expect(checkBuildFolder(join(dir, 'nothing-here'))).rejects.toMatchObject({
      kind: 'not-found',
      field: 'contextDir',
    });
  });
});
