import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomScheme } from 'electron';
import {
  createRendererHandler,
  registerAppScheme,
  serveRenderer,
} from '../../../electron/shell/renderer-protocol';

let dir: string;
let rendererDir: string;
let serve: (request: Request) => Promise<Response>;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-renderer-'));
  rendererDir = path.join(dir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Berth</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(dir, 'outside.txt'), 'not for the page');
  serve = createRendererHandler(rendererDir);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string): Promise<Response> {
  return serve(new Request(url));
}

function directives(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values.join(' '));
  }
  return map;
}

describe("Berth's renderer protocol", () => {
  it('serves every page and asset with the strict Content-Security-Policy header', async () => {
    for (const url of [
      'app://berth/',
      'app://berth/index.html',
      'app://berth/assets/index-abc.js',
      'app://berth/assets/index-abc.css',
      'app://berth/assets/missing.js',
    ]) {
      const csp = directives((await get(url)).headers.get('content-security-policy'));

      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(csp.get('img-src')).toBe("'self' data:");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('base-uri')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect([...csp.values()].join(' ')).not.toMatch(/unsafe-eval|\*|http:|https:/);
    }
  });

  it('serves the built files with their content type and no sniffing', async () => {
    const page = await get('app://berth/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Berth</title>');

    const script = await get('app://berth/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('refuses any path that climbs out of the renderer folder', async () => {
    for (const url of [
      'app://berth/..%2Foutside.txt',
      'app://berth/%2e%2e/outside.txt',
      'app://berth/assets/..%2F..%2Foutside.txt',
      'app://berth/..%5Coutside.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('not for the page');
    }
  });

  it('answers only the berth host, and only GET and HEAD', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await serve(new Request('app://berth/index.html', { method: 'POST' }))).status).toBe(
      405,
    );
  });

  it('answers a screen path with the page and a missing asset with 404', async () => {
    const screen = await get('app://berth/instances');
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain('<title>Berth</title>');

    expect((await get('app://berth/assets/missing.js')).status).toBe(404);
  });

  it('declares app:// a standard, secure scheme and serves it through protocol.handle', async () => {
    const registered: CustomScheme[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);

    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    serveRenderer({ handle: (scheme, handler) => handlers.set(scheme, handler) }, rendererDir);
    const handler = handlers.get('app');
    expect(handler).toBeDefined();
    expect((await handler?.(new Request('app://berth/index.html')))?.status).toBe(200);
  });
});
