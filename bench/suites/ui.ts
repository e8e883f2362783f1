// The Instances screen in headless Chromium with 5,000 instances: first render and scrolling frames.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../test/support/browser';
import { serveStatic } from '../../test/support/static-server';
import type { BenchContext } from '../context';
import { rounds } from '../context';
import { pairedRatios, summarize } from '../stats';
import type { ScreenMeasurement, TaskTimes } from '../ui-measure';
import { measureScreen, traceScrollTasks } from '../ui-measure';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const many = 5000;
/** The reference: the same screen with a handful of instances. */
const few = 50;

/** A production build of the renderer in a folder of the bench's own (e2e runs rebuild dist/). */
function buildRenderer(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
  );
  if (!existsSync(join(outDir, 'index.html'))) throw new Error('vite build wrote no index.html');
}

type Key = 'bootMs' | 'renderMs' | 'loadMs' | 'maxFrameMs' | 'meanFrameMs';

/** Opens the screen with 5,000 and with 50 instances in turn, several times, in one browser. */
export async function uiSuite(context: BenchContext): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'berth-bench-renderer-'));
  try {
    buildRenderer(root);
    const server = await serveStatic({ root });
    const browser = await launchBrowser();
    try {
      // A first page load, unmeasured, warms the browser and the server.
      await measureScreen(browser, server.url, few);
      const large: ScreenMeasurement[] = [];
      const small: ScreenMeasurement[] = [];
      const n = rounds(context, 7, 3);
      for (let round = 0; round < n; round += 1) {
        const measureLarge = async (): Promise<void> => {
          large.push(await measureScreen(browser, server.url, many));
        };
        const measureSmall = async (): Promise<void> => {
          small.push(await measureScreen(browser, server.url, few));
        };
        if (round % 2 === 0) {
          await measureLarge();
          await measureSmall();
        } else {
          await measureSmall();
          await measureLarge();
        }
      }
      const traces: TaskTimes[] = [];
      for (let i = 0; i < rounds(context, 3, 1); i += 1) {
        traces.push(await traceScrollTasks(browser, server.url, many));
      }

      const pick = (list: ScreenMeasurement[], key: Key): number[] => list.map((m) => m[key]);
      const figure = (key: Key) => ({
        value: summarize(pick(large, key)),
        berth: summarize(pick(large, key)),
        reference: summarize(pick(small, key)),
        absoluteUnit: 'ms' as const,
      });
      const ratio = (key: Key): string =>
        summarize(pairedRatios(pick(large, key), pick(small, key))).median.toFixed(2);
      const domRows = Math.max(...large.map((m) => m.domRows));
      const name = `Instances screen, ${many.toLocaleString('en-US')} instances`;

      context.record({
        id: 'ui.first-render',
        group: 'UI',
        name: `${name}: list answered to first rows painted`,
        unit: 'ms',
        ...figure('renderMs'),
        target: { on: 'median', op: '<', limit: 500 },
        note:
          `Production build served from 127.0.0.1 to headless Chromium (1440×900); a stand-in ` +
          `bridge holds instances.list until the app asks, then answers with ${many} ` +
          `InstanceViews (structured-cloned, as IPC would). Time from that answer to the first ` +
          `animation frame with rows: store, selectors, virtualiser and React. Reference column: ` +
          `the same with ${few} instances (ratio ${ratio('renderMs')}).`,
      });
      context.record({
        id: 'ui.load',
        group: 'UI',
        name: `${name}: navigation to first rows`,
        unit: 'ms',
        ...figure('loadMs'),
        target: { on: 'median', op: '<', limit: 500 },
        note:
          `Navigation start to the app asking for instances.list (fetching, compiling and ` +
          `starting the 0.5 MB bundle in a fresh browser context, no cache: median ` +
          `${summarize(pick(large, 'bootMs')).median.toFixed(0)} ms) plus the render above, i.e. ` +
          `the first rows for a backend that answers at once. Reference column: ${few} instances ` +
          `(ratio ${ratio('loadMs')}).`,
      });
      context.record({
        id: 'ui.scroll',
        group: 'UI',
        name: `${name}: longest frame while scrolling`,
        unit: 'ms',
        ...figure('maxFrameMs'),
        target: { on: 'max', op: '<=', limit: 50 },
        note:
          `${large[0]?.frames ?? 0} animation frames per run, 240 px a frame (a brisk ` +
          `flick, bouncing at the ends); the longest gap between frames of each run, judged on ` +
          `the worst run. Mean frame ${summarize(pick(large, 'meanFrameMs')).median.toFixed(1)} ms; ` +
          `at most ${domRows} rows in the page (virtualised). Reference column: ${few} instances.`,
      });
      context.record({
        id: 'ui.scroll-task',
        group: 'UI',
        name: `${name}: longest main-thread task while scrolling (trace)`,
        unit: 'ms',
        value: summarize(traces.map((t) => t.cpuMs)),
        note:
          `Chromium's trace of the same scroll (${traces[0]?.tasks ?? 0} tasks): the CPU time of ` +
          `the costliest main-thread task, which other processes cannot stretch (the longest ` +
          `wall time of any task: ${summarize(traces.map((t) => t.wallMs)).median.toFixed(1)} ms, ` +
          `median). Frame time beyond this CPU time is the renderer waiting for a core.`,
      });
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
