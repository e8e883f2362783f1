// Images as a table: tags, id, size, age and exposed ports.
import type { ReactElement } from 'react';
import type { ImageView } from '../../shared/views';
import { formatBytes, formatDateTime, shortId } from '../lib/format';

interface ImageTableProps {
  images: readonly ImageView[];
  onInspect: (ref: string) => void;
  onUse: (image: string) => void;
}

function portsText(image: ImageView): string {
  return image.exposedPorts.length === 0
    ? '—'
    : image.exposedPorts.map((p) => `${p.port}/${p.protocol}`).join(', ');
}

/** One row per image, untagged ones shown by id. */
export function ImageTable({ images, onInspect, onUse }: ImageTableProps): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="image-table">
        <thead>
          <tr>
            <th scope="col">Tags</th>
            <th scope="col">Id</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col">Created</th>
            <th scope="col">Exposed ports</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => {
            const name = image.tags[0] ?? shortId(image.id);
            return (
              <tr key={image.id}>
                <td>
                  {image.tags.length === 0 ? (
                    <span className="muted">untagged</span>
                  ) : (
                    image.tags.map((tag) => (
                      <span key={tag} className="chip mono">
                        {tag}
                      </span>
                    ))
                  )}
                </td>
                <td className="mono">{shortId(image.id)}</td>
                <td className="num">{formatBytes(image.sizeBytes)}</td>
                <td>{formatDateTime(image.createdAt)}</td>
                <td className="mono">{portsText(image)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`Inspect ${name}`}
                    onClick={() => {
                      onInspect(image.tags[0] ?? image.id);
                    }}
                  >
                    Inspect
                  </button>
                  {image.tags[0] ? (
                    <button
                      type="button"
                      aria-label={`New challenge from ${name}`}
                      onClick={() => {
                        onUse(name);
                      }}
                    >
                      New challenge
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
