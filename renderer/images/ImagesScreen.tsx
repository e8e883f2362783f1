// The Images screen: what each host has, to build challenges from.
import type { ReactElement } from 'react';
import { useEffect, useMemo } from 'react';
import { useNavigation } from '../app/navigation-store';
import { useChallenges } from '../challenges/challenges-store';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { SearchInput } from '../components/SearchInput';
import { HostPicker } from '../hosts/HostPicker';
import { plural } from '../lib/format';
import { ImageDetailsDialog } from './ImageDetailsDialog';
import { ImageTable } from './ImageTable';
import { filterImages, useImages } from './images-store';

/** Images of the chosen host with search and inspect. */
export function ImagesScreen(): ReactElement {
  const { hostId, search, images, inspected } = useImages();
  const { setHost, setSearch, refresh, inspect, closeInspect } = useImages.getState();
  const startCreate = useChallenges((state) => state.startCreate);
  const go = useNavigation((state) => state.go);
  const shown = useMemo(() => filterImages(images.data ?? [], search), [images.data, search]);

  useEffect(() => {
    void useImages.getState().refresh();
  }, []);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title="Images"
        subtitle={images.data ? plural(images.data.length, 'image') : 'Images on the host'}
      >
        <HostPicker value={hostId} onChange={setHost} emptyLabel="Default host" />
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
      </ScreenHeader>
      <div className="toolbar">
        <SearchInput value={search} onChange={setSearch} label="Search images" />
      </div>

      <LoadView
        state={images}
        what="images"
        isEmpty={(list) => list.length === 0}
        onRetry={() => void refresh()}
        empty={
          <>
            <strong>No images on this host</strong>
            <p>Load or build challenge images on the engine, then refresh.</p>
          </>
        }
      >
        {() =>
          shown.length === 0 ? (
            <div className="state empty">No image matches “{search}”.</div>
          ) : (
            <ImageTable
              images={shown}
              onInspect={(ref) => void inspect(ref)}
              onUse={(image) => {
                startCreate({ image });
                go('challenges');
              }}
            />
          )
        }
      </LoadView>

      {inspected ? <ImageDetailsDialog image={inspected} onClose={closeInspect} /> : null}
    </section>
  );
}
