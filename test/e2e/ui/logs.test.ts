// The Logs screen: following, search with marked matches, pause, download, and multi-megabyte output.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { emitEvent, recordedCalls } from '../../support/stand-in-berth';
import { ok, standardResponses } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

async function openLogs(): Promise<Page> {
  const { page } = await panel.open({
    responses: {
      ...standardResponses(Date.now()),
      'instances.followLogs': ok({ streamId: 'stream-1' }),
      'instances.unfollowLogs': ok({ stopped: true }),
    },
    hash: '#/logs/inst-0',
  });
  await page.getByText('following', { exact: true }).waitFor();
  return page;
}

async function chunk(page: Page, text: string, ended = false): Promise<void> {
  await emitEvent(page, 'logs.chunk', { streamId: 'stream-1', stream: 'stdout', text, ended });
}

describe('logs screen', () => {
  it('follows the chosen instance and shows lines as chunks arrive', async () => {
    const page = await openLogs();
    expect(await recordedCalls(page, 'instances.followLogs')).toEqual([
      { method: 'instances.followLogs', input: { id: 'inst-0', tail: 1000 } },
    ]);

    await chunk(page, 'server listening on 8080\nGET / 200\nGET /fl');
    await chunk(page, 'ag 403\n');
    await emitEvent(page, 'logs.chunk', {
      streamId: 'another-stream',
      stream: 'stdout',
      text: 'not ours\n',
      ended: false,
    });

    await page.getByText('GET /flag 403').waitFor();
    expect(await page.locator('[data-testid="log-line"] .log-text').allInnerTexts()).toEqual([
      'server listening on 8080',
      'GET / 200',
      'GET /flag 403',
    ]);
  });

  it('marks search matches and steps through them', async () => {
    const page = await openLogs();
    await chunk(page, 'alpha ok\nbeta ERROR disk\ngamma ok\ndelta error net\n');
    await page.getByText('delta error net').waitFor();

    await page.getByLabel('Search the log').fill('error');

    expect(await page.getByTestId('match-count').innerText()).toBe('1 of 2 matching lines');
    expect(await page.locator('mark').allInnerTexts()).toEqual(['ERROR', 'error']);
    await page.getByRole('button', { name: 'Next match' }).click();
    expect(await page.getByTestId('match-count').innerText()).toBe('2 of 2 matching lines');
    expect(await page.locator('.log-line.current .log-text').innerText()).toBe('delta error net');
    await screenshot(page, 'logs-search');
  });

  it('holds new lines while paused and shows them on resume', async () => {
    const page = await openLogs();
    await chunk(page, 'before pause\n');
    await page.getByText('before pause').waitFor();

    await page.getByRole('button', { name: 'Pause' }).click();
    await chunk(page, 'during pause\n');
    await page.getByRole('button', { name: 'Resume (1 new line)' }).waitFor();
    expect(await page.getByText('during pause').count()).toBe(0);

    await page.getByRole('button', { name: 'Resume (1 new line)' }).click();
    await page.getByText('during pause').waitFor();
  });

  it('downloads the lines it holds', async () => {
    const page = await openLogs();
    await chunk(page, 'one\ntwo\n');
    await page.getByText('two', { exact: true }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('berth-baby-web-team-0.log');
    expect(await readFile(await download.path(), 'utf8')).toBe('one\ntwo\n');
  });

  it('keeps multi-megabyte logs responsive: bounded lines, few elements in the page', async () => {
    const page = await openLogs();
    // 8 MB in 80 chunks of 100 KB, about 120,000 lines.
    await page.evaluate(() => {
      const line = 'x'.repeat(60) + '\n';
      const piece = line.repeat(Math.floor(100_000 / line.length));
      const standIn = (window as unknown as { __standIn: { emit(e: unknown): void } }).__standIn;
      for (let i = 0; i < 80; i += 1) {
        standIn.emit({
          type: 'logs.chunk',
          payload: {
            streamId: 'stream-1',
            stream: 'stdout',
            text: `chunk ${i}\n${piece}`,
            ended: false,
          },
        });
      }
      standIn.emit({
        type: 'logs.chunk',
        payload: {
          streamId: 'stream-1',
          stream: 'stdout',
          text: 'the very last line\n',
          ended: true,
        },
      });
    });

    await page.getByText('the very last line').waitFor();
    expect(await page.getByTestId('match-count').innerText()).toBe('50,000 lines');
    expect(await page.getByTestId('log-line').count()).toBeLessThan(150);
    await page.getByText(/older lines were dropped from view/).waitFor();
    await page.getByText('ended', { exact: true }).waitFor();
    await screenshot(page, 'logs-large');
  });
});
