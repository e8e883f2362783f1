import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { BerthError, errorKinds } from '../../shared/errors';
import { createEngineClient } from '../../electron/docker/engine-client';
import type { EngineClient } from '../../electron/docker/engine-client';
import type { ContainerSpec } from '../../electron/docker/engine-types';
import { bareDocker, testLabel, testSocketPath } from '../engine/engine';
import type { Fault, FaultProxy } from '../support/fault-proxy';
import { startFaultProxy } from '../support/fault-proxy';
import { faultCount, seededRandom, suiteSeed } from './fault-seed';

const seed = suiteSeed('engine faults');
const random = seededRandom(seed);
const suite = 'engine-faults';
const deadlineMs = 1500;
// Stop and restart wait for the container's own grace time on top of the deadline.
const slowDeadlineMs = deadlineMs + 15_000;

/** The faults every call is driven through; `pass` is the control. */
const faults: Fault[] = [
  { kind: 'delay', ms: deadlineMs + 1000 },
  { kind: 'hang' },
  { kind: 'drop' },
  { kind: 'truncate', bytes: 7 },
  { kind: 'garbage-json' },
  { kind: 'wrong-json', body: '[]' },
  { kind: 'wrong-json', body: '{"unexpected": {"shape": true}}' },
  { kind: 'wrong-json', body: '"just a string"' },
  { kind: 'wrong-json', body: 'null' },
  { kind: 'status', code: 500, contentType: 'application/json', body: '{"message":"boom"}' },
  { kind: 'status', code: 502, contentType: 'text/html', body: '<html>Bad gateway</html>' },
  { kind: 'status', code: 503, contentType: 'text/plain', body: '' },
];

/**
 * What one answer is to the call that asked: an object naming what it describes (an Id), an
 * object of facts, the state of a command, a list (which may truly be empty), nothing the call
 * reads, or a stream that may end at any time.
 */
type Answer = 'identified' | 'facts' | 'state' | 'list' | 'none' | 'stream';

/** One client call and, in order, the answers it reads from the engine. */
interface Call {
  name: string;
  steps: Answer[];
  slow?: boolean;
  run(client: EngineClient, signal: AbortSignal): Promise<unknown>;
}

function spec(name: string): ContainerSpec {
  return {
    name: `berth-it-${suite}-${name}`,
    image: 'berth-test/web:1.0',
    env: { NOTE: 'fault' },
    labels: { [testLabel]: 'true', [`${testLabel}.suite`]: suite },
    command: null,
    ports: [],
    memoryBytes: 32 * 1024 * 1024,
    nanoCpus: 250_000_000,
    pidsLimit: 32,
    readOnlyRootfs: false,
    capDrop: ['ALL'],
    capAdd: [],
    files: [{ path: '/tmp/note.txt', content: 'fault' }],
  };
}

// Drains a stream until it ends or for a moment of output, whichever is first.
async function drain(stream: AsyncIterable<unknown>, signal: AbortSignal): Promise<number> {
  let seen = 0;
  for await (const item of stream) {
    if (item === undefined) continue;
    seen += 1;
    if (seen >= 3 || signal.aborted) break;
  }
  return seen;
}

let fixture = '';
let savedImage: Buffer = Buffer.alloc(0);
let buildContext: Buffer = Buffer.alloc(0);

/** A tar archive holding one Dockerfile, as a build context. */
async function contextWith(dockerfile: string): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
let problems = new Map<string, string[]>();
let counter = 0;
const fresh = (): string => `call-${++counter}`;

