import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeSuiteContainers, suiteContainers, testClient, testSpec } from './support';

const suite = 'images';

afterEach(async () => {
  await removeSuiteContainers(suite);
});

describe('images on the engine', () => {
  it('reads an image without exposed ports as an empty port list and runs it with no ports', async () => {
    const { client, records } = testClient();

    const image = await client.inspectImage('berth-test/noports:1.0');
    const run = await client.runContainer(
      testSpec(suite, 'noports', { image: 'berth-test/noports:1.0' }),
    );

    expect(image.exposedPorts).toEqual([]);
    expect(run.ports).toEqual([]);
    expect((await client.inspectContainer(run.id)).running).toBe(true);
    expect(records.map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'image.inspect ok',
      'container.create ok',
      'container.start ok',
    ]);
    await client.removeContainer(run.id, { force: true });
    expect(await suiteContainers(suite)).toEqual([]);
  });

  it('reads the exposed ports of an image that declares two', async () => {
    const { client } = testClient();

    const image = await client.inspectImage('berth-test/multi:1.0');

    expect(image.exposedPorts).toEqual([
      { port: 8080, protocol: 'tcp' },
      { port: 9000, protocol: 'tcp' },
    ]);
    expect(image.tags).toEqual(['berth-test/multi:1.0']);
  });

  it('takes a reference without a tag to mean :latest and names it when it is missing', async () => {
    const { client, records } = testClient();

    await expect(client.inspectImage('berth-test/web')).rejects.toMatchObject({
      kind: 'not-found',
      message: 'Image berth-test/web:latest was not found on lab-test.',
    });
    expect(records).toEqual([
      expect.objectContaining({
        action: 'image.inspect',
        target: 'berth-test/web:latest',
        outcome: 'failed',
        engineMessage: expect.stringContaining('No such image') as string,
      }),
    ]);
  });

  it('says an untagged reference is absent rather than failing', async () => {
    const { client } = testClient();

    expect(await client.hasImage('berth-test/web')).toBe(false);
    expect(await client.hasImage('berth-test/web:1.0')).toBe(true);
  });

  it('finds an image tagged under a registry with a port', async () => {
    const { client } = testClient();

    const image = await client.inspectImage('localhost:5000/ctf/web:1.0');

    expect(image.tags).toContain('localhost:5000/ctf/web:1.0');
    expect(image.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
  });

  it('uses a dangling image by its id, for inspect and for a container', async () => {
    const { client } = testClient();
    const danglingId = readFileSync('/tmp/berth-engine/dangling.id', 'utf8').trim();

    const image = await client.inspectImage(danglingId);
    const run = await client.runContainer(testSpec(suite, 'dangling', { image: danglingId }));

    expect(image.id).toBe(danglingId);
    expect(image.tags).toEqual([]);
    expect((await client.inspectContainer(run.id)).imageId).toBe(danglingId);
  });

  it('lists the dangling image with no tags next to tagged ones', async () => {
    const { client } = testClient();
    const danglingId = readFileSync('/tmp/berth-engine/dangling.id', 'utf8').trim();

    const images = await client.listImages();

    expect(images.find((image) => image.id === danglingId)).toMatchObject({ tags: [] });
    expect(images.flatMap((image) => image.tags)).toEqual(
      expect.arrayContaining(['berth-test/web:1.0', 'localhost:5000/ctf/web:1.0']),
    );
    expect(images.flatMap((image) => image.tags)).not.toContain('<none>:<none>');
  });

  it('refuses a malformed reference as invalid input and records it', async () => {
    const { client, records } = testClient();

    await expect(client.inspectImage('Not A Reference')).rejects.toMatchObject({
      kind: 'invalid-input',
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ action: 'image.inspect', outcome: 'failed' });
  });
});
