// The Challenges screen: the form's validation beside each field, import by picker and by drop, export.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../../support/browser';
import { recordedCalls, setResponse } from '../../support/stand-in-berth';
import { challenge, failure, ok, standardResponses } from '../../support/stand-in-fixtures';
import { usePanel } from './harness';

const panel = usePanel();

const challengeYaml = `name: pwn-me
category: pwn
value: 300
image: berth-test/multi:1.0
`;

async function openChallenges(): Promise<Awaited<ReturnType<typeof panel.open>>['page']> {
  const { page } = await panel.open({
    responses: standardResponses(Date.now()),
    hash: '#/challenges',
  });
  await page.getByTestId('challenge-row').first().waitFor();
  return page;
}

function fieldError(name: string): string {
  return `[data-testid="challenge-form"] [data-field="${name}"] [data-testid="field-error"]`;
}

describe('challenges screen', () => {
  it('shows each validation message next to its field and sends nothing', async () => {
    const page = await openChallenges();
    await page.getByRole('button', { name: 'New challenge' }).click();
    const form = page.getByTestId('challenge-form');
    await form.waitFor();

    await form.getByLabel('Memory').fill('lots');
    await form.getByLabel('CPUs').fill('fast');
    await form.getByRole('button', { name: 'Add port' }).click();
    await form.getByLabel('Port 1', { exact: true }).fill('70000');
    await form.getByLabel('Lifetime (seconds)').fill('30');
    await form.getByRole('button', { name: 'Create challenge' }).click();

    expect(await page.locator(fieldError('name')).innerText()).toBe('A challenge needs a name');
    expect(await page.locator(fieldError('image')).innerText()).toBe('A challenge needs an image');
    expect(await page.locator(fieldError('limits.memory')).innerText()).toBe(
      'Write memory as a size like 256m or 1g',
    );
    expect(await page.locator(fieldError('limits.cpus')).innerText()).toBe('Write a number');
    expect(await page.locator(fieldError('ports.0.port')).innerText()).toBe(
      'A port is a whole number from 1 to 65535',
    );
    expect(await page.locator(fieldError('lifetimeSeconds')).innerText()).toBe(
      'A lifetime is at least 60 seconds',
    );
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await recordedCalls(page, 'challenges.create')).toEqual([]);
    await screenshot(page, 'challenge-form-errors');
  });

  it('creates a challenge from a valid form and lists it', async () => {
    const page = await openChallenges();
    await setResponse(
      page,
      'challenges.create',
      ok(challenge({ id: 'ch-new', name: 'fresh-web', image: 'berth-test/web:1.0' })),
    );
    await page.getByRole('button', { name: 'New challenge' }).click();
    const form = page.getByTestId('challenge-form');
    await form.getByLabel('Name', { exact: true }).fill('fresh-web');
    await form.getByLabel('Image', { exact: true }).fill('berth-test/web:1.0');
    await form.getByRole('button', { name: 'Add port' }).click();
    await form.getByLabel('Port 1', { exact: true }).fill('8080');
    await form.getByLabel('Protocol of port 1').selectOption('http');
    await form.getByRole('button', { name: 'Create challenge' }).click();

    await form.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'fresh-web', exact: true }).waitFor();
    const [call] = await recordedCalls(page, 'challenges.create');
    expect(call?.input).toMatchObject({
      name: 'fresh-web',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080, protocol: 'http' }],
      limits: { memory: '256m', cpus: 0.5, pids: 128 },
      lifetimeSeconds: 1800,
    });
  });

  it('shows a server validation error beside the field it names', async () => {
    const page = await openChallenges();
    await setResponse(
      page,
      'challenges.create',
      failure({
        kind: 'invalid-input',
        message: 'No host has the image ghost:1.0',
        field: 'image',
      }),
    );
    await page.getByRole('button', { name: 'New challenge' }).click();
    const form = page.getByTestId('challenge-form');
    await form.getByLabel('Name', { exact: true }).fill('ghost');
    await form.getByLabel('Image', { exact: true }).fill('ghost:1.0');
    await form.getByRole('button', { name: 'Create challenge' }).click();

    await page.locator(fieldError('image')).waitFor();
    expect(await page.locator(fieldError('image')).innerText()).toBe(
      'No host has the image ghost:1.0',
    );
  });

  it('imports a challenge.yml chosen with the file picker', async () => {
    const page = await openChallenges();
    await setResponse(
      page,
      'challenges.import',
      ok({ challenge: challenge({ id: 'ch-imp', name: 'pwn-me' }), warnings: [] }),
    );

    await page.getByLabel('challenge.yml file').setInputFiles({
      name: 'challenge.yml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(challengeYaml),
    });

    await page.getByRole('cell', { name: 'pwn-me', exact: true }).waitFor();
    expect(await recordedCalls(page, 'challenges.import')).toEqual([
      { method: 'challenges.import', input: { yaml: challengeYaml, fileName: 'challenge.yml' } },
    ]);
  });

  it('imports a challenge.yml dropped on the screen', async () => {
    const page = await openChallenges();
    await setResponse(
      page,
      'challenges.import',
      ok({
        challenge: challenge({ id: 'ch-drop', name: 'pwn-me' }),
        warnings: ['healthcheck is ignored'],
      }),
    );

    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.yml', { type: 'application/yaml' }));
      return transfer;
    }, challengeYaml);
    const zone = page.getByTestId('drop-zone');
    await zone.dispatchEvent('dragenter', { dataTransfer: dropped });
    await zone.dispatchEvent('dragover', { dataTransfer: dropped });
    await page.getByText('Drop a challenge.yml to import it').waitFor();
    await screenshot(page, 'challenges-drop');
    await zone.dispatchEvent('drop', { dataTransfer: dropped });

    await page.getByRole('cell', { name: 'pwn-me', exact: true }).waitFor();
    expect(await recordedCalls(page, 'challenges.import')).toEqual([
      { method: 'challenges.import', input: { yaml: challengeYaml, fileName: 'dropped.yml' } },
    ]);
    expect(await page.getByTestId('notice').innerText()).toContain('healthcheck is ignored');
  });

  it('exports a challenge as a YAML download', async () => {
    const page = await openChallenges();
    await setResponse(
      page,
      'challenges.export',
      ok({ yaml: 'name: baby-web\nimage: berth-test/web:1.0\n', fileName: 'baby-web.yml' }),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export baby-web' }).click(),
    ]);

    expect(download.suggestedFilename()).toBe('baby-web.yml');
    const path = await download.path();
    expect(await readFile(path, 'utf8')).toBe('name: baby-web\nimage: berth-test/web:1.0\n');
  });

  it('opens the form filled from the challenge being edited', async () => {
    const page = await openChallenges();
    await page.getByRole('button', { name: 'Edit echo-pwn' }).click();
    const form = page.getByTestId('challenge-form');

    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('echo-pwn');
    expect(await form.getByLabel('Port 2', { exact: true }).inputValue()).toBe('9000');
    expect(await form.getByLabel('Flag value').inputValue()).toBe('flag{static}');
    await screenshot(page, 'challenge-form-edit');
  });
});