const calls: Call[] = [
  { name: 'ping', steps: ['none'], run: (c, signal) => c.ping({ signal }) },
  { name: 'version', steps: ['facts'], run: (c, signal) => c.version({ signal }) },
  { name: 'info', steps: ['facts'], run: (c, signal) => c.info({ signal }) },
  { name: 'listImages', steps: ['list'], run: (c, signal) => c.listImages({ signal }) },
  {
    name: 'inspectImage',
    steps: ['identified'],
    run: (c, signal) => c.inspectImage('berth-test/web:1.0', { signal }),
  },
  {
    name: 'hasImage',
    steps: ['identified'],
    run: (c, signal) => c.hasImage('berth-test/web:1.0', { signal }),
  },
  {
    name: 'createContainer',
    steps: ['identified'],
    run: (c, signal) => c.createContainer(spec(fresh()), { signal }),
  },
  {
    name: 'putFiles',
    steps: ['none'],
    run: (c, signal) => c.putFiles(fixture, [{ path: '/tmp/put.txt', content: 'x' }], { signal }),
  },
  {
    name: 'runContainer',
    steps: ['identified', 'none', 'none', 'identified'],
    run: (c, signal) => c.runContainer(spec(fresh()), { signal }),
  },
  {
    name: 'inspectContainer',
    steps: ['identified'],
    run: (c, signal) => c.inspectContainer(fixture, { signal }),
  },
  {
    name: 'listContainers',
    steps: ['list'],
    run: (c, signal) =>
      c.listContainers({ labels: { [`${testLabel}.suite`]: suite }, all: true }, { signal }),
  },
  {
    name: 'startContainer',
    steps: ['none'],
    run: (c, signal) => c.startContainer(fixture, { signal }),
  },
  {
    name: 'stopContainer',
    steps: ['none'],
    slow: true,
    run: (c, signal) => c.stopContainer(`${fixture}-absent`, { timeoutSeconds: 0, signal }),
  },
  {
    name: 'restartContainer',
    steps: ['none'],
    slow: true,
    run: (c, signal) => c.restartContainer(fixture, { timeoutSeconds: 0, signal }),
  },
  {
    name: 'removeContainer',
    steps: ['none'],
    run: (c, signal) => c.removeContainer(`${fixture}-absent`, { force: true, signal }),
  },
  {
    name: 'logs',
    steps: ['identified', 'stream'],
    run: (c, signal) => c.logs(fixture, { tail: 10, signal }),
  },
  {
    name: 'followLogs',
    steps: ['identified', 'stream'],
    run: (c, signal) => drain(c.followLogs(fixture, { tail: 5, signal }), signal),
  },
  {
    name: 'exec',
    steps: ['identified', 'stream', 'state'],
    run: (c, signal) => c.exec(fixture, ['cat', '/www/index.html'], { signal }),
  },
  {
    name: 'execInteractive',
    steps: ['identified', 'stream', 'none', 'state'],
    run: async (c, signal) => {
      const session = await c.execInteractive(fixture, ['sh'], { cols: 80, rows: 24, signal });
      // Closing the terminal ends the shell (its input closes); the exit code is read after.
      session.stream.destroy();
      return session.exitCode();
    },
  },
  { name: 'stats', steps: ['facts'], run: (c, signal) => c.stats(fixture, { signal }) },
  {
    name: 'events',
    steps: ['stream'],
    run: (c, signal) =>
      drain(c.events({ sinceSeconds: Math.floor(Date.now() / 1000) - 5, signal }), signal),
  },
  { name: 'usedHostPorts', steps: ['list'], run: (c, signal) => c.usedHostPorts({ signal }) },
  {
    name: 'buildImage',
    steps: ['stream', 'identified'],
    slow: true,
    run: (c, signal) =>
      c.buildImage(
        {
          context: Readable.from([buildContext]),
          tag: 'berth-test/fault-build:1',
          dockerfile: 'Dockerfile',
          buildArgs: {},
          labels: { [`${testLabel}.made`]: 'true' },
        },
        { signal, timeoutMs: deadlineMs * 2 },
      ),
  },
  {
    name: 'loadImages',
    steps: ['stream'],
    slow: true,
    run: (c, signal) =>
      c.loadImages(Readable.from([savedImage]), {
        source: 'noports.tar',
        signal,
        timeoutMs: deadlineMs * 2,
      }),
  },
  {
    name: 'saveImages',
    steps: ['stream'],
    run: async (c, signal) =>
      drain(await c.saveImages(['berth-test/noports:1.0'], { signal }), signal),
  },
  {
    name: 'removeImage',
    steps: ['list'],
    run: (c, signal) => c.removeImage(`berth-test/absent:fault-${fresh()}`, { signal }),
  },
  {
    name: 'listDanglingImages',
    steps: ['list'],
    run: (c, signal) => c.listDanglingImages({ signal }),
  },
  { name: 'imageUsers', steps: ['list'], run: (c, signal) => c.imageUsers({ signal }) },
];

