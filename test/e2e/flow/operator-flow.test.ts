// Issue 4 end to end: an operator drives the built panel in Chromium against browser mode and the real engine.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../shared/rpc';
import type { InstanceView } from '../../../shared/views';
import { launchBrowser, screenshot, screenshotDir } from '../../support/browser';
import type { ServedBackend } from '../../support/serve-backend';
import { serveTestBackend } from '../../support/serve-backend';
import { bareDocker, testSocketPath } from '../../engine/engine';
import { loopbackRequest, postApi } from './loopback-http';

const band = { start: 47000, end: 47099 };
const hostName = 'Test engine';
const challengeName = 'flow-web';
const image = 'berth-test/web:1.0';
const teams = ['alpha', 'bravo'] as const;
// httpd with -v logs one "response:200" line a request, so the log view has something to show.
const httpdVerbose = ['/bin/httpd', '-f', '-v', '-p', '8080', '-h', '/www'];
const extensionMs = 900_000;
const screens = [
  'hosts',
  'images',
  'challenges',
  'teams',
  'instances',
  'logs',
  'audit',
  'settings',
] as const;

let served: ServedBackend | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const startedAt = Date.now();

function backend(): ServedBackend {
  if (!served) throw new Error('The backend did not start');
  return served;
}

function owner(team: string): string {
  return `${team} / ${challengeName}`;
}

async function openScreen(screen: string, title: string): Promise<void> {
  await page.getByTestId(`nav-${screen}`).click();
  await page.locator(`main[data-screen="${screen}"]`).waitFor();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

function instanceRow(team: string): Locator {
  return page
    .getByTestId('instance-row')
    .filter({ has: page.getByLabel(`Select ${owner(team)}`, { exact: true }) });
}

async function connectionUrl(team: string): Promise<URL> {
  const link = page.getByRole('link', { name: `Open ${owner(team)} (8080) in the browser` });
  return new URL((await link.getAttribute('href')) ?? '');
}

async function liveInstances(): Promise<InstanceView[]> {
  const answer = await backend().backend.api.invoke('instances.list', { includeEnded: false });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.result as InstanceView[];
}

interface AuditLine {
  action: string;
  outcome: string;
  message: string;
}

async function shownAuditLines(): Promise<AuditLine[]> {
  const rows = await page
    .getByTestId('audit-row')
    .evaluateAll((elements) =>
      elements.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.innerText)),
    );
  return rows.map((cells) => ({
    action: cells[3] ?? '',
    outcome: cells[6] ?? '',
    message: cells[7] ?? '',
  }));
}

async function auditFor(action: string): Promise<AuditLine[]> {
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Action', { exact: true }).fill(action);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(async () => {
      const actions = (await shownAuditLines()).map((line) => line.action);
      return actions.length > 0 && actions.every((shown) => shown === action);
    })
    .toBe(true);
  return shownAuditLines();
}

function parsed(text: string): ApiResponse {
  return JSON.parse(text) as ApiResponse;
}

beforeAll(async () => {
  served = await serveTestBackend();
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  page = await context.newPage();
  page.on('pageerror', (error) => {
    pageErrors.push(error.message);
  });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await served?.dispose();
  }
});

