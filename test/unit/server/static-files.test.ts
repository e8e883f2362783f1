import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from './harness';
import { indexHtml, secretText, send, startTestServer } from './harness';

describe('serving the interface', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  function get(pathname: string, headers: Record<string, string> = {}) {
    return send(server, {
      path: pathname,
      headers: { Authorization: `Bearer ${server.token}`, ...headers },
    });
  }

  it('serves index.html at / with a strict Content-Security-Policy and the safety headers', async () => {
    const answer = await get('/');

    expect(answer.status).toBe(200);
    expect(answer.text).toBe(indexHtml);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const port = server.server.port;
    expect(answer.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        `img-src 'self' data:; connect-src 'self' ws://localhost:${port} ws://127.0.0.1:${port}; ` +
        "object-src 'none'; base-uri 'none'; form-action 'self'; " +
        "frame-ancestors 'none'",
    );
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['x-frame-options']).toBe('DENY');
  });

  it('puts the same headers on refusals and API answers', async () => {
    const refused = await send(server, { path: '/' });
    const api = await send(server, {
      method: 'POST',
      path: '/api/app.info',
      headers: { Authorization: `Bearer ${server.token}` },
    });

    for (const answer of [refused, api]) {
      expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves built files with their content types, assets cached for good', async () => {
    const script = await get('/assets/app.js');
    const style = await get('/assets/app.css');

    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toBe('console.log("berth");');
    expect(script.headers['cache-control']).toContain('immutable');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await send(server, {
      method: 'HEAD',
      path: '/assets/app.js',
      headers: { Authorization: `Bearer ${server.token}` },
    });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String('console.log("berth");'.length));
    expect(answer.text).toBe('');
  });

  it('answers an app route with index.html so the app can show it', async () => {
    const answer = await get('/instances');

    expect(answer.status).toBe(200);
    expect(answer.text).toBe(indexHtml);
  });

  it('answers a missing asset with 404 rather than the app', async () => {
    const answer = await get('/assets/missing.js');

    expect(answer.status).toBe(404);
  });

  it('never lists a folder', async () => {
    const answer = await get('/assets/');

    expect(answer.text).not.toContain('app.css');
    expect(answer.text).toBe(indexHtml);
  });

  it('refuses to write with POST on a page with 405', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: '/index.html',
      headers: { Authorization: `Bearer ${server.token}` },
    });

    expect(answer.status).toBe(405);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/.%2e/.%2e/secret.txt',
  ])('refuses the traversal %s with 404 and no file', async (pathname) => {
    const answer = await get(pathname, { Accept: 'text/html' });

    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain(secretText);
  });

  it('serves an absolute path from inside the folder, never from the disk root', async () => {
    const secretPath = path.join(server.folder, 'secret.txt');
    const plain = await get(secretPath);
    const doubled = await get(`/${secretPath}`);
    const encoded = await get(`/${encodeURIComponent(secretPath)}`);

    for (const answer of [plain, doubled, encoded]) {
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain(secretText);
    }
  });

  it('refuses an absolute-form request target with 400', async () => {
    const answer = await get(`http://127.0.0.1/${path.join(server.folder, 'secret.txt')}`);

    expect(answer.status).toBe(400);
    expect(answer.text).not.toContain(secretText);
  });

  it('does not follow a link that leads out of the folder', async () => {
    await symlink(path.join(server.folder, 'secret.txt'), path.join(server.staticDir, 'leak.txt'));

    const answer = await get('/leak.txt');

    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain(secretText);
  });

  it('does not serve hidden files', async () => {
    const answer = await get('/.env');

    expect(answer.status).toBe(404);
  });
});

describe('serving an interface that is not built', () => {
  it('says how to build it with 503', async () => {
    const server = await startTestServer({ index: false });

    const answer = await send(server, {
      path: '/',
      headers: { Authorization: `Bearer ${server.token}` },
    });
    await server.close();

    expect(answer.status).toBe(503);
    expect(answer.text).toContain('vite build');
  });
});
