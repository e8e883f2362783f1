// Container names built from operator data (any unicode) that the engine accepts.
import { createHash } from 'node:crypto';

const fragmentLength = 24;

/** A lowercase [a-z0-9-] fragment of `text`; text with no latin letters or digits gets a stable hash. */
export function nameFragment(text: string, fallbackPrefix: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, fragmentLength)
    .replace(/-+$/, '');
  if (ascii.length > 0) return ascii;
  const hash = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
  return `${fallbackPrefix}${hash}`;
}

/** `berth-<challenge>-<team>-<short id>`, always a valid Docker container name. */
export function containerName(challengeName: string, teamName: string, instanceId: string): string {
  const shortId = instanceId
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 8)
    .toLowerCase();
  return `berth-${nameFragment(challengeName, 'c')}-${nameFragment(teamName, 't')}-${shortId}`;
}
