// Burst and teardown: 100 teams launched at once, then reaped, against bare calls at the same concurrency.
import type { InstanceView, LaunchOutcome } from '../../shared/views';
import type { TestBackend } from '../../test/support/backend';
import { manualClock, startTestBackend } from '../../test/support/backend';
import { bareLaunch, benchChallenge, withConcurrency } from '../bare';
import type { BenchContext } from '../context';
import { berthBand, referencePorts, rounds } from '../context';
import { reapConcurrency } from '../../electron/runtime/reaper';
import { pairedRatios, summarize } from '../stats';

const teams = 100;
const lifetimeSeconds = 600;

interface Mode {
  key: string;
  /** How Berth's burst is started. */
  label: string;
  /** The concurrency the reference uses, equal to what Berth runs at. */
  concurrency: number;
  launch(backend: TestBackend, challengeId: string, teamNames: string[]): Promise<LaunchOutcome[]>;
}

const modes: Mode[] = [
  {
    key: 'all-at-once',
    label: '100 instances.launch calls at once',
    concurrency: teams,
    launch: (backend, challengeId, teamNames) =>
      Promise.all(
        teamNames.map((team) =>
          backend.api
            .invoke('instances.launch', { challengeId, team })
            .then((response): LaunchOutcome =>
              response.ok
                ? (response.result as LaunchOutcome)
                : {
                    teamId: '',
                    teamName: team,
                    instance: null,
                    error: response.error,
                    existing: false,
                  },
            ),
        ),
      ),
  },
  {
    key: 'launch-all',
    label: 'instances.launchAll (8 at a time)',
    concurrency: 8,
    launch: async (backend, challengeId) =>
      (await backend.call('instances.launchAll', { challengeId })).outcomes,
  },
];

interface RoundResult {
  /** Why launches failed, as `kind: message`, for the report. */
  errors: string[];
  berthBurst: number;
  referenceBurst: number;
  berthTeardown: number;
  referenceTeardown: number;
  failed: number;
  collisions: number;
}

/** Host ports used twice: among Berth's answers, and as the engine publishes them. */
async function portCollisions(
  context: BenchContext,
  hostId: string,
  instances: InstanceView[],
): Promise<number> {
  const answered = instances.map((i) => i.ports[0]?.hostPort ?? -1);
  const published = (
    await context.docker.listContainers({ filters: { label: [`berth.host=${hostId}`] } })
  ).flatMap((c) => c.Ports.filter((p) => p.PublicPort).map((p) => p.PublicPort));
  const duplicates = (ports: number[]): number => ports.length - new Set(ports).size;
  const disagreements = answered.filter((port) => !published.includes(port)).length;
  return duplicates(answered) + duplicates(published) + disagreements;
}

async function berthSide(
  context: BenchContext,
  backend: TestBackend,
  clock: { advance(ms: number): void },
  mode: Mode,
  challengeId: string,
  teamNames: string[],
): Promise<Pick<RoundResult, 'berthBurst' | 'berthTeardown' | 'failed' | 'collisions' | 'errors'>> {
  const start = performance.now();
  const outcomes = await mode.launch(backend, challengeId, teamNames);
  const berthBurst = performance.now() - start;

  const launched = outcomes.flatMap((o) => (o.instance && !o.existing ? [o.instance] : []));
  const failed = teams - launched.length;
  const errors = outcomes.flatMap((o) => (o.error ? [`${o.error.kind}: ${o.error.message}`] : []));
  const collisions = await portCollisions(context, backend.hostId, launched);

  clock.advance((lifetimeSeconds + 1) * 1000);
  const reapStart = performance.now();
  const reaped = await backend.runtime.reapExpired();
  const berthTeardown = performance.now() - reapStart;
  if (reaped.removed.length !== launched.length) {
    throw new Error(`The reaper removed ${reaped.removed.length} of ${launched.length} instances`);
  }
  return { berthBurst, berthTeardown, failed, collisions, errors };
}

async function referenceSide(
  context: BenchContext,
  mode: Mode,
  nextPort: () => number,
  round: number,
): Promise<Pick<RoundResult, 'referenceBurst' | 'referenceTeardown'>> {
  const names = Array.from({ length: teams }, (_, i) => `bench-burst-${mode.key}-${round}-${i}`);
  const start = performance.now();
  const launched = await withConcurrency(names, mode.concurrency, (name) =>
    bareLaunch(context.docker, name, nextPort, `flag{${name}}`),
  );
  const referenceBurst = performance.now() - start;

  // The reaper removes a few expired instances at once; the reference as many.
  const removeStart = performance.now();
  await withConcurrency(launched, reapConcurrency, ({ container }) =>
    container.remove({ force: true, v: true }),
  );
  const referenceTeardown = performance.now() - removeStart;
  return { referenceBurst, referenceTeardown };
}

