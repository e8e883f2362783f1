// The Instances screen measured in Chromium, with the instance list handed over only once the app
// asks for it: the stand-in's answer then costs the page nothing while it boots (inlined in an
// init script, 5,000 instances are 3.7 MB of JavaScript parsed before the app's first line).
import type { Browser, Page } from 'playwright-core';
import { installStandIn, releaseHeld, setResponse } from '../test/support/stand-in-berth';
import { instances, ok, standardResponses } from '../test/support/stand-in-fixtures';

export interface ScreenMeasurement {
  instances: number;
  /** Navigation start to the screen asking for instances.list: loading and starting the app. */
  bootMs: number;
  /** instances.list answered to the first frame with rows: the screen's own work on the list. */
  renderMs: number;
  /** Navigation start to rows, for a backend that answers at once: bootMs + renderMs. */
  loadMs: number;
  /** The longest gap between animation frames while the table scrolled at a steady pace. */
  maxFrameMs: number;
  meanFrameMs: number;
  frames: number;
  /** Rows in the page at the end; virtualisation keeps this far below `instances`. */
  domRows: number;
}

export interface TaskTimes {
  /** The longest main-thread task while scrolling, wall time. */
  wallMs: number;
  /** The CPU time of the main-thread task that used the most, which other processes cannot stretch. */
  cpuMs: number;
  tasks: number;
}

const scrollFrames = 120;
const pixelsPerFrame = 240;

interface MarkWindow {
  __benchMarks: { listCalled?: number; firstRows?: number };
  __standIn: { marks: { instancesAnswered?: number } };
  berth: { invoke(method: string, input: unknown): Promise<unknown> };
}

/** Marks when the app first asks for instances and when rows are first painted. */
const markScript = `(() => {
  const marks = (window.__benchMarks = {});
  const invoke = window.berth.invoke;
  window.berth.invoke = (method, input) => {
    if (method === 'instances.list' && marks.listCalled === undefined) marks.listCalled = performance.now();
    return invoke(method, input);
  };
  const look = () => {
    if (document.querySelector('[data-testid="instance-row"]')) {
      marks.firstRows = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

async function scroll(
  page: Page,
): Promise<Omit<ScreenMeasurement, 'instances' | 'bootMs' | 'renderMs' | 'loadMs'>> {
  return page.evaluate(
    async ({ frames, step }) => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="instance-table"]');
      if (!scroller) throw new Error('no instance table');
      const gaps: number[] = [];
      const bottom = scroller.scrollHeight - scroller.clientHeight;
      let last = performance.now();
      for (let frame = 1; frame <= frames; frame += 1) {
        // Past the bottom it goes back up, so every frame scrolls.
        const travelled = (frame * step) % (2 * bottom || 1);
        scroller.scrollTop = travelled <= bottom ? travelled : 2 * bottom - travelled;
        await new Promise((next) => requestAnimationFrame(next));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      return {
        maxFrameMs: Math.max(...gaps),
        meanFrameMs: gaps.reduce((a, b) => a + b, 0) / gaps.length,
        frames: gaps.length,
        domRows: document.querySelectorAll('[data-testid="instance-row"]').length,
      };
    },
    { frames: scrollFrames, step: pixelsPerFrame },
  );
}

/** Opens the screen at `url` with `count` instances, and measures its start and its scrolling. */
export async function measureScreen(
  browser: Browser,
  url: string,
  count: number,
): Promise<ScreenMeasurement> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const now = Date.now();
    await installStandIn(page, {
      responses: { ...standardResponses(now, 0), 'instances.list': ok([]) },
      hold: ['instances.list'],
    });
    await page.addInitScript({ content: markScript });
    await page.goto(`${url}/#/instances`);
    await page.waitForFunction(
      () => (window as unknown as MarkWindow).__benchMarks.listCalled !== undefined,
    );
    await setResponse(page, 'instances.list', ok(instances(count, now)));
    await releaseHeld(page, 'instances.list');
    await page.waitForFunction(
      () => (window as unknown as MarkWindow).__benchMarks.firstRows !== undefined,
    );
    const marks = await page.evaluate(() => {
      const w = window as unknown as MarkWindow;
      return {
        listCalled: w.__benchMarks.listCalled ?? Number.NaN,
        firstRows: w.__benchMarks.firstRows ?? Number.NaN,
        answered: w.__standIn.marks.instancesAnswered ?? Number.NaN,
      };
    });
    const renderMs = marks.firstRows - marks.answered;
    return {
      instances: count,
      bootMs: marks.listCalled,
      renderMs,
      loadMs: marks.listCalled + renderMs,
      ...(await scroll(page)),
    };
  } finally {
    await context.close();
  }
}

/** What Chromium calls one task of a thread's loop, by trace category. */
const taskNames = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Scrolls the screen once under Chromium's tracing and reads the main thread's longest tasks. */
export async function traceScrollTasks(
  browser: Browser,
  url: string,
  count: number,
): Promise<TaskTimes> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const now = Date.now();
    await installStandIn(page, {
      responses: { ...standardResponses(now, 0), 'instances.list': ok([]) },
      hold: ['instances.list'],
    });
    await page.goto(`${url}/#/instances`);
    await setResponse(page, 'instances.list', ok(instances(count, now)));
    await releaseHeld(page, 'instances.list');
    await page.waitForSelector('[data-testid="instance-row"]');

    const cdp = await context.newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (data) => {
      events.push(...(data.value as unknown as TraceEvent[]));
    });
    const complete = new Promise<void>((resolve) => {
      cdp.once('Tracing.tracingComplete', () => {
        resolve();
      });
    });
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['toplevel', 'devtools.timeline'] },
      transferMode: 'ReportEvents',
    });
    await scroll(page);
    await cdp.send('Tracing.end');
    await complete;

    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    if (!main) throw new Error('The trace has no renderer main thread');
    const tasks = events.filter(
      (e) => taskNames.has(e.name) && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid,
    );
    return {
      wallMs: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
      cpuMs: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
      tasks: tasks.length,
    };
  } finally {
    await context.close();
  }
}