type Outcome = { settled: 'resolved'; value: unknown } | { settled: 'rejected'; error: unknown };

/** The call's outcome, or a failure if it outlives its deadline by far (a hang). */
async function outcomeOf(call: Call, client: EngineClient, label: string): Promise<Outcome> {
  const bound = (call.slow === true ? slowDeadlineMs : deadlineMs) + 5000;
  // Streams run until stopped: they get a signal that ends them once their start is long past.
  const streamStop = AbortSignal.timeout(bound - 1000);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${call.name} did not settle within ${bound} ms (${label})`));
    }, bound);
  });
  try {
    const value = await Promise.race([call.run(client, streamStop), hang]);
    return { settled: 'resolved', value };
  } catch (error) {
    if (error instanceof Error && error.message.includes('did not settle')) throw error;
    return { settled: 'rejected', error };
  } finally {
    clearTimeout(timer);
  }
}

/** True when resolving after this fault on this answer means the call took a broken answer for data. */
function unsound(answer: Answer, fault: Fault): boolean {
  if (answer === 'none' || answer === 'stream') return false;
  if (fault.kind === 'garbage-json') return true;
  if (fault.kind !== 'wrong-json') return false;
  if (fault.body === '[]') return answer !== 'list';
  if (fault.body.startsWith('{')) return answer !== 'facts';
  return true;
}

function faultyClient(proxy: FaultProxy, records: AuditRecord[]): EngineClient {
  return createEngineClient({
    hostId: 'host-faults',
    hostName: 'lab-faults',
    connection: { kind: 'socket', socketPath: proxy.socketPath },
    audit: (record) => records.push(record),
    deadlineMs,
  });
}

/** Faults the `step`-th request the call makes (1 = its first). */
function faultAtStep(fault: Fault, step: number): (request: { path: string }) => Fault {
  let seen = 0;
  return () => {
    seen += 1;
    return seen === step ? fault : { kind: 'pass' };
  };
}

interface Case {
  call: Call;
  step: number;
  fault: Fault;
}

/** Runs one call with one fault at one step, through a proxy of its own; returns what went wrong. */
async function runCase({ call, step, fault }: Case): Promise<string[]> {
  const proxy = await startFaultProxy(testSocketPath());
  const records: AuditRecord[] = [];
  const client = faultyClient(proxy, records);
  const problems: string[] = [];
  const label = `${call.name}, ${fault.kind} at step ${step}`;
  try {
    // The version is settled first, so the steps counted are the call's own requests.
    await client.listImages();
    proxy.setRule(faultAtStep(fault, step));
    faultCount.add();

    const outcome = await outcomeOf(call, client, label);
    const hit = proxy.takeLog().some((entry) => entry.fault !== 'pass');
    if (outcome.settled === 'rejected') {
      const { error } = outcome;
      if (!(error instanceof BerthError)) return [`${label}: threw ${String(error)}`];
      if (!errorKinds.includes(error.kind) || error.kind === 'internal') {
        problems.push(`${label}: ${error.kind} ${error.message}`);
      }
      if (/\n\s+at |boom|Bad gateway/.test(error.message)) {
        problems.push(`${label}: the message leaks engine text: ${error.message}`);
      }
      const streamed = call.steps.includes('stream');
      if (!streamed && !records.some((r) => r.outcome === 'failed')) {
        problems.push(`${label}: the failure left no audit record`);
      }
    } else if (hit && unsound(call.steps[step - 1] ?? 'none', fault)) {
      problems.push(`${label}: returned ${JSON.stringify(outcome.value)} from a broken answer`);
    }
  } finally {
    await proxy.close();
  }
  return problems;
}

/** Runs the cases a few at a time (each waits mostly on its own deadline). */
/** Runs the cases a few at a time (most wait on their own deadline); the problems, by call. */
async function runAll(cases: Case[], width: number): Promise<Map<string, string[]>> {
  const problems = new Map<string, string[]>(calls.map((call) => [call.name, []]));
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < cases.length; index = next++) {
      const item = cases[index];
      if (!item) continue;
      const found = await runCase(item).catch((error: unknown) => [String(error)]);
      problems.get(item.call.name)?.push(...found);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return problems;
}

/** Every call's cases in a seeded order, so runs interleave the same way for the same seed. */
function allCases(): Case[] {
  const cases = calls.flatMap((call) =>
    call.steps.flatMap((_answer, index) =>
      faults.map((fault) => ({ call, step: index + 1, fault })),
    ),
  );
  for (let i = cases.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [cases[i], cases[j]] = [cases[j] as Case, cases[i] as Case];
  }
  return cases;
}

describe('every engine client call through a faulty connection', () => {
  beforeAll(async () => {
    const container = await bareDocker().createContainer({
      name: `berth-it-${suite}-fixture`,
      Image: 'berth-test/web:1.0',
      Labels: { [testLabel]: 'true', [`${testLabel}.suite`]: suite },
      HostConfig: { Memory: 32 * 1024 * 1024 },
    });
    await container.start();
    fixture = container.id;
    const archive = await bareDocker().getImage('berth-test/noports:1.0').get();
    const chunks: Buffer[] = [];
    for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk);
    savedImage = Buffer.concat(chunks);
    buildContext = await contextWith('FROM berth-test/noports:1.0\nLABEL berth.test=true\n');
    // All cases run together, the slow ones (a stop's grace time) next to the quick ones.
    problems = await runAll(allCases(), 16);
  }, 300_000);

  afterAll(async () => {
    const docker = bareDocker();
    const leftovers = await docker.listContainers({
      all: true,
      filters: { label: [`${testLabel}.suite=${suite}`] },
    });
    await Promise.all(
      leftovers.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    await docker
      .getImage('berth-test/fault-build:1')
      .remove({ force: true })
      .catch(() => undefined);
    faultCount.report('engine faults');
  });

  it.each(calls.map((call) => call.name))(
    '%s ends in a typed error or a sound answer under every fault at every step, never hanging',
    (name) => {
      expect(problems.get(name)).toEqual([]);
    },
  );

  it.each(['truncate', 'hang', 'drop', 'garbage-json'] as const)(
    'answers later calls after the version check met a %s fault',
    async (kind) => {
      const fault = faults.find((f) => f.kind === kind) ?? { kind: 'pass' };
      const proxy = await startFaultProxy(testSocketPath());
      let first = true;
      proxy.setRule((request) => {
        if (request.path !== '/version' || !first) return { kind: 'pass' };
        first = false;
        return fault;
      });
      faultCount.add();
      const client = faultyClient(proxy, []);

      await expect(client.info()).rejects.toBeInstanceOf(BerthError);
      // A call made while the broken check is still failing may share its end; a later one may not.
      let info = await client.info().catch(() => null);
      info ??= await client.info().catch(() => null);
      await proxy.close();
      expect(info?.apiVersion).toBe('1.41');
    },
  );

  it('ends in a typed error when the version check itself meets each fault', async () => {
    const problems: string[] = [];
    for (const fault of faults) {
      const proxy = await startFaultProxy(testSocketPath());
      const records: AuditRecord[] = [];
      proxy.setRule(() => fault);
      faultCount.add();
      const outcome = await outcomeOf(calls[2] as Call, faultyClient(proxy, records), fault.kind);
      await proxy.close();
      if (outcome.settled === 'resolved') problems.push(`info resolved after ${fault.kind}`);
      else if (!(outcome.error instanceof BerthError) || outcome.error.kind === 'internal') {
        problems.push(`info after ${fault.kind}: ${String(outcome.error)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
