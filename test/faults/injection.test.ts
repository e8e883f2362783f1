import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext, checkBuildFolder } from '../../electron/docker/build-context';
import type { TestBackend } from '../support/backend';
import { startTestBackend } from '../support/backend';
import { faultCount } from './fault-seed';

// This file's host ports: 46500-46549.
const band = { start: 46500, end: 46549 };
const marker = `/tmp/berth-pwned-${process.pid}`;
const safeName = /^berth-[a-z0-9-]+$/;

let backend: TestBackend;

async function refused(
  method: string,
  input: unknown,
): Promise<{ message: string; field?: string }> {
  const answer = await backend.api.invoke(method, input);
  if (answer.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  expect(answer.error.kind).toBe('invalid-input');
  return answer.error;
}

/** Runs a command in the container; a command that cannot run fails the test. */
async function run(containerId: string, cmd: string[]): Promise<string> {
  const result = await backend.runtime.engines.engineFor(backend.hostId).exec(containerId, cmd);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.stdout;
}

/** The environment the challenge's own process (pid 1) was started with. */
async function processEnv(containerId: string): Promise<Map<string, string>> {
  const text = await run(containerId, ['cat', '/proc/1/environ']);
  const entries = text
    .split('\0')
    .filter((entry) => entry.includes('='))
    .map((entry): [string, string] => {
      const at = entry.indexOf('=');
      return [entry.slice(0, at), entry.slice(at + 1)];
    });
  return new Map(entries);
}

beforeAll(async () => {
  rmSync(marker, { force: true });
  backend = await startTestBackend(band);
});

afterAll(async () => {
  await backend.dispose();
  rmSync(marker, { force: true });
});

afterAll(() => {
  faultCount.report('injection');
});

describe('hostile names, values and paths', () => {
  it('launches teams named like shell commands as data: nothing runs, and container names stay safe', async () => {
    const names = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `; touch ${marker} #`,
      `| touch ${marker}`,
      '日本語チーム',
      '\u202eevil right-to-left',
    ];
    for (const name of names) await backend.call('teams.add', { name });
    const challenge = await backend.call('challenges.create', {
      name: `'; touch ${marker}; echo '`,
      image: 'berth-test/web:1.0',
    });
    faultCount.add(names.length);

    const { outcomes } = await backend.call('instances.launchAll', { challengeId: challenge.id });

    expect(outcomes.map((o) => o.error)).toEqual(names.map(() => null));
    for (const outcome of outcomes) {
      expect(outcome.instance?.containerName).toMatch(safeName);
      expect(await run(outcome.instance?.containerId ?? '', ['ls', '/tmp'])).not.toContain(
        'berth-pwned',
      );
    }
    expect(existsSync(marker)).toBe(false);
    const teams = await backend.call('teams.list', {});
    expect(teams.map((t) => t.name).sort()).toEqual([...names].sort());
    for (const outcome of outcomes) {
      await backend.call('instances.remove', { id: outcome.instance?.id ?? '' });
    }
  });

  it('hands an environment value with newlines, quotes and shell syntax to the container intact', async () => {
    const value = `first line\nsecond line\r\n$(touch ${marker}) \`id\` 'single' "double" ; | & 🦀 \\ end`;
    const challenge = await backend.call('challenges.create', {
      name: 'Env intact',
      image: 'berth-test/web:1.0',
      env: { NOTE: value },
    });
    await backend.call('teams.add', { name: 'Env team' });
    faultCount.add();

    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Env team',
    });

    const env = await processEnv(instance?.containerId ?? '');
    expect(env.get('NOTE')).toBe(value);
    const { flag } = await backend.call('instances.revealFlag', { id: instance?.id ?? '' });
    expect(env.get('FLAG')).toBe(flag);
    expect(existsSync(marker)).toBe(false);
    await backend.call('instances.remove', { id: instance?.id ?? '' });
  });

  it('writes a flag file whose path holds spaces and shell syntax exactly there', async () => {
    const filePath = '/srv/flag dir/$(id) `x` ;.txt';
    const challenge = await backend.call('challenges.create', {
      name: 'Odd flag path',
      image: 'berth-test/web:1.0',
      flag: { delivery: 'file', filePath },
    });
    await backend.call('teams.add', { name: 'Path team' });
    faultCount.add();

    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Path team',
    });

    const { flag } = await backend.call('instances.revealFlag', { id: instance?.id ?? '' });
    expect(await run(instance?.containerId ?? '', ['cat', filePath])).toBe(`${flag}\n`);
    await backend.call('instances.remove', { id: instance?.id ?? '' });
  });

  it.each([
    ['/../../etc/passwd', 'A path may not contain ..'],
    ['/srv/../../root/.ssh/authorized_keys', 'A path may not contain ..'],
    ['flag.txt', 'A path inside the container starts with /'],
    ['/srv/flags/', 'A file path may not end with /'],
    ['/srv/fl\0ag', 'A path inside the container starts with /'],
  ])('refuses the flag file path %j, saying why', async (filePath, reason) => {
    faultCount.add();
    const error = await refused('challenges.create', {
      name: 'Traversal',
      image: 'berth-test/web:1.0',
      flag: { delivery: 'file', filePath },
    });
    expect(error).toMatchObject({ field: 'flag.filePath' });
    expect(error.message).toContain(reason);
  });

  it.each([
    ['a team name with a newline', 'teams.add', { name: 'line\nbreak' }, 'A team name is one line'],
    ['a team name with a NUL', 'teams.add', { name: 'nul\0byte' }, 'A team name is one line'],
    [
      'an environment name with a space',
      'challenges.create',
      { name: 'Env name', image: 'web', env: { 'BAD NAME': 'x' } },
      'Environment names use letters, digits and _',
    ],
    [
      'an environment name with =',
      'challenges.create',
      { name: 'Env name', image: 'web', env: { 'A=B': 'x' } },
      'Environment names use letters, digits and _',
    ],
    [
      'an image reference with shell syntax',
      'challenges.create',
      { name: 'Image', image: 'web;$(id)' },
      'is not valid',
    ],
  ])('refuses %s with a clear message', async (_what, method, input, reason) => {
    faultCount.add();
    expect((await refused(method, input)).message).toContain(reason);
  });

  it('exports names that look like spreadsheet formulas so a spreadsheet shows them as text', async () => {
    const name = '=HYPERLINK("http://127.0.0.1/","x")';
    await backend.call('teams.add', { name });
    faultCount.add();

    const { text } = await backend.call('audit.export', {
      format: 'csv',
      filter: { action: 'team.add', offset: 0, limit: 100 },
    });

    expect(text).toContain(`"'=HYPERLINK(""http://127.0.0.1/"",""x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('sends a link in a build folder that leads out of it as a link, never the file it names', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'berth-build-links-'));
    writeFileSync(join(folder, 'Dockerfile'), 'FROM berth-test/noports:1.0\nCOPY . /ctx\n');
    symlinkSync('/etc/hostname', join(folder, 'host-file'));
    symlinkSync('../../..', join(folder, 'up'));
    faultCount.add();

    const entries: { name: string; type: string; size: number }[] = [];
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      entries.push({ name: header.name, type: header.type, size: header.size });
      stream.resume();
      stream.on('end', next);
    });
    const done = new Promise<void>((resolve) => {
      extract.on('finish', () => {
        resolve();
      });
    });
    (await buildContext(await checkBuildFolder(folder))).pipe(extract);
    await done;
    rmSync(folder, { recursive: true, force: true });

    expect(entries.find((e) => e.name === 'host-file')).toMatchObject({ type: 'symlink', size: 0 });
    expect(entries.find((e) => e.name === 'up')).toMatchObject({ type: 'symlink', size: 0 });
    const files = entries.filter((e) => e.type !== 'directory').map((e) => e.name);
    expect(files.sort()).toEqual(['Dockerfile', 'host-file', 'up']);
  });

  it.each(['../Dockerfile', '/etc/passwd', 'sub/../../Dockerfile'])(
    'refuses a Dockerfile at %j, outside the build folder',
    async (dockerfile) => {
      const folder = mkdtempSync(join(tmpdir(), 'berth-build-outside-'));
      writeFileSync(join(folder, 'Dockerfile'), 'FROM scratch\n');
      faultCount.add();

      await expect(checkBuildFolder(folder, dockerfile)).rejects.toMatchObject({
        kind: 'invalid-input',
        message: 'The Dockerfile must be inside the challenge folder',
      });
      rmSync(folder, { recursive: true, force: true });
    },
  );
});
