// Removing images: what a removal would delete and what uses it, and the removal itself.
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { recordOf, stringOf, stringsOf } from './engine-json';
import { engineRequest } from './engine-request';
import type { ImageSummary } from './engine-types';
import { engineImageName, imageSummaryOf, imageTarget } from './images';

export interface ImageRemoval {
  /** Names the removal took off. */
  untagged: string[];
  /** Image and layer ids the engine deleted. */
  deleted: string[];
}

/** Untagged images nothing else is built on: what `docker image prune` removes. */
export function listDanglingImages(
  session: EngineSession,
  signal?: AbortSignal,
): Promise<ImageSummary[]> {
  return runCall(
    session,
    {
      action: 'image.list',
      target: 'dangling',
      signal,
      read: true,
      done: (images) => `Listed ${images.length} dangling images`,
    },
    async (abortSignal) => {
      const images = await engineRequest(session.docker(), {
        path: '/images/json',
        method: 'GET',
        query: { filters: { dangling: ['true'] } },
        signal: abortSignal,
        expect: 'array',
      });
      return (images as unknown[]).map(imageSummaryOf);
    },
  );
}

/** Names of the containers (running or stopped) made from each image id. */
export function imageUsers(
  session: EngineSession,
  signal?: AbortSignal,
): Promise<Map<string, string[]>> {
  return runCall(
    session,
    {
      action: 'container.list',
      target: '*',
      signal,
      read: true,
      done: (users) => `Listed the containers of ${users.size} images`,
    },
    async (abortSignal) => {
      const containers = await engineRequest(session.docker(), {
        path: '/containers/json',
        method: 'GET',
        query: { all: true },
        signal: abortSignal,
        expect: 'array',
      });
      const users = new Map<string, string[]>();
      for (const entry of containers as unknown[]) {
        const container = recordOf(entry);
        const imageId = stringOf(container.ImageID);
        const name = (stringsOf(container.Names)[0] ?? stringOf(container.Id)).replace(/^\//, '');
        users.set(imageId, [...(users.get(imageId) ?? []), name]);
      }
      return users;
    },
  );
}

/** Removes one name or id; an image used by a container is refused (conflict) unless forced. */
export function removeImage(
  session: EngineSession,
  ref: string,
  options: { force?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<ImageRemoval> {
  const target = imageTarget(ref);
  return runCall(
    session,
    {
      action: 'image.remove',
      target,
      signal: options.signal,
      details: { force: options.force === true },
      done: (removal) =>
        removal.deleted.length > 0 ? `Removed image ${target}` : `Untagged ${target}`,
      resultDetails: (removal) => ({ ...removal }),
    },
    async (signal) => {
      const answer = await engineRequest(session.docker(), {
        path: `/images/${engineImageName(ref)}`,
        method: 'DELETE',
        query: { force: options.force === true, noprune: false },
        signal,
        expect: 'array',
      });
      const removal: ImageRemoval = { untagged: [], deleted: [] };
      for (const entry of answer as unknown[]) {
        const item = recordOf(entry);
        if (typeof item.Untagged === 'string') removal.untagged.push(item.Untagged);
        if (typeof item.Deleted === 'string') removal.deleted.push(item.Deleted);
      }
      return removal;
    },
  );
}
