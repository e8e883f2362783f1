import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerOf } from '../../../electron/api/authoring-services';
import type { ProbeResult } from '../../../shared/views';
import { bareDocker, testLabel } from '../../engine/engine';
import type { TestBackend } from '../../support/backend';
import { startTestBackend } from '../../support/backend';
import type { EventLog } from './support';
import { recordEvents } from './support';

const band = { start: 44200, end: 44249 };

async function exists(containerId: string): Promise<boolean> {
  const found = await bareDocker()
    .getContainer(containerId)
    .inspect()
    .catch(() => null);
  return found !== null;
}

describe('test-runs of any image on the real engine', () => {
  let backend: TestBackend;
  let events: EventLog;

  beforeAll(async () => {
    backend = await startTestBackend(band);
    events = recordEvents(backend);
  });

  afterAll(async () => {
    events.stop();
    await backend.dispose();
  });

  it('publishes each exposed port on 127.0.0.1, probes them, and stops and removes in one call', async () => {
    const run = await backend.call('testRuns.start', {
      image: 'berth-test/multi:1.0',
      ports: [
        { port: 8080, protocol: 'http' },
        { port: 9000, protocol: 'tcp' },
      ],
    });

    expect(run.ports.map((p) => [p.containerPort, p.protocol, p.hostIp])).toEqual([
      [8080, 'http', '127.0.0.1'],
      [9000, 'tcp', '127.0.0.1'],
    ]);
    expect(run.ports.every((p) => p.hostPort > 0)).toBe(true);
    let probe: ProbeResult[] = await backend.call('testRuns.probe', { id: run.id });
    for (let attempt = 0; attempt < 40 && !probe.every((p) => p.ok); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      probe = await backend.call('testRuns.probe', { id: run.id });
    }
    expect(probe.map((p) => [p.containerPort, p.ok, p.detail])).toEqual([
      [8080, true, 'HTTP 200'],
      [9000, true, 'Accepts connections'],
    ]);
    const labels = (await bareDocker().getContainer(run.containerId).inspect()).Config.Labels;
    expect(labels).toMatchObject({
      'berth.testrun': 'true',
      'berth.testrun.owner': ownerOf(backend.dataDir),
    });

    expect(await backend.call('testRuns.remove', { id: run.id })).toEqual({ removed: true });

    expect(await exists(run.containerId)).toBe(false);
    expect(await backend.call('testRuns.list', {})).toEqual([]);
  });

  it('takes the image’s exposed ports when none are given', async () => {
    const run = await backend.call('testRuns.start', { image: 'berth-test/web:1.0' });

    expect(run.ports).toEqual([expect.objectContaining({ containerPort: 8080, protocol: 'tcp' })]);
    await backend.call('testRuns.remove', { id: run.id });
  });

  it('runs a command in a test-run and returns its output and exit code', async () => {
    const run = await backend.call('testRuns.start', { image: 'berth-test/noports:1.0' });

    const result = await backend.call('testRuns.exec', {
      id: run.id,
      command: ['sh', '-c', 'echo hello from exec; echo oops >&2; exit 3'],
    });

    expect(result).toEqual({
      exitCode: 3,
      stdout: 'hello from exec\n',
      stderr: 'oops\n',
      truncated: false,
    });
    await backend.call('testRuns.remove', { id: run.id });
  });

  it('opens a shell with a TTY that answers typed commands, follows a resize and ends on exit', async () => {
    const run = await backend.call('testRuns.start', { image: 'berth-test/noports:1.0' });
    const { sessionId } = await backend.call('terminal.open', {
      runId: run.id,
      cols: 80,
      rows: 24,
    });

    await backend.call('terminal.resize', { sessionId, cols: 132, rows: 43 });
    await backend.call('terminal.input', { sessionId, data: 'stty size; echo $((6 * 7))\r' });
    await backend.call('terminal.input', { sessionId, data: 'exit 5\r' });
    const end = await events.next('terminal.output', (e) => e.sessionId === sessionId && e.ended);

    const text = events
      .of('terminal.output')
      .filter((e) => e.sessionId === sessionId)
      .map((e) => e.data)
      .join('');
    expect(text).toContain('43 132');
    expect(text).toContain('42');
    expect(end.exitCode).toBe(5);
    expect(await backend.call('terminal.input', { sessionId, data: 'ls\r' })).toEqual({
      accepted: false,
    });
    await backend.call('testRuns.remove', { id: run.id });
  });

  it('streams a test-run’s logs live', async () => {
    const run = await backend.call('testRuns.start', {
      image: 'berth-test/noports:1.0',
      command: ['sh', '-c', 'echo first line; sleep 1; echo second line; sleep 3600'],
    });

    const { streamId } = await backend.call('testRuns.followLogs', { id: run.id, tail: 10 });
    await events.next(
      'logs.chunk',
      (e) => e.streamId === streamId && e.text.includes('second line'),
    );

    const text = events
      .of('logs.chunk')
      .filter((e) => e.streamId === streamId)
      .map((e) => e.text)
      .join('');
    expect(text).toBe('first line\nsecond line\n');
    await backend.call('testRuns.remove', { id: run.id });
    await events.next('logs.chunk', (e) => e.streamId === streamId && e.ended);
  });

  it('leaves nothing behind when the app closes, and removes what a crash left on the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-testrun-'));
    const first = await startTestBackend(band, { dataDir });
    const run = await first.call('testRuns.start', { image: 'berth-test/noports:1.0' });
    await first.call('terminal.open', { runId: run.id, cols: 80, rows: 24 });

    await first.close();

    expect(await exists(run.containerId)).toBe(false);

    // What a crash leaves: a container carrying this data folder's owner label.
    const left = await bareDocker().createContainer({
      Image: 'berth-test/noports:1.0',
      Labels: {
        [testLabel]: 'true',
        'berth.testrun': 'true',
        'berth.testrun.owner': ownerOf(dataDir),
      },
    });
    const other = await bareDocker().createContainer({
      Image: 'berth-test/noports:1.0',
      Labels: { [testLabel]: 'true', 'berth.testrun': 'true', 'berth.testrun.owner': 'another' },
    });
    const second = await startTestBackend(band, { dataDir });

    expect(await second.authoring.leftoversRemoved).toBe(1);

    expect(await exists(left.id)).toBe(false);
    expect(await exists(other.id)).toBe(true);
    await other.remove({ force: true });
    await second.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
