// Removing images in two steps: a plan listing exactly what would go (and what stands in the way),
// then the removal of the ids the operator confirmed, each checked again just before it goes.
import type {
  ImageRemovalItem,
  ImageRemovalPlan,
  ImageRemovalResult,
} from '../../shared/authoring';
import { BerthError, isBerthError, toBerthError } from '../../shared/errors';
import type { AuthoringContext, AuthoringEngine } from './authoring-engine';
import { requireHost } from './authoring-engine';

/** What removing these names or ids would delete: whole images, every tag of each. */
export async function planRemoval(
  context: AuthoringContext,
  hostId: string,
  refs: string[],
): Promise<ImageRemovalPlan> {
  requireHost(context, hostId);
  const engine = context.engineFor(hostId);
  const users = await engine.imageUsers();
  const items = new Map<string, ImageRemovalItem>();
  const missing: string[] = [];
  for (const ref of refs) {
    const image = await engine.inspectImage(ref).catch((error: unknown) => {
      if (isBerthError(error, 'not-found')) return null;
      throw error;
    });
    if (image === null) missing.push(ref);
    else items.set(image.id, itemOf(image, users));
  }
  return planOf(hostId, [...items.values()], missing);
}

/** The dangling images of a host: untagged, nothing built on them; what a prune would delete. */
export async function planPrune(
  context: AuthoringContext,
  hostId: string,
): Promise<ImageRemovalPlan> {
  requireHost(context, hostId);
  const engine = context.engineFor(hostId);
  const [images, users] = await Promise.all([engine.listDanglingImages(), engine.imageUsers()]);
  return planOf(
    hostId,
    images.map((image) => itemOf(image, users)),
    [],
  );
}

/** Removes the confirmed images, every tag of each; one that became used meanwhile is refused. */
export function applyRemoval(
  context: AuthoringContext,
  hostId: string,
  ids: string[],
): Promise<ImageRemovalResult> {
  return apply(context, hostId, ids, () => null);
}

/** Removes the confirmed dangling images; one tagged since the plan is left alone. */
export function applyPrune(
  context: AuthoringContext,
  hostId: string,
  ids: string[],
): Promise<ImageRemovalResult> {
  return apply(context, hostId, ids, (tags) =>
    tags.length > 0 ? `It was tagged ${tags.join(', ')} since the list was made; it stays` : null,
  );
}

async function apply(
  context: AuthoringContext,
  hostId: string,
  ids: string[],
  refuse: (tags: string[]) => string | null,
): Promise<ImageRemovalResult> {
  requireHost(context, hostId);
  const engine = context.engineFor(hostId);
  const users = await engine.imageUsers();
  const result: ImageRemovalResult = { hostId, removed: [], failed: [], reclaimedBytes: 0 };
  for (const id of new Set(ids)) {
    try {
      const image = await engine.inspectImage(id);
      const item = itemOf(image, users);
      const reason = refuse(item.tags) ?? item.blocked;
      if (reason !== null) throw new BerthError('conflict', reason);
      await removeEveryName(engine, item);
      result.removed.push({ id: item.id, tags: item.tags });
      result.reclaimedBytes += item.sizeBytes;
    } catch (error) {
      result.failed.push({ id, error: toBerthError(error).toInfo() });
    }
  }
  return result;
}

// An image with several names is deleted by untagging each; the last name takes the image with it.
async function removeEveryName(engine: AuthoringEngine, item: ImageRemovalItem): Promise<void> {
  if (item.tags.length === 0) {
    await engine.removeImage(item.id);
    return;
  }
  for (const tag of item.tags) await engine.removeImage(tag);
}

function itemOf(
  image: { id: string; tags: string[]; sizeBytes: number },
  users: Map<string, string[]>,
): ImageRemovalItem {
  const usedBy = users.get(image.id) ?? [];
  return {
    id: image.id,
    tags: image.tags,
    sizeBytes: image.sizeBytes,
    usedBy,
    blocked:
      usedBy.length === 0
        ? null
        : `Used by ${usedBy.length === 1 ? 'container' : 'containers'} ${usedBy.join(', ')}; remove ${
            usedBy.length === 1 ? 'it' : 'them'
          } first`,
  };
}

function planOf(hostId: string, items: ImageRemovalItem[], missing: string[]): ImageRemovalPlan {
  return {
    hostId,
    items,
    missing,
    totalBytes: items.reduce((sum, item) => sum + item.sizeBytes, 0),
  };
}