describe('an operator runs a challenge for two teams from the panel', () => {
  it('signs in with the printed link, which leaves the address bar, and lands on the panel', async () => {
    await page.goto(backend().signInUrl);

    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Instances' }).waitFor();
    expect(page.url()).toBe(`${backend().url}/`);
  });

  it('adds the test engine as a socket host whose connection test succeeds', async () => {
    await openScreen('hosts', 'Hosts');
    await page.getByRole('article', { name: 'Local engine' }).waitFor();

    await page.getByRole('button', { name: 'Add host' }).click();
    const form = page.getByTestId('host-form');
    await form.getByLabel('Name', { exact: true }).fill(hostName);
    await form.getByLabel('Connection', { exact: true }).selectOption('socket');
    await form.getByLabel('Socket path').fill(testSocketPath());
    await form.getByLabel('First port').fill(String(band.start));
    await form.getByLabel('Last port').fill(String(band.end));
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => form.getByTestId('host-test-result').innerText())
      .toMatch(/^Connected: Docker \S+ \(API \S+\)$/);
    await screenshot(page, 'flow-hosts-form');
    await form.getByRole('button', { name: 'Add host', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    const card = page.getByRole('article', { name: hostName });
    await card.locator('[data-status="up"]').waitFor({ timeout: 20_000 });
    expect(await card.innerText()).toContain(`${band.start}–${band.end}`);
  });

  it('removes the default host after a confirmation, leaving only the test engine', async () => {
    await page.getByRole('button', { name: 'Remove Local engine' }).click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.getByRole('button', { name: 'Remove host' }).click();

    await page.getByRole('article', { name: 'Local engine' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Test ${hostName}` }).click();
    await expect
      .poll(() => page.getByRole('article', { name: hostName }).getByRole('status').innerText())
      .toMatch(/^Connected: Docker /);
    expect(await page.getByTestId('host-card').count()).toBe(1);
    await screenshot(page, 'flow-hosts');
  });

  it('creates a challenge from the web test image through the form', async () => {
    await openScreen('images', 'Images');
    await page.getByRole('button', { name: `Inspect ${image}` }).waitFor();
    await screenshot(page, 'flow-images');
    await page.getByRole('button', { name: `New challenge from ${image}` }).click();

    await page.locator('main[data-screen="challenges"]').waitFor();
    const form = page.getByTestId('challenge-form');
    expect(await form.getByLabel('Image', { exact: true }).inputValue()).toBe(image);
    await form.getByLabel('Name', { exact: true }).fill(challengeName);
    await form.getByLabel('Category', { exact: true }).fill('web');
    await form.getByRole('button', { name: 'Add port' }).click();
    await form.getByLabel('Port 1', { exact: true }).fill('8080');
    await form.getByLabel('Protocol of port 1').selectOption('http');
    await form.getByLabel('Command', { exact: true }).fill(httpdVerbose.join('\n'));
    await form.getByRole('button', { name: 'Create challenge' }).click();
    await form.waitFor({ state: 'detached' });

    const row = page.getByTestId('challenge-row').filter({ hasText: challengeName });
    await row.waitFor();
    expect(await row.innerText()).toContain(image);
    await screenshot(page, 'flow-challenges');
  });

  it('imports two teams from a CSV file and launches the challenge for both', async () => {
    await openScreen('teams', 'Teams');
    await page.getByLabel('Roster CSV file').setInputFiles({
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${teams.join('\n')}\n`),
    });
    await expect.poll(() => page.getByTestId('team-row').count()).toBe(teams.length);

    const panel = page.getByRole('region', { name: 'Launch for all teams' });
    await panel.getByLabel('Challenge', { exact: true }).selectOption({ label: challengeName });
    await panel.getByRole('button', { name: `Launch for ${teams.length} teams` }).click();

    const progress = page.getByTestId('launch-progress');
    await progress.getByRole('heading', { name: `Launched ${challengeName}` }).waitFor();
    expect(await progress.getByTestId('launch-count').innerText()).toBe(
      `${teams.length} of ${teams.length} teams`,
    );
    const outcomes = progress.getByTestId('launch-outcome');
    expect(await outcomes.count()).toBe(teams.length);
    expect(await outcomes.locator('[data-status="running"]').count()).toBe(teams.length);
    await screenshot(page, 'flow-teams');
  });

  it('lists both instances running on distinct ports of the band, each answering over HTTP', async () => {
    await openScreen('instances', 'Instances');
    for (const team of teams) {
      await instanceRow(team).locator('[data-status="running"]').waitFor();
    }
    expect(await page.getByTestId('instance-row').count()).toBe(teams.length);

    const urls = await Promise.all(teams.map((team) => connectionUrl(team)));
    const ports = urls.map((url) => Number(url.port));
    expect(new Set(ports).size).toBe(teams.length);
    for (const [index, url] of urls.entries()) {
      expect(url.hostname).toBe('127.0.0.1');
      expect(ports[index]).toBeGreaterThanOrEqual(band.start);
      expect(ports[index]).toBeLessThanOrEqual(band.end);
      const answer = await loopbackRequest(url.href);
      expect(answer).toEqual({ status: 200, text: '<h1>berth test challenge</h1>\n' });
    }
    await screenshot(page, 'flow-instances');
  });

  it('follows the logs of one instance and finds the request it served', async () => {
    await instanceRow(teams[0])
      .getByRole('button', { name: `Logs of ${owner(teams[0])}` })
      .click();

    await page.locator('main[data-screen="logs"]').waitFor();
    await page.getByText(`${owner(teams[0])} on ${hostName}`).waitFor();
    await page.locator('[data-status="following"]').waitFor();
    await page.getByTestId('log-view').getByText('response:200').waitFor();
    await page.getByLabel('Search the log').fill('response:200');
    await expect
      .poll(() => page.getByTestId('match-count').innerText())
      .toMatch(/^1 of \d+ matching lines?$/);
    await screenshot(page, 'flow-logs');
  });

  it('extends one instance, which moves its expiry by the extension', async () => {
    await openScreen('instances', 'Instances');
    const row = instanceRow(teams[0]);
    const timeLeft = row.getByTestId('time-left');
    const before = Date.parse((await timeLeft.getAttribute('datetime')) ?? '');

    await row.getByRole('button', { name: `Extend ${owner(teams[0])}` }).click();

    await row.getByText('+1/2').waitFor();
    const after = Date.parse((await timeLeft.getAttribute('datetime')) ?? '');
    expect(after - before).toBe(extensionMs);
  });

  it('stops one instance after a confirmation, and the engine has stopped its container', async () => {
    const row = instanceRow(teams[1]);
    await row.getByRole('button', { name: `Stop ${owner(teams[1])}` }).click();
    const confirm = page.getByTestId('confirm-dialog');
    expect(await confirm.getByTestId('confirm-items').innerText()).toBe(
      `${owner(teams[1])} on ${hostName}`,
    );
    await confirm.getByRole('button', { name: 'Stop 1 instance' }).click();

    await row.locator('[data-status="stopped"]').waitFor({ timeout: 20_000 });
    await instanceRow(teams[0]).locator('[data-status="running"]').waitFor();
    const stopped = (await liveInstances()).find((view) => view.teamName === teams[1]);
    const container = await bareDocker()
      .getContainer(stopped?.containerId ?? 'missing')
      .inspect();
    expect(container.State.Running).toBe(false);
  });

  it('finds every step in the audit screen, with the hash chain intact', async () => {
    await openScreen('audit', 'Audit');
    await expect
      .poll(() => page.getByTestId('chain-status').innerText())
      .toMatch(/^✓ Chain intact: [\d,]+ entries checked/);

    // null: at least one entry (following logs may be recorded again after a reconnect).
    const expected: [string, number | null, RegExp][] = [
      ['host.add', 1, new RegExp(`^Added host ${hostName}$`)],
      ['host.remove', 1, /^Removed host Local engine$/],
      ['challenge.create', 1, new RegExp(`^Created challenge ${challengeName}$`)],
      ['team.import', 1, /^Imported 2 teams, skipped 0$/],
      ['instance.launch', 2, new RegExp(`^Launched ${challengeName} for (alpha|bravo) on `)],
      ['container.logs', null, /^Following the logs of container [0-9a-f]{64}$/],
      ['instance.extend', 1, /^Extended berth-flow-web-alpha-/],
      ['instance.stop', 1, /^Stop berth-flow-web-bravo-/],
    ];
    for (const [action, count, message] of expected) {
      const lines = await auditFor(action);
      if (count !== null) expect(lines).toHaveLength(count);
      for (const line of lines) {
        expect(line.outcome).toBe('ok');
        expect(line.message).toMatch(message);
      }
    }
    const launches = await auditFor('instance.launch');
    expect(launches.map((line) => /for (\w+) on/.exec(line.message)?.[1]).sort()).toEqual([
      ...teams,
    ]);

    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await shownAuditLines()).length).toBeGreaterThan(8);
    await screenshot(page, 'flow-audit');
  });

  it('shows the settings, and a screenshot of every screen is saved', async () => {
    await openScreen('settings', 'Settings');
    const address = page.getByRole('textbox', { name: `Public address of ${hostName}` });
    expect(await address.inputValue()).toBe('127.0.0.1');
    await screenshot(page, 'flow-settings');

    const saved = await Promise.all(
      screens.map((screen) => stat(join(screenshotDir, `flow-${screen}.png`))),
    );
    for (const file of saved) {
      expect(file.size).toBeGreaterThan(10_000);
      expect(file.mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
    }
    expect(pageErrors).toEqual([]);
  });
});

