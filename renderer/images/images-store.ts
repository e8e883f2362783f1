// The Images screen's state: the images of one host and the one being inspected.
import { create } from 'zustand';
import type { ImageView } from '../../shared/views';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

interface ImagesState {
  /** The host whose images show; '' for Berth's default host. */
  hostId: string;
  search: string;
  images: Loadable<ImageView[]>;
  inspected: ImageView | null;
  setHost: (hostId: string) => void;
  setSearch: (search: string) => void;
  refresh: () => Promise<void>;
  inspect: (ref: string) => Promise<void>;
  closeInspect: () => void;
}

/** The Images screen: one host's images, the search and the inspected image. */
export const useImages = create<ImagesState>()((set, get) => ({
  hostId: '',
  search: '',
  images: idle(),
  inspected: null,

  setHost(hostId) {
    set({ hostId, images: idle() });
    void get().refresh();
  },

  setSearch(search) {
    set({ search });
  },

  async refresh() {
    const hostId = get().hostId;
    set((state) => ({ images: loading(state.images) }));
    try {
      const images = await api.call('images.list', hostId ? { hostId } : {});
      if (get().hostId === hostId) set({ images: ready(images) });
    } catch (error) {
      if (get().hostId === hostId) set((state) => ({ images: failed(state.images, error) }));
    }
  },

  async inspect(ref) {
    const hostId = get().hostId;
    try {
      const image = await api.call('images.inspect', hostId ? { hostId, ref } : { ref });
      set({ inspected: image });
    } catch (error) {
      notifyError('Could not inspect the image', error);
    }
  },

  closeInspect() {
    set({ inspected: null });
  },
}));

/** Images whose tags or id contain the search text. */
export function filterImages(images: readonly ImageView[], search: string): ImageView[] {
  const needle = search.trim().toLowerCase();
  if (needle === '') return [...images];
  return images.filter(
    (image) =>
      image.id.toLowerCase().includes(needle) ||
      image.tags.some((tag) => tag.toLowerCase().includes(needle)),
  );
}
