// How a team reaches its instance: each link with copy, and open for http ones.
import type { ReactElement } from 'react';
import type { ConnectionLink } from '../../shared/views';
import { CopyButton } from '../components/CopyButton';
import { Icon } from '../components/Icon';

/** One line per published port. */
export function ConnectionLinks({
  links,
  owner,
}: {
  links: readonly ConnectionLink[];
  /** Who the links belong to, for the buttons' names: "alpha / web". */
  owner: string;
}): ReactElement {
  if (links.length === 0) return <span className="muted">—</span>;
  return (
    <div className="links">
      {links.map((link) => (
        <div key={`${link.containerPort}/${link.protocol}`} className="link">
          <span className="mono link-text" title={link.text}>
            {link.text}
          </span>
          <CopyButton
            text={link.text}
            label={`Copy connection of ${owner} (${link.containerPort})`}
          />
          {link.url ? (
            <a
              className="icon-button"
              href={link.url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`Open ${owner} (${link.containerPort}) in the browser`}
              title="Open in the browser"
            >
              <Icon name="external" />
            </a>
          ) : null}
        </div>
      ))}
    </div>
  );
}
