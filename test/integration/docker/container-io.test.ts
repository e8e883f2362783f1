import { afterEach, describe, expect, it } from 'vitest';
import type { EngineClient } from '../../../electron/docker/engine-client';
import type { EngineEvent, LogChunk } from '../../../electron/docker/engine-types';
import { recordsOf, removeSuiteContainers, suiteContainers, testClient, testSpec } from './support';

const suite = 'io';

afterEach(async () => {
  await removeSuiteContainers(suite);
});

const talker = ['/bin/sh', '-c', 'echo out-line; echo err-line >&2; exec sleep 3600'];

/** Follows the logs until every text has appeared, and returns what came. */
async function followUntil(
  client: EngineClient,
  id: string,
  ...texts: string[]
): Promise<LogChunk[]> {
  const chunks: LogChunk[] = [];
  const controller = new AbortController();
  for await (const chunk of client.followLogs(id, { signal: controller.signal })) {
    chunks.push(chunk);
    const seen = chunks.map((c) => c.text).join('');
    if (texts.every((text) => seen.includes(text))) controller.abort();
  }
  return chunks;
}

describe('logs', () => {
  it('separates stdout and stderr of a container without a TTY', async () => {
    const { client, records } = testClient();
    const run = await client.runContainer(testSpec(suite, 'plain', { command: talker }));

    const chunks = await followUntil(client, run.id, 'out-line', 'err-line');
    const logs = await client.logs(run.id);

    expect(
      chunks
        .filter((c) => c.stream === 'stdout')
        .map((c) => c.text)
        .join(''),
    ).toBe('out-line\n');
    expect(
      chunks
        .filter((c) => c.stream === 'stderr')
        .map((c) => c.text)
        .join(''),
    ).toBe('err-line\n');
    expect(logs.text.split('\n').sort()).toEqual(['', 'err-line', 'out-line']);
    expect(logs.truncated).toBe(false);
    expect(recordsOf(records, 'container.logs').map((r) => r.outcome)).toEqual(['ok', 'ok']);
  });

  it('reads the raw output of a container with a TTY without frame bytes', async () => {
    const { client } = testClient();
    const run = await client.runContainer(testSpec(suite, 'tty', { command: talker, tty: true }));

    await followUntil(client, run.id, 'out-line', 'err-line');
    const logs = await client.logs(run.id);

    expect(logs.text).toContain('out-line\r\n');
    expect(logs.text).toContain('err-line\r\n');
    expect(Buffer.from(logs.text).some((byte) => byte <= 2)).toBe(false);
  });

  it('cuts the logs at the byte cap and says so', async () => {
    const { client } = testClient();
    const run = await client.runContainer(testSpec(suite, 'cap', { command: talker }));
    await followUntil(client, run.id, 'out-line', 'err-line');

    const logs = await client.logs(run.id, { maxBytes: 5 });

    expect(logs).toEqual({ text: expect.stringMatching(/^.{5}$/) as string, truncated: true });
  });

  it('keeps only the last lines asked for', async () => {
    const { client } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'tail', { command: ['/bin/sh', '-c', 'seq 1 50; exec sleep 3600'] }),
    );
    await followUntil(client, run.id, '50\n');

    expect((await client.logs(run.id, { tail: 3 })).text).toBe('48\n49\n50\n');
  });

  it('ends a follow when the container stops', async () => {
    const { client } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'stops', { command: ['/bin/sh', '-c', 'echo ready; exec sleep 3600'] }),
    );

    let stopping: Promise<void> | null = null;
    const seen: string[] = [];
    for await (const chunk of client.followLogs(run.id)) {
      seen.push(chunk.text);
      stopping ??= client.stopContainer(run.id, { timeoutSeconds: 0 });
    }
    await stopping;

    expect(seen.join('')).toBe('ready\n');
    expect((await client.inspectContainer(run.id)).running).toBe(false);
  });

  it('ends a follow quietly when the caller cancels it, leaving the container running', async () => {
    const { client } = testClient();
    const run = await client.runContainer(testSpec(suite, 'cancel', { command: talker }));

    const chunks = await followUntil(client, run.id, 'out-line');

    expect(chunks.length).toBeGreaterThan(0);
    expect((await client.inspectContainer(run.id)).running).toBe(true);
  });

  it('fails to follow the logs of a container that does not exist with not-found', async () => {
    const { client, records } = testClient();

    const follow = async (): Promise<void> => {
      for await (const chunk of client.followLogs('berth-it-io-missing')) expect(chunk).toBeNull();
    };

    await expect(follow()).rejects.toMatchObject({ kind: 'not-found' });
    expect(records).toEqual([
      expect.objectContaining({ action: 'container.logs', outcome: 'failed' }),
    ]);
  });
});

