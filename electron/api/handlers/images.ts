// images.*: what each engine holds, with the ports its images expose.
import type { ImageView } from '../../../shared/views';
import type { ApiHandlers } from '../create-api';
import { defaultHostId } from './default-host';
import type { ApiServices } from './services';

export function imageHandlers(
  services: ApiServices,
): Pick<ApiHandlers, 'images.list' | 'images.inspect'> {
  return {
    'images.list': async ({ hostId }) => {
      const id = hostId ?? defaultHostId(services);
      const engine = services.runtime.engines.engineFor(id);
      const images = await engine.listImages();
      const views: ImageView[] = [];
      for (const image of images) {
        const details = await engine.inspectImage(image.id).catch(() => null);
        views.push({
          hostId: id,
          id: image.id,
          tags: image.tags,
          digests: image.digests,
          sizeBytes: image.sizeBytes,
          createdAt: image.createdAt,
          exposedPorts: details?.exposedPorts ?? [],
        });
      }
      return views;
    },
    'images.inspect': async ({ hostId, ref }) => {
      const id = hostId ?? defaultHostId(services);
      const image = await services.runtime.engines.engineFor(id).inspectImage(ref);
      return {
        hostId: id,
        id: image.id,
        tags: image.tags,
        digests: image.digests,
        sizeBytes: image.sizeBytes,
        createdAt: image.createdAt,
        exposedPorts: image.exposedPorts,
      };
    },
  };
}
