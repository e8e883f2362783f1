// The request line's target, split and decoded once, refusing what cannot be a Berth path.
export interface RequestTarget {
  /** Decoded path, always starting with '/'. */
  path: string;
  query: URLSearchParams;
}

/** The decoded path and query of an origin-form target, or null for anything else (absolute-form, bad escapes, NUL). */
export function parseTarget(url: string | undefined): RequestTarget | null {
  if (url?.startsWith('/') !== true) return null;

  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : url.slice(queryAt + 1);

  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;

  return { path, query: new URLSearchParams(rawQuery) };
}
