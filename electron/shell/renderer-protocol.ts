// Serves the built renderer on app://berth from its folder, every answer carrying Berth's CSP.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { componentLogger } from '../logger';
import { appHost, appScheme } from './app-origin';
import { contentSecurityPolicy } from './content-security-policy';

export interface SchemeRegistry {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
}

export interface ProtocolHandlers {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

const log = componentLogger('shell');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The privileges app:// needs to be a secure, standard origin (so 'self', fetch and ES modules work). */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Declares app:// before the app is ready, as Electron requires. */
export function registerAppScheme(protocol: SchemeRegistry): void {
  protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
}

/** Answers app:// requests from the files under `rendererDir` only; anything else is a 404. */
export function serveRenderer(protocol: ProtocolHandlers, rendererDir: string): void {
  protocol.handle(appScheme, createRendererHandler(rendererDir));
}

/** The request handler behind serveRenderer, exposed so it can be exercised without Electron. */
export function createRendererHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405);

    const file = resolveInside(root, request.url);
    if (file === null) return answer(404);

    const found = await readIfPresent(file);
    if (found !== null) return answer(200, found, contentTypeOf(file));

    // The renderer routes on its own: a path without an extension is one of its screens.
    if (path.extname(file) === '') {
      const entry = await readIfPresent(path.join(root, 'index.html'));
      if (entry !== null) return answer(200, entry, contentTypes['.html']);
    }
    return answer(404);
  };
}

function resolveInside(root: string, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.host !== appHost) return null;

  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';

  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}

async function readIfPresent(file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') {
      log.warn({ file, code }, 'Could not read a renderer file');
    }
    return null;
  }
}

function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function answer(
  status: number,
  body: Uint8Array<ArrayBuffer> | null = null,
  contentType = 'text/plain; charset=utf-8',
): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': contentType,
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