/** Measures bursts of 100 launches in both ways Berth offers, and reaping them, against bare calls. */
export async function burstSuite(context: BenchContext): Promise<void> {
  const clock = manualClock();
  const backend = await startTestBackend(berthBand, { clock });
  const nextPort = referencePorts();
  const teamNames = Array.from({ length: teams }, (_, i) => `Burst team ${i + 1}`);
  const teardowns: { berth: number[]; reference: number[] } = { berth: [], reference: [] };

  try {
    await backend.call('teams.import', { csv: teamNames.join('\n'), hasHeader: false });
    const challenge = await backend.call('challenges.create', {
      name: 'Bench burst',
      image: benchChallenge.image,
      ports: [{ port: benchChallenge.containerPort, protocol: 'http' }],
      limits: {
        memory: benchChallenge.memory,
        cpus: benchChallenge.cpus,
        pids: benchChallenge.pids,
      },
      lifetimeSeconds,
    });

    for (const mode of modes) {
      const results: RoundResult[] = [];
      const n = rounds(context, 3, 2);
      for (let round = 0; round < n; round += 1) {
        const berthFirst = round % 2 === 0;
        const reference = berthFirst ? null : await referenceSide(context, mode, nextPort, round);
        const berth = await berthSide(context, backend, clock, mode, challenge.id, teamNames);
        const after = reference ?? (await referenceSide(context, mode, nextPort, round));
        results.push({ ...berth, ...after });
        context.log(
          `burst ${mode.key} round ${round + 1}/${n}: Berth ${berth.berthBurst.toFixed(0)} ms, ` +
            `reference ${after.referenceBurst.toFixed(0)} ms; teardown Berth ` +
            `${berth.berthTeardown.toFixed(0)} ms, reference ${after.referenceTeardown.toFixed(0)} ms`,
        );
      }

      const pick = (key: Exclude<keyof RoundResult, 'errors'>): number[] =>
        results.map((r) => r[key]);
      const errors = [...new Set(results.flatMap((r) => r.errors))];
      for (const error of errors) context.log(`burst ${mode.key} failure: ${error}`);
      context.record({
        id: `burst.${mode.key}`,
        group: 'Burst',
        name: `${teams} launches: ${mode.label}`,
        unit: 'ratio',
        value: summarize(pairedRatios(pick('berthBurst'), pick('referenceBurst'))),
        berth: summarize(pick('berthBurst')),
        reference: summarize(pick('referenceBurst')),
        absoluteUnit: 'ms',
        target: { on: 'median', op: '<=', limit: 1.25 },
        note:
          `Wall time from the first call to the last answer. Berth: ${mode.label}, each a full ` +
          `launch (placement, port scan, reservation, create, start, inspect, audit). Reference: ` +
          `${teams} dockerode create+start pairs with the same limits, ${mode.concurrency} at a time.`,
      });
      context.record({
        id: `burst.${mode.key}.failed`,
        group: 'Burst',
        name: `failed launches (${mode.label}), per burst`,
        unit: 'count',
        value: summarize(pick('failed')),
        target: { on: 'max', op: '<=', limit: 0 },
        ...(errors.length > 0 ? { note: `Errors seen: ${errors.slice(0, 5).join('; ')}` } : {}),
      });
      context.record({
        id: `burst.${mode.key}.collisions`,
        group: 'Burst',
        name: `port collisions (${mode.label}), per burst`,
        unit: 'count',
        value: summarize(pick('collisions')),
        target: { on: 'max', op: '<=', limit: 0 },
        note:
          'Host ports given twice among the launch answers, published twice by the engine, or ' +
          'answered by Berth but not published by the engine.',
      });
      teardowns.berth.push(...pick('berthTeardown'));
      teardowns.reference.push(...pick('referenceTeardown'));
    }

    context.record({
      id: 'teardown',
      group: 'Teardown',
      name: `reaping ${teams} expired instances`,
      unit: 'ratio',
      value: summarize(pairedRatios(teardowns.berth, teardowns.reference)),
      berth: summarize(teardowns.berth),
      reference: summarize(teardowns.reference),
      absoluteUnit: 'ms',
      note:
        `Berth: runtime.reapExpired() after the clock passed the lifetime of the ${teams} ` +
        `instances of a burst (${reapConcurrency} forced removes at a time, each audited, ports ` +
        `released, instance marked removed). Reference: the same number of forced dockerode ` +
        `removes, ${reapConcurrency} at a time. No target was set for this figure.`,
    });
  } finally {
    await backend.dispose();
  }
}
