// npm run bench: measures Berth against bare engine calls and writes bench/results.{json,md}.
// Exits non-zero only when a suite could not measure; a missed target is a finding, not a failure.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './context';
import { bareDocker, engineAddress, machineFacts, removeBenchLeftovers } from './engine';
import type { BenchResults, Figure, SuiteFailure, SuiteRun } from './results';
import { consoleLine, markdownReport, meets } from './results';
import type { Suite } from './suites';
import { suites } from './suites';

process.env.BERTH_LOG_LEVEL ??= 'warn';

interface Options {
  only: Set<string> | null;
  scale: number;
  write: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { only: null, scale: 1, write: true };
  for (const arg of argv) {
    if (arg.startsWith('--only=')) options.only = new Set(arg.slice(7).split(','));
    else if (arg === '--quick') options.scale = 0.34;
    else if (arg === '--no-write') options.write = false;
    else throw new Error(`Unknown option ${arg}; use --only=a,b --quick --no-write`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const chosen: Suite[] = suites.filter((s) => options.only === null || options.only.has(s.name));
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const figures: Figure[] = [];
  const failures: SuiteFailure[] = [];
  const runs: SuiteRun[] = [];

  const address = engineAddress();
  const docker = bareDocker(address);
  const leftovers = await removeBenchLeftovers(docker);
  if (leftovers > 0)
    process.stdout.write(`[bench] removed ${leftovers} containers of an earlier run\n`);
  const machine = await machineFacts(docker);
  const load = loadavg()[0] ?? 0;
  if (load > cpus().length) {
    process.stdout.write(
      `[bench] the machine is busy (load ${load.toFixed(1)} on ${cpus().length} cores): ` +
        'ratios hold up, absolute figures will be slower than on a quiet machine\n',
    );
  }

  const context: BenchContext = {
    address,
    docker,
    scale: options.scale,
    log: (message) => {
      process.stdout.write(`[bench] ${message}\n`);
    },
    record: (figure) => {
      const recorded = { ...figure, met: meets(figure) };
      figures.push(recorded);
      process.stdout.write(`${consoleLine(recorded)}\n`);
    },
  };

  for (const suite of chosen) {
    const suiteStart = performance.now();
    const loadBefore = loadavg()[0] ?? 0;
    context.log(`${suite.name}: ${suite.title} (load ${loadBefore.toFixed(1)})`);
    try {
      await suite.run(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ suite: suite.name, message });
      process.stderr.write(`[bench] ${suite.name} could not measure: ${message}\n`);
      if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    } finally {
      const left = await removeBenchLeftovers(docker);
      if (left > 0) context.log(`removed ${left} containers left behind`);
    }
    const seconds = (performance.now() - suiteStart) / 1000;
    runs.push({ suite: suite.name, seconds, loadBefore, loadAfter: loadavg()[0] ?? 0 });
    context.log(`${suite.name} took ${seconds.toFixed(1)} s`);
  }

  const results: BenchResults = {
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    machine,
    suites: runs,
    figures,
    failures,
  };
  if (options.write) {
    const json = fileURLToPath(new URL('./results.json', import.meta.url));
    const markdown = fileURLToPath(new URL('./results.md', import.meta.url));
    writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(markdown, markdownReport(results));
    context.log(`wrote ${json} and ${markdown}`);
  }
  const missed = figures.filter((f) => f.met === false).length;
  context.log(
    `${figures.length} figures, ${missed} missed targets, ${failures.length} suites could not measure, ${results.durationSeconds.toFixed(0)} s`,
  );
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`[bench] could not run: ${String(error)}\n`);
    process.exit(2);
  },
);
