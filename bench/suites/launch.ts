// Launch latency: one instance through Berth's API until its port answers, against bare dockerode.
import tar from 'tar-stream';
import type { TestBackend } from '../../test/support/backend';
import { startTestBackend } from '../../test/support/backend';
import { bareLaunch, benchChallenge } from '../bare';
import type { BenchContext } from '../context';
import { berthBand, referencePorts, rounds } from '../context';
import { untilHttpAnswers } from '../engine';
import { pairedRatios, summarize } from '../stats';

interface Sample {
  total: number;
  /** Until the launch call returned (Berth) or start returned (reference). */
  launched: number;
}

async function flagArchive(flag: string): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => {
    chunks.push(chunk as Buffer);
  });
  const done = new Promise<void>((resolve) => {
    pack.on('end', () => {
      resolve();
    });
  });
  pack.entry({ name: benchChallenge.flagPath.slice(1), mode: 0o444 }, `${flag}\n`);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function berthLaunch(backend: TestBackend, challengeId: string): Promise<Sample> {
  const start = performance.now();
  const outcome = await backend.call('instances.launch', { challengeId, team: 'Bench' });
  const launched = performance.now() - start;
  const instance = outcome.instance;
  const port = instance?.ports[0]?.hostPort;
  if (!instance || port === undefined) throw new Error('The launch returned no instance port');
  await untilHttpAnswers(port);
  const total = performance.now() - start;
  await backend.call('instances.remove', { id: instance.id });
  return { total, launched };
}

async function referenceLaunch(
  context: BenchContext,
  nextPort: () => number,
  name: string,
  viaFile: boolean,
): Promise<Sample> {
  const flag = `flag{${name}}`;
  const start = performance.now();
  const { container, port } = await bareLaunch(
    context.docker,
    name,
    nextPort,
    flag,
    viaFile ? await flagArchive(flag) : undefined,
  );
  const launched = performance.now() - start;
  await untilHttpAnswers(port);
  const total = performance.now() - start;
  await container.remove({ force: true, v: true });
  return { total, launched };
}

/** Measures one launch, with the flag in the environment and in a file, against bare calls. */
export async function launchSuite(context: BenchContext): Promise<void> {
  const backend = await startTestBackend(berthBand);
  const nextPort = referencePorts();
  try {
    await backend.call('teams.add', { name: 'Bench' });
    for (const delivery of ['env', 'file'] as const) {
      const challenge = await backend.call('challenges.create', {
        name: `Bench launch ${delivery}`,
        image: benchChallenge.image,
        ports: [{ port: benchChallenge.containerPort, protocol: 'http' }],
        limits: {
          memory: benchChallenge.memory,
          cpus: benchChallenge.cpus,
          pids: benchChallenge.pids,
        },
        flag: { delivery },
      });
      const viaFile = delivery === 'file';
      const berth: Sample[] = [];
      const reference: Sample[] = [];
      const n = rounds(context, 15, 5);

      // One of each first, unmeasured: API negotiation and the engine's first-use caches.
      await berthLaunch(backend, challenge.id);
      await referenceLaunch(context, nextPort, `bench-launch-warm-${delivery}`, viaFile);

      for (let round = 0; round < n; round += 1) {
        const name = `bench-launch-${delivery}-${round}-${Date.now()}`;
        // Alternating who goes first keeps drift in the engine from favouring either side.
        if (round % 2 === 0) {
          berth.push(await berthLaunch(backend, challenge.id));
          reference.push(await referenceLaunch(context, nextPort, name, viaFile));
        } else {
          reference.push(await referenceLaunch(context, nextPort, name, viaFile));
          berth.push(await berthLaunch(backend, challenge.id));
        }
      }

      const totals = (samples: Sample[]): number[] => samples.map((s) => s.total);
      context.record({
        id: `launch.${delivery}`,
        group: 'Launch latency',
        name: `one launch, flag in ${delivery === 'env' ? 'the environment' : 'a file'}, until HTTP answers`,
        unit: 'ratio',
        value: summarize(pairedRatios(totals(berth), totals(reference))),
        berth: summarize(totals(berth)),
        reference: summarize(totals(reference)),
        absoluteUnit: 'ms',
        target: { on: 'median', op: '<=', limit: 1.15 },
        note:
          `Berth: instances.launch through the API dispatcher (validation, placement with image ` +
          `inspect, engine port scan, reservation + instance row in one transaction, create, ` +
          `${viaFile ? 'flag file put, ' : ''}start, inspect, audit rows), then polling ` +
          `GET / on 127.0.0.1 every 2 ms. Reference: dockerode create with the same limits, ` +
          `capabilities and 127.0.0.1 binding, ${viaFile ? 'putArchive of the flag file, ' : ''}` +
          `start, same polling. Until the call returned: Berth ` +
          `${summarize(berth.map((s) => s.launched)).median.toFixed(1)} ms, reference ` +
          `${summarize(reference.map((s) => s.launched)).median.toFixed(1)} ms (medians).`,
      });
    }
  } finally {
    await backend.dispose();
  }
}