describe('browser mode over plain HTTP', () => {
  it('answers 401 to a request without the token', async () => {
    const answer = await postApi(backend().url, 'hosts.list', '{}', {});

    expect(answer.status).toBe(401);
    const body = parsed(answer.text);
    expect(body.ok).toBe(false);
    expect(body.ok ? null : body.error.kind).toBe('invalid-input');
  });

  it('answers 400 naming the field to a malformed body, and keeps serving', async () => {
    const auth = { Authorization: `Bearer ${backend().token}` };
    const wrongType = await postApi(backend().url, 'instances.extend', '{"id":42}', auth);
    const notJson = await postApi(backend().url, 'teams.add', '{"name":', auth);

    expect(wrongType.status).toBe(400);
    const body = parsed(wrongType.text);
    expect(body.ok ? null : body.error).toMatchObject({ kind: 'invalid-input', field: 'id' });
    expect(notJson.status).toBe(400);
    expect(parsed(notJson.text)).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'The body is not valid JSON' },
    });

    const hosts = await postApi(backend().url, 'hosts.list', '{}', auth);
    expect(hosts.status).toBe(200);
    const listed = parsed(hosts.text);
    expect(listed.ok ? (listed.result as { name: string }[]).map((h) => h.name) : null).toEqual([
      hostName,
    ]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