describe('exec', () => {
  it('returns the exit code and both outputs of a command', async () => {
    const { client, records } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'exec', { image: 'berth-test/noports:1.0' }),
    );

    const result = await client.exec(run.id, ['/bin/sh', '-c', 'echo hi; echo oops >&2; exit 7']);

    expect(result).toEqual({ exitCode: 7, stdout: 'hi\n', stderr: 'oops\n', truncated: false });
    expect(recordsOf(records, 'container.exec')).toEqual([
      expect.objectContaining({
        outcome: 'ok',
        details: expect.objectContaining({ exitCode: 7 }) as object,
      }),
    ]);
  });

  it('sees the environment and the files the launch gave the container, none of it in the audit', async () => {
    const { client, records } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'flag', {
        image: 'berth-test/noports:1.0',
        env: { FLAG: 'flag{env-secret}' },
        files: [{ path: '/srv/flag.txt', content: 'flag{file-secret}', mode: 0o440 }],
      }),
    );

    const env = await client.exec(run.id, ['/bin/env']);
    const file = await client.exec(run.id, [
      '/bin/sh',
      '-c',
      'cat /srv/flag.txt; stat -c %a /srv/flag.txt',
    ]);

    expect(env.stdout).toContain('FLAG=flag{env-secret}');
    expect(file.stdout).toBe('flag{file-secret}440\n');
    expect(JSON.stringify(records)).not.toMatch(/env-secret|file-secret/);
  });

  it('refuses a command in a stopped container with a conflict', async () => {
    const { client } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'stopped', { image: 'berth-test/noports:1.0' }),
    );
    await client.stopContainer(run.id, { timeoutSeconds: 0 });

    await expect(client.exec(run.id, ['/bin/true'])).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('runs an interactive shell with a terminal of the asked size', async () => {
    const { client } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'tty-exec', { image: 'berth-test/noports:1.0' }),
    );

    const shell = await client.execInteractive(run.id, ['/bin/sh'], { cols: 100, rows: 30 });
    let output = '';
    shell.stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    shell.stream.write('stty size; echo $((6*7)); exit 3\n');

    expect(await shell.exitCode()).toBe(3);
    expect(output).toContain('30 100');
    expect(output).toContain('42');
  });
});

describe('usage and events', () => {
  it('reads one usage sample bounded by the memory limit', async () => {
    const { client } = testClient();
    const run = await client.runContainer(
      testSpec(suite, 'stats', { image: 'berth-test/noports:1.0' }),
    );

    const stats = await client.stats(run.id);

    expect(stats.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(stats.memoryBytes).toBeGreaterThan(0);
    expect(stats.cpuPercent).toBeGreaterThanOrEqual(0);
  });

  it("streams the start and stop of Berth's containers", async () => {
    const { client } = testClient();
    const spec = testSpec(suite, 'events', { image: 'berth-test/noports:1.0' });
    spec.labels['berth.instance'] = 'it-events';
    const controller = new AbortController();
    const since = Math.floor(Date.now() / 1000) - 1;

    const run = await client.runContainer(spec);
    await client.stopContainer(run.id, { timeoutSeconds: 0 });
    const events: EngineEvent[] = [];
    for await (const event of client.events({ sinceSeconds: since, signal: controller.signal })) {
      if (event.id !== run.id) continue;
      events.push(event);
      if (event.action === 'die') controller.abort();
    }

    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'start', 'die']));
    expect(events[0]?.attributes['berth.instance']).toBe('it-events');
    await client.removeContainer(run.id);
    expect(await suiteContainers(suite)).toEqual([]);
  });
});
