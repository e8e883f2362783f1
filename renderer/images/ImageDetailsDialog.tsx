// Everything Berth knows about one image.
import type { ReactElement } from 'react';
import type { ImageView } from '../../shared/views';
import { Dialog } from '../components/Dialog';
import { formatBytes, formatDateTime } from '../lib/format';

/** The inspected image's id, tags, digests, size, age and ports. */
export function ImageDetailsDialog({
  image,
  onClose,
}: {
  image: ImageView;
  onClose: () => void;
}): ReactElement {
  return (
    <Dialog title={image.tags[0] ?? 'Untagged image'} onClose={onClose} testId="image-details">
      <dl className="facts wide">
        <dt>Id</dt>
        <dd className="mono break">{image.id}</dd>
        <dt>Tags</dt>
        <dd className="mono">{image.tags.length > 0 ? image.tags.join(', ') : 'none'}</dd>
        <dt>Digests</dt>
        <dd className="mono break">
          {image.digests.length > 0 ? image.digests.join(', ') : 'none'}
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(image.sizeBytes)}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(image.createdAt)}</dd>
        <dt>Exposed ports</dt>
        <dd className="mono">
          {image.exposedPorts.length > 0
            ? image.exposedPorts.map((p) => `${p.port}/${p.protocol}`).join(', ')
            : 'none'}
        </dd>
      </dl>
    </Dialog>
  );
}
