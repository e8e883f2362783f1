// Loading, empty and error states, and error notices that carry only the safe message.
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { releaseHeld, setResponse } from '../../support/stand-in-berth';
import { failure, hostView, ok, standardResponses } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

describe('loading, empty and error states', () => {
  it('shows a notice with the safe message when an action fails, and never a stack', async () => {
    const { page } = await panel.open({ responses: standardResponses(Date.now()) });
    await page.getByTestId('instance-row').first().waitFor();
    await setResponse(
      page,
      'instances.extend',
      failure({ kind: 'limit', message: 'team-0000 has used both extensions of baby-web' }),
    );

    await page.getByRole('button', { name: 'Extend team-0000 / baby-web' }).click();

    const notice = page.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    const text = await notice.innerText();
    expect(text).toContain('Could not extend team-0000 / baby-web');
    expect(text).toContain('team-0000 has used both extensions of baby-web');
    expect(text).not.toMatch(/\bat \S+:\d+|Error:|ApiError/);
    await screenshot(page, 'notice-error');

    await notice.getByRole('button', { name: /^Dismiss/ }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('shows a screen error with a retry when its list cannot be loaded', async () => {
    const { page } = await panel.open({
      responses: {
        ...standardResponses(Date.now()),
        'hosts.list': failure({
          kind: 'storage',
          message: 'Berth could not read its database; check the disk and try again.',
        }),
      },
      hash: '#/hosts',
    });
    const error = page.getByTestId('error-state');
    await error.waitFor();
    expect(await error.innerText()).toContain(
      'Berth could not read its database; check the disk and try again.',
    );
    await screenshot(page, 'hosts-error');

    await setResponse(page, 'hosts.list', ok([hostView()]));
    await error.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('host-card').waitFor();
    expect(await page.getByTestId('error-state').count()).toBe(0);
  });

  it('shows a loading state until the answer arrives', async () => {
    const { page } = await panel.open({
      responses: standardResponses(Date.now()),
      hold: ['teams.list'],
      hash: '#/teams',
    });
    await page.getByTestId('loading').waitFor();
    expect(await page.getByTestId('loading').innerText()).toContain('Loading teams');

    await releaseHeld(page, 'teams.list');
    await page.getByTestId('team-row').first().waitFor();
    expect(await page.getByTestId('loading').count()).toBe(0);
  });

  it('says what to do when a list is empty', async () => {
    const { page } = await panel.open({
      responses: {
        ...standardResponses(Date.now()),
        'instances.list': ok([]),
        'challenges.list': ok([]),
      },
    });
    const empty = page.getByTestId('empty');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('No instances running');
    await screenshot(page, 'instances-empty');

    await page.getByTestId('nav-challenges').click();
    await page.getByText('No challenges yet').waitFor();
  });
});
