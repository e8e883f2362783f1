// The HTTP + WebSocket transport the panel uses in browser mode, against a small server of the test's own.
import type { Browser, Page } from 'playwright-core';
import type { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiAnswer, StaticServer } from '../../support/static-server';
import { serveStatic } from '../../support/static-server';
import { launchBrowser, screenshot } from '../../support/browser';
import {
  failure,
  instanceView,
  standardResponses,
  withStatus,
} from '../../support/stand-in-fixtures';
import { testRendererDir } from '../build-renderer';

interface Seen {
  method: string;
  body: unknown;
  contentType: string | undefined;
}

let browser: Browser;
let server: StaticServer | undefined;
const now = Date.now();
let answers: (method: string) => ApiAnswer;
let seen: Seen[] = [];
let sockets: WebSocket[] = [];

function fromResponses(method: string): ApiAnswer {
  const responses: Record<string, unknown> = standardResponses(now);
  const response = responses[method];
  return response === undefined
    ? {
        status: 404,
        body: JSON.stringify(failure({ kind: 'not-found', message: `No method ${method}` })),
      }
    : { status: 200, body: JSON.stringify(response) };
}

async function open(hash = '#/instances'): Promise<Page> {
  server = await serveStatic({
    root: testRendererDir(),
    api: (method, body, request) => {
      seen.push({ method, body, contentType: request.headers['content-type'] });
      return answers(method);
    },
    events: (socket) => {
      sockets.push(socket);
    },
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/${hash}`);
  return page;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  await Promise.all(browser.contexts().map((context) => context.close()));
  await server?.close();
  server = undefined;
  seen = [];
  sockets = [];
});

afterAll(async () => {
  await browser.close();
});

describe('browser mode', () => {
  it('calls POST /api/<method> with a JSON body and takes events from /api/events', async () => {
    answers = fromResponses;
    const page = await open();
    await page.getByTestId('instance-row').first().waitFor();

    expect(seen.find((call) => call.method === 'instances.list')).toEqual({
      method: 'instances.list',
      body: { includeEnded: false },
      contentType: 'application/json',
    });
    await expect.poll(() => sockets.length).toBe(1);

    const stopped = withStatus(instanceView(3, now), 'stopped');
    sockets[0]?.send(JSON.stringify({ type: 'instance.changed', payload: stopped }));
    await page.locator('[data-id="inst-3"] [data-status="stopped"]').waitFor();
  });

  it('shows how to sign in when the server answers 401', async () => {
    answers = () => ({
      status: 401,
      body: JSON.stringify(failure({ kind: 'invalid-input', message: 'A valid token is needed' })),
    });
    const page = await open();

    await page.getByTestId('unauthorized').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Open the link Berth printed',
    );
    await screenshot(page, 'browser-mode-unauthorized');
  });

  it('reconnects after the event stream drops and loads the state again', async () => {
    answers = fromResponses;
    const page = await open();
    await page.getByTestId('instance-row').first().waitFor();
    await expect.poll(() => sockets.length).toBe(1);
    const listsBefore = seen.filter((call) => call.method === 'instances.list').length;

    sockets[0]?.terminate();
    await page.getByTestId('connection-banner').waitFor();
    await screenshot(page, 'browser-mode-reconnecting');

    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(2);
    await page.getByTestId('connection-banner').waitFor({ state: 'detached' });
    await expect
      .poll(() => seen.filter((call) => call.method === 'instances.list').length)
      .toBeGreaterThan(listsBefore);
  });

  it('turns an answer without a JSON body into a readable error', async () => {
    answers = (method) =>
      method === 'hosts.list'
        ? { status: 502, body: '<html>Bad gateway</html>' }
        : fromResponses(method);
    const page = await open('#/hosts');

    const error = page.getByTestId('error-state');
    await error.waitFor();
    expect(await error.innerText()).toContain("Berth's server answered with HTTP 502");
    expect(await error.innerText()).not.toContain('<html>');
  });
});
