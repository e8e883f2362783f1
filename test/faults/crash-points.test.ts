import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareDocker } from '../engine/engine';
import type { TestBackend } from '../support/backend';
import { startTestBackend } from '../support/backend';
import { engineProblems } from './consistency';
import { faultCount, seededRandom, suiteSeed } from './fault-seed';

const seed = suiteSeed('crash points');
const random = seededRandom(seed);
// This file's host ports: 46200-46249.
const band = { start: 46200, end: 46249 };
// BERTH_FAULT_POINTS raises the number of points for a deeper run than CI's.
const pointCount = Number(process.env.BERTH_FAULT_POINTS ?? 24);
const worker = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));

interface Template {
  dataDir: string;
  challengeId: string;
  hostId: string;
}

let template: Template;
let points: { k: number; policy: 'remove' | 'adopt' }[] = [];
let total = 0;

/** Runs the workload in another process; kills it with SIGKILL at checkpoint `k` (0: never). */
function runWorker(dataDir: string, challengeId: string, k: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', worker, dataDir, challengeId, `${k}`],
      {
        env: process.env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('stopped at')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (k > 0 && signal !== 'SIGKILL') reject(new Error(`not killed (${code}): ${output}`));
      else resolve(output.trim());
    });
  });
}

/**
 * Waits until the engine has finished what the killed process had already asked of it (a
 * removal in flight completes on the engine's side): the host's containers stop changing.
 */
async function engineSettled(hostId: string): Promise<void> {
  const docker = bareDocker();
  let previous = '';
  for (let round = 0; round < 20; round += 1) {
    const listed = await docker.listContainers({
      all: true,
      filters: { label: [`berth.host=${hostId}`] },
    });
    const now = listed
      .map((c) => `${c.Id}:${c.State}`)
      .sort()
      .join();
    if (now === previous && !now.includes(':removing')) return;
    previous = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function removeHostContainers(hostId: string): Promise<void> {
  const docker = bareDocker();
  const left = await docker.listContainers({
    all: true,
    filters: { label: [`berth.host=${hostId}`] },
  });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

beforeAll(async () => {
  const first = await startTestBackend(band, {
    dataDir: mkdtempSync(join(tmpdir(), 'berth-crash-template-')),
  });
  const challenge = await first.call('challenges.create', {
    name: 'Crash points',
    image: 'berth-test/web:1.0',
    lifetimeSeconds: 600,
  });
  await first.call('teams.add', { name: 'Crash A' });
  await first.call('teams.add', { name: 'Crash B' });
  template = { dataDir: first.dataDir, challengeId: challenge.id, hostId: first.hostId };
  await first.close();

  // A run that is never stopped counts the checkpoints; the points are a seeded sample of them.
  const dry = mkdtempSync(join(tmpdir(), 'berth-crash-dry-'));
  cpSync(template.dataDir, dry, { recursive: true });
  const output = await runWorker(dry, template.challengeId, 0);
  total = Number(/done (\d+)/.exec(output)?.[1] ?? 0);
  await removeHostContainers(template.hostId);
  rmSync(dry, { recursive: true, force: true });

  const all = Array.from({ length: total }, (_, i) => i + 1);
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j] ?? 0, all[i] ?? 0];
  }
  points = all
    .slice(0, pointCount)
    .sort((a, b) => a - b)
    .map((k) => ({ k, policy: random() < 0.5 ? 'remove' : 'adopt' }));
  const list = points.map((p) => `${p.k} (${p.policy})`).join(', ');
  process.stdout.write(`[faults] crash points: ${total} checkpoints, killing at ${list}\n`);
});

afterAll(async () => {
  await removeHostContainers(template.hostId);
  rmSync(template.dataDir, { recursive: true, force: true });
  faultCount.report('crash points');
});

describe('the process killed at seeded points of launch, extend and reap', () => {
  it('has more checkpoints than points to kill at', () => {
    expect(total).toBeGreaterThanOrEqual(pointCount);
  });

  it.each(Array.from({ length: pointCount }, (_, i) => i))(
    'opens again after kill #%i, with a verifiable audit chain and a consistent state after reconciling',
    async (index) => {
      const { k, policy } = points[index] ?? { k: 0, policy: 'remove' };
      const dataDir = mkdtempSync(join(tmpdir(), 'berth-crash-'));
      cpSync(template.dataDir, dataDir, { recursive: true });
      faultCount.add();

      const opened: TestBackend[] = [];
      try {
        const stopped = await runWorker(dataDir, template.challengeId, k);
        expect(stopped).toMatch(/^stopped at \d+ /);
        await engineSettled(template.hostId);

        const backend = await startTestBackend(band, { dataDir });
        opened.push(backend);
        await backend.call('settings.update', { reconcilePolicy: policy });
        const [report] = await backend.call('instances.reconcile', {});
        expect(report?.errors, stopped).toEqual([]);
        expect((await backend.call('audit.verify', {})).ok, stopped).toBe(true);
        const problems = await engineProblems(backend.store, bareDocker(), backend.hostId);
        expect(problems.join('\n'), `${stopped} (${policy})`).toBe('');
      } finally {
        for (const backend of opened) await backend.dispose();
        await removeHostContainers(template.hostId);
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
