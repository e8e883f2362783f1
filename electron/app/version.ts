// Berth's own version, read from package.json once.
import { readFileSync } from 'node:fs';

let cached: string | null = null;

/** The version in package.json, or 'unknown' when it cannot be read. */
export function appVersion(): string {
  if (cached !== null) return cached;
  try {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: string };
    cached = pkg.version ?? 'unknown';
  } catch {
    cached = 'unknown';
  }
  return cached;
}
