// Serves the built renderer: known files with their types, index.html for app routes, nothing outside the folder.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText } from './responses';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name; unknown kinds are opaque bytes. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFiles {
  /** Answers a GET or HEAD for `urlPath` (decoded, starting with '/'). */
  serve(request: IncomingMessage, response: ServerResponse, urlPath: string): Promise<void>;
}

type Lookup =
  { kind: 'file'; file: string; size: number } | { kind: 'missing' } | { kind: 'refused' };

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

// Segments that can only be an attempt to leave the folder or reach hidden files.
function isHostileSegment(segment: string): boolean {
  return segment.startsWith('.') || segment.includes('\\') || segment.includes(':');
}

/** A static file server rooted at `staticDir`; symlinks leading out of it are refused too. */
export function createStaticFiles(staticDir: string): StaticFiles {
  const configuredRoot = path.resolve(staticDir);
  let resolvedRoot: string | undefined;

  async function root(): Promise<string | undefined> {
    if (resolvedRoot !== undefined) return resolvedRoot;
    try {
      resolvedRoot = await realpath(configuredRoot);
    } catch {
      return undefined;
    }
    return resolvedRoot;
  }

  async function lookup(base: string, urlPath: string): Promise<Lookup> {
    const segments = urlPath.split('/').filter((segment) => segment !== '');
    if (segments.some(isHostileSegment)) return { kind: 'refused' };

    const candidate = path.resolve(base, ...segments);
    if (!isInside(base, candidate)) return { kind: 'refused' };

    try {
      const real = await realpath(candidate);
      if (!isInside(base, real)) return { kind: 'refused' };
      const info = await stat(real);
      return info.isFile() ? { kind: 'file', file: real, size: info.size } : { kind: 'missing' };
    } catch {
      return { kind: 'missing' };
    }
  }

  async function send(
    request: IncomingMessage,
    response: ServerResponse,
    found: { file: string; size: number },
    isIndex: boolean,
  ): Promise<void> {
    const hashedAsset = !isIndex && found.file.includes(`${path.sep}assets${path.sep}`);
    response.writeHead(200, {
      'Content-Type': contentTypeFor(found.file),
      'Content-Length': String(found.size),
      'Cache-Control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    try {
      await pipeline(createReadStream(found.file), response);
    } catch {
      // The browser went away mid-file (or the file vanished); the response is already torn down.
    }
  }

  // A route of the app (no file extension) or a page load gets the app; a missing asset stays missing.
  function wantsApp(request: IncomingMessage, urlPath: string): boolean {
    const last = urlPath.split('/').pop() ?? '';
    return !last.includes('.') || (request.headers.accept ?? '').includes('text/html');
  }

  return {
    async serve(request, response, urlPath) {
      const base = await root();
      const index = base === undefined ? undefined : await lookup(base, '/index.html');
      if (base === undefined || index?.kind !== 'file') {
        sendText(response, 503, "Berth's interface is not built yet: run `npx vite build`.");
        return;
      }

      const found = urlPath === '/' ? index : await lookup(base, urlPath);
      if (found.kind === 'file') {
        await send(request, response, found, found.file === index.file);
      } else if (found.kind === 'missing' && wantsApp(request, urlPath)) {
        await send(request, response, index, true);
      } else {
        sendText(response, 404, 'Not found');
      }
    },
  };
}
