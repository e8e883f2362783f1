// Opens the built panel in Chromium with a stand-in bridge; one browser and server per test file.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ApiResponse } from '../../../shared/rpc';
import { launchBrowser } from '../../support/browser';
import { installStandIn } from '../../support/stand-in-berth';
import type { StaticServer } from '../../support/static-server';
import { serveStatic } from '../../support/static-server';
import { testRendererDir } from '../build-renderer';

export interface OpenOptions {
  responses: Partial<Record<string, ApiResponse>>;
  hold?: string[];
  /** The route to open, e.g. '#/hosts'. */
  hash?: string;
  colorScheme?: 'light' | 'dark';
  /** Installs a fake clock paused at this time; the test moves it with page.clock.runFor. */
  clockAt?: number;
}

export interface OpenPanel {
  page: Page;
  /** Uncaught errors the page threw; a test can assert there were none. */
  pageErrors: string[];
}

export interface PanelHarness {
  open(options: OpenOptions): Promise<OpenPanel>;
}

/** Registers the file's hooks: a browser and a static server for all tests, a context per test. */
export function usePanel(): PanelHarness {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveStatic({ root: testRendererDir() });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    async open(options) {
      if (!browser || !server) throw new Error('usePanel hooks have not run');
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        colorScheme: options.colorScheme ?? 'light',
        timezoneId: 'UTC',
        locale: 'en-GB',
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(error.message);
      });
      if (options.clockAt !== undefined) {
        // Paused at clockAt: time moves only when the test runs the clock forward.
        await page.clock.install({ time: options.clockAt - 60_000 });
        await page.clock.pauseAt(options.clockAt);
      }
      const responses = Object.fromEntries(
        Object.entries(options.responses).filter(
          (entry): entry is [string, ApiResponse] => entry[1] !== undefined,
        ),
      );
      await installStandIn(page, { responses, hold: options.hold ?? [] });
      await page.goto(`${server.url}/${options.hash ?? '#/instances'}`);
      return { page, pageErrors };
    },
  };
}
