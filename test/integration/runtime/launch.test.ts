import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';

function httpGet(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

async function untilAnswers(port: number): Promise<{ status: number; body: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await httpGet(port);
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function readInContainer(containerId: string, cmd: string[]): Promise<string> {
  const exec = await bareDocker()
    .getContainer(containerId)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  // Multiplexed frames: 8-byte header, then the payload.
  let text = '';
  for (let offset = 0; offset + 8 <= raw.length;) {
    const size = raw.readUInt32BE(offset + 4);
    text += raw.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return text;
}

describe('launching per-team instances on the real engine', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await startTestBackend({ start: 42000, end: 42199 });
  });

  afterAll(async () => {
    await backend.dispose();
  });

  it('gives 40 concurrent teams 40 distinct answering ports and each its own flag', async () => {
    const challenge = await backend.call('challenges.create', {
      name: 'Web 40',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '64m', cpus: 0.2, pids: 32 },
    });
    const teams = Array.from({ length: 40 }, (_, i) => `Team ${i} «${i % 3 === 0 ? 'ü' : 'x'}»`);
    await backend.call('teams.import', {
      csv: teams.map((t) => `"${t}"`).join('\n'),
      hasHeader: false,
    });

    const outcomes = await Promise.all(
      teams.map((team) => backend.call('instances.launch', { challengeId: challenge.id, team })),
    );

    const ports = outcomes.map((o) => o.instance?.ports[0]?.hostPort);
    expect(new Set(ports).size).toBe(40);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(42000);
      expect(port).toBeLessThanOrEqual(42199);
    }

    await Promise.all(
      outcomes.map(async (outcome) => {
        const instance = outcome.instance;
        if (!instance?.containerId) throw new Error('no instance');
        const answer = await untilAnswers(instance.ports[0]?.hostPort ?? 0);
        expect(answer.body).toContain('berth test challenge');
        const { flag } = await backend.call('instances.revealFlag', { id: instance.id });
        expect(flag).toMatch(/^flag\{[0-9a-f]{16}\}$/);
        const inside = await readInContainer(instance.containerId, [
          '/bin/sh',
          '-c',
          'echo "$FLAG"',
        ]);
        expect(inside.trim()).toBe(flag);
      }),
    );

    const flags = await Promise.all(
      outcomes.map((o) => backend.call('instances.revealFlag', { id: o.instance?.id ?? '' })),
    );
    expect(new Set(flags.map((f) => f.flag)).size).toBe(40);

    const containers = await bareDocker().listContainers({
      filters: { label: [`berth.challenge=${challenge.id}`] },
    });
    expect(containers).toHaveLength(40);
    for (const container of containers) {
      expect(container.Names[0]).toMatch(/^\/berth-web-40-team-\d+-[a-z0-9]+-[0-9a-f]{8}$/);
      for (const port of container.Ports) expect(port.IP).toBe('127.0.0.1');
    }
  });

  it('writes a file flag into the container before it starts', async () => {
    const challenge = await backend.call('challenges.create', {
      name: 'File flag',
      image: 'berth-test/noports:1.0',
      flag: { delivery: 'file', filePath: '/home/ctf/flag.txt' },
    });
    await backend.call('teams.add', { name: 'Filers' });
    const { instance } = await backend.call('instances.launch', {
      challengeId: challenge.id,
      team: 'Filers',
    });
    const { flag } = await backend.call('instances.revealFlag', { id: instance?.id ?? '' });
    const inside = await readInContainer(instance?.containerId ?? '', [
      'cat',
      '/home/ctf/flag.txt',
    ]);
    expect(inside.trim()).toBe(flag);
    const env = await readInContainer(instance?.containerId ?? '', ['/bin/env']);
    expect(env).not.toContain(flag);
  });

  it('never writes the flag into the audit log', async () => {
    const page = await backend.call('audit.query', { limit: 1000 });
    const instances = await backend.call('instances.list', {});
    const text = JSON.stringify(page.entries);
    for (const instance of instances.slice(0, 10)) {
      const { flag } = await backend.call('instances.revealFlag', { id: instance.id });
      expect(text).not.toContain(flag);
    }
    expect(page.entries.some((e) => e.action === 'instance.launch' && e.outcome === 'ok')).toBe(
      true,
    );
  });
});
