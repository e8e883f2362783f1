// Measures the Instances screen with N stand-in instances: first render and the worst frame while scrolling.
import type { Browser } from 'playwright-core';
import { testRendererDir } from '../e2e/build-renderer';
import { launchBrowser } from './browser';
import { installStandIn } from './stand-in-berth';
import { instances, ok, standardResponses } from './stand-in-fixtures';
import { serveStatic } from './static-server';

export interface InstancesMeasurement {
  instances: number;
  /** From the moment instances.list answered to the first frame painted with rows. */
  firstRenderMs: number;
  /** From navigation start to that same frame. */
  loadMs: number;
  /** The longest gap between animation frames while the table scrolled down at a steady pace. */
  maxFrameMs: number;
  meanFrameMs: number;
  frames: number;
  /** Rows in the page at the end; virtualisation keeps this far below `instances`. */
  domRows: number;
}

export interface MeasureOptions {
  /** Animation frames spent scrolling. */
  scrollFrames?: number;
  /** Pixels scrolled per frame: a brisk wheel or trackpad flick by default, whatever N is. */
  pixelsPerFrame?: number;
  /** Reuse a browser; one is launched (and closed) otherwise. */
  browser?: Browser;
  /** The built renderer to serve; by default the e2e run's copy, or dist/renderer (build it first). */
  root?: string;
}

/** Opens the Instances screen with `count` instances and measures it inside the page. */
export async function measureInstancesScreen(
  count: number,
  options: MeasureOptions = {},
): Promise<InstancesMeasurement> {
  const server = await serveStatic({ root: options.root ?? testRendererDir() });
  const browser = options.browser ?? (await launchBrowser());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });

  try {
    const page = await context.newPage();
    const now = Date.now();
    await installStandIn(page, {
      responses: { ...standardResponses(now, 0), 'instances.list': ok(instances(count, now)) },
    });
    // Watches for the first frame with rows, from before the app starts.
    await page.addInitScript({
      content: `(() => {
        const marks = (window.__benchMarks = {});
        const look = () => {
          if (document.querySelector('[data-testid="instance-row"]')) {
            marks.firstRows = performance.now();
            return;
          }
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      })();`,
    });

    await page.goto(`${server.url}/#/instances`);
    await page.waitForFunction(
      () => 'firstRows' in (window as unknown as BenchWindow).__benchMarks,
    );

    const result = await page.evaluate(
      async ({ scrollFrames, pixelsPerFrame }) => {
        const w = window as unknown as BenchWindow;
        const scroller = document.querySelector<HTMLElement>('[data-testid="instance-table"]');
        if (!scroller) throw new Error('no instance table');
        const gaps: number[] = [];
        const bottom = scroller.scrollHeight - scroller.clientHeight;
        let last = performance.now();
        for (let frame = 1; frame <= scrollFrames; frame += 1) {
          // Past the bottom it goes back up, so every frame scrolls.
          const travelled = (frame * pixelsPerFrame) % (2 * bottom || 1);
          scroller.scrollTop = travelled <= bottom ? travelled : 2 * bottom - travelled;
          await new Promise((next) => requestAnimationFrame(next));
          const now = performance.now();
          gaps.push(now - last);
          last = now;
        }
        const firstRows = w.__benchMarks.firstRows ?? 0;
        return {
          firstRenderMs: firstRows - (w.__standIn.marks.instancesAnswered ?? 0),
          loadMs: firstRows,
          maxFrameMs: Math.max(...gaps),
          meanFrameMs: gaps.reduce((a, b) => a + b, 0) / gaps.length,
          frames: gaps.length,
          domRows: document.querySelectorAll('[data-testid="instance-row"]').length,
        };
      },
      { scrollFrames: options.scrollFrames ?? 120, pixelsPerFrame: options.pixelsPerFrame ?? 240 },
    );

    return { instances: count, ...result };
  } finally {
    await context.close();
    if (!options.browser) await browser.close();
    await server.close();
  }
}

interface BenchWindow {
  __benchMarks: { firstRows?: number };
  __standIn: { marks: { instancesAnswered?: number } };
}
