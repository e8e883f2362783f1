// Moving around the panel: sidebar, keyboard, help overlay, themes; a screenshot of every screen.
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { standardResponses } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

const screens = [
  ['instances', 'Instances'],
  ['challenges', 'Challenges'],
  ['teams', 'Teams'],
  ['hosts', 'Hosts'],
  ['images', 'Images'],
  ['logs', 'Logs'],
  ['audit', 'Audit'],
  ['settings', 'Settings'],
] as const;

describe('navigation', () => {
  it('opens every screen from the sidebar, with its heading and content', async () => {
    const { page, pageErrors } = await panel.open({ responses: standardResponses(Date.now()) });

    for (const [id, title] of screens) {
      await page.getByTestId(`nav-${id}`).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'));
      expect(await page.getByTestId(`nav-${id}`).getAttribute('aria-current')).toBe('page');
      expect(page.url()).toContain(`#/${id}`);
      await screenshot(page, `screen-${id}`);
    }
    expect(pageErrors).toEqual([]);
  });

  it('switches screens with number keys and with g then a letter', async () => {
    const { page } = await panel.open({ responses: standardResponses(Date.now()) });
    await page.getByRole('heading', { level: 1, name: 'Instances' }).waitFor();

    await page.keyboard.press('4');
    await page.getByRole('heading', { level: 1, name: 'Hosts' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('m');
    await page.getByRole('heading', { level: 1, name: 'Images' }).waitFor();

    expect(page.url()).toContain('#/images');
  });

  it('lists the shortcuts in a help overlay opened with ?', async () => {
    const { page } = await panel.open({ responses: standardResponses(Date.now()) });
    await page.getByTestId('instance-row').first().waitFor();

    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await help.waitFor();
    const text = await help.innerText();
    expect(text).toContain('Search on this screen');
    expect(text).toContain('Go to Hosts');
    expect(text).toContain('Extend the instance');
    await screenshot(page, 'help-overlay');

    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('focuses the screen search with /', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hash: '#/teams',
    });
    await page.getByTestId('team-row').first().waitFor();

    await page.keyboard.press('/');

    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toBe('Search teams');
  });

  it('follows the system dark theme', async () => {
    const light = await panel.open({ responses: standardResponses(Date.now()) });
    const dark = await panel.open({
      responses: standardResponses(Date.now()),
      colorScheme: 'dark',
    });
    await light.page.getByTestId('instance-row').first().waitFor();
    await dark.page.getByTestId('instance-row').first().waitFor();

    const background = (page: typeof light.page): Promise<string> =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background(dark.page)).not.toBe(await background(light.page));
    expect(await background(dark.page)).toBe('rgb(15, 18, 23)');

    await screenshot(dark.page, 'screen-instances-dark');
    await dark.page.getByTestId('nav-challenges').click();
    await dark.page.getByTestId('challenge-row').first().waitFor();
    await screenshot(dark.page, 'screen-challenges-dark');
  });
});
