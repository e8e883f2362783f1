// The Instances screen in headless Chromium with 5,000 instances: first render and scrolling frames.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../test/support/browser';
import type { InstancesMeasurement } from '../../test/support/measure-instances';
import { measureInstancesScreen } from '../../test/support/measure-instances';
import type { BenchContext } from '../context';
import { rounds } from '../context';
import { pairedRatios, summarize } from '../stats';

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

/** Opens the screen with 5,000 and with 50 instances in turn, several times, in one browser. */
export async function uiSuite(context: BenchContext): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'berth-bench-renderer-'));
  try {
    buildRenderer(root);
    const browser = await launchBrowser();
    try {
      // A first page load, unmeasured, warms the browser's caches and code paths.
      await measureInstancesScreen(few, { browser, root, scrollFrames: 10 });
      const large: InstancesMeasurement[] = [];
      const small: InstancesMeasurement[] = [];
      const n = rounds(context, 7, 3);
      for (let round = 0; round < n; round += 1) {
        const measureLarge = () => measureInstancesScreen(many, { browser, root });
        const measureSmall = () => measureInstancesScreen(few, { browser, root });
        if (round % 2 === 0) {
          large.push(await measureLarge());
          small.push(await measureSmall());
        } else {
          small.push(await measureSmall());
          large.push(await measureLarge());
        }
      }

      const pick = (
        list: InstancesMeasurement[],
        key: 'firstRenderMs' | 'loadMs' | 'maxFrameMs' | 'meanFrameMs',
      ): number[] => list.map((m) => m[key]);
      const domRows = Math.max(...large.map((m) => m.domRows));
      const frames = large[0]?.frames ?? 0;

      context.record({
        id: 'ui.load',
        group: 'UI',
        name: `Instances screen with ${many.toLocaleString('en-US')} instances: navigation to first rows`,
        unit: 'ms',
        value: summarize(pick(large, 'loadMs')),
        reference: summarize(pick(small, 'loadMs')),
        berth: summarize(pick(large, 'loadMs')),
        absoluteUnit: 'ms',
        target: { on: 'median', op: '<', limit: 500 },
        note:
          `Production build served from 127.0.0.1, a stand-in bridge answering instances.list with ` +
          `${many} InstanceViews; from navigation start to the first animation frame with rows in ` +
          `the page. Reference column: the same with ${few} instances ` +
          `(ratio ${summarize(pairedRatios(pick(large, 'loadMs'), pick(small, 'loadMs'))).median.toFixed(2)}).`,
      });
      context.record({
        id: 'ui.first-render',
        group: 'UI',
        name: `Instances screen with ${many.toLocaleString('en-US')} instances: list answer to first rows`,
        unit: 'ms',
        value: summarize(pick(large, 'firstRenderMs')),
        reference: summarize(pick(small, 'firstRenderMs')),
        berth: summarize(pick(large, 'firstRenderMs')),
        absoluteUnit: 'ms',
        target: { on: 'median', op: '<', limit: 500 },
        note:
          'From the moment the stand-in answered instances.list to the first frame with rows: ' +
          `the renderer's own work on ${many} instances (store, selectors, virtualised table).`,
      });
      context.record({
        id: 'ui.scroll',
        group: 'UI',
        name: `Instances screen with ${many.toLocaleString('en-US')} instances: longest frame while scrolling`,
        unit: 'ms',
        value: summarize(pick(large, 'maxFrameMs')),
        reference: summarize(pick(small, 'maxFrameMs')),
        berth: summarize(pick(large, 'maxFrameMs')),
        absoluteUnit: 'ms',
        target: { on: 'max', op: '<=', limit: 50 },
        note:
          `${frames} animation frames per run, scrolling 240 px a frame (bouncing at the ends); ` +
          `the longest gap between frames in each run. Mean frame ` +
          `${summarize(pick(large, 'meanFrameMs')).median.toFixed(1)} ms; at most ${domRows} rows ` +
          `in the page (virtualised).`,
      });
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
