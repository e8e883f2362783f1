// Images on an engine: list, inspect, exists.
import {
  isImageId,
  parseImageReference,
  safeParseImageReference,
} from '../../shared/image-reference';
import type { EngineSession } from './engine-call';
import { runCall } from './engine-call';
import { engineRequest, idOf } from './engine-request';
import { numberOf, recordOf, stringOf, stringRecordOf, stringsOf, timeOf } from './engine-json';
import type { ImageDetails, ImageSummary } from './engine-types';
import { exposedPorts } from './published-ports';

/** Every image on the engine, dangling ones included with no tags. */
export function listImages(session: EngineSession, signal?: AbortSignal): Promise<ImageSummary[]> {
  return runCall(
    session,
    {
      action: 'image.list',
      target: '*',
      signal,
      read: true,
      done: (images) => `Listed ${images.length} images`,
    },
    async (abortSignal) => {
      const images = await engineRequest(session.docker(), {
        path: '/images/json',
        method: 'GET',
        signal: abortSignal,
        expect: 'array',
      });
      return (images as unknown[]).map(imageSummaryOf);
    },
  );
}

/** One image's facts; a reference without a tag means :latest, as in docker. */
export function inspectImage(
  session: EngineSession,
  ref: string,
  signal?: AbortSignal,
): Promise<ImageDetails> {
  const name = imageTarget(ref);
  return runCall(
    session,
    {
      action: 'image.inspect',
      target: name,
      signal,
      done: () => `Inspected image ${name}`,
      resultDetails: (image) => ({ id: image.id, exposedPorts: image.exposedPorts }),
    },
    async (abortSignal) => {
      return imageDetailsOf(await inspectRequest(session, engineImageName(ref), abortSignal));
    },
  );
}

/** True when the engine holds the image; false for not-found, other failures throw. */
export function hasImage(
  session: EngineSession,
  ref: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const name = imageTarget(ref);
  return runCall(
    session,
    {
      action: 'image.exists',
      target: name,
      signal,
      read: true,
      done: (found) => (found ? `Image ${name} is present` : `Image ${name} is absent`),
      tolerate: (error) =>
        error.kind === 'not-found'
          ? { value: false, message: `Image ${name} is absent`, details: { present: false } }
          : null,
    },
    async (abortSignal) => {
      await inspectRequest(session, engineImageName(ref), abortSignal);
      return true;
    },
  );
}

/** The name to ask the engine for: an image id as given, a reference in its familiar form (tag filled in). */
export function engineImageName(ref: string): string {
  const text = ref.trim();
  if (isImageId(text)) return text;
  return parseImageReference(text).familiar;
}

/** The image as the audit log names it; the text as given when it does not parse (the call then fails). */
export function imageTarget(ref: string): string {
  const parsed = isImageId(ref.trim()) ? null : safeParseImageReference(ref.trim());
  return parsed?.ok === true ? parsed.reference.familiar : ref;
}

/** An image list entry in Berth's words; survives RepoTags null, empty or '<none>:<none>'. */
export function imageSummaryOf(entry: unknown): ImageSummary {
  const image = recordOf(entry);
  return {
    id: stringOf(image.Id),
    tags: realNames(stringsOf(image.RepoTags)),
    digests: realNames(stringsOf(image.RepoDigests)),
    sizeBytes: numberOf(image.Size),
    createdAt: numberOf(image.Created) * 1000,
    labels: stringRecordOf(image.Labels),
  };
}

/** An image inspect answer in Berth's words; no exposed ports is an empty list. */
export function imageDetailsOf(answer: unknown): ImageDetails {
  const image = recordOf(answer);
  const config = recordOf(image.Config);
  const cmd = Array.isArray(config.Cmd) ? stringsOf(config.Cmd) : null;
  return {
    id: stringOf(image.Id),
    tags: realNames(stringsOf(image.RepoTags)),
    digests: realNames(stringsOf(image.RepoDigests)),
    sizeBytes: numberOf(image.Size),
    createdAt: timeOf(image.Created) ?? 0,
    labels: stringRecordOf(config.Labels),
    exposedPorts: exposedPorts(config),
    cmd,
    envKeys: stringsOf(config.Env).map((entry) => entry.split('=', 1)[0] ?? entry),
  };
}

async function inspectRequest(
  session: EngineSession,
  name: string,
  signal: AbortSignal,
): Promise<unknown> {
  const path = `/images/${name}/json`;
  const answer = await engineRequest(session.docker(), {
    path,
    method: 'GET',
    signal,
    expect: 'object',
  });
  idOf(answer, path);
  return answer;
}

function realNames(names: string[]): string[] {
  return names.filter((name) => name !== '' && !name.startsWith('<none>'));
}
