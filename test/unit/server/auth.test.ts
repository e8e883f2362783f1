import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signInMessage } from '../../../electron/server/request-guard';
import type { TestServer } from './harness';
import { callApi, closed, openEvents, send, signIn, startTestServer } from './harness';

const refusedBody = { ok: false, error: { kind: 'invalid-input', message: signInMessage } };

describe('browser mode refuses whoever does not hold the token', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ handlers: { 'hosts.list': () => [] } });
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers an API call without a token with 401 and how to sign in', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });

    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual(refusedBody);
  });

  it('answers a page request without a token with 401 and no page', async () => {
    const answer = await send(server, { path: '/' });

    expect(answer.status).toBe(401);
    expect(answer.text).toBe(signInMessage);
  });

  it('refuses the event socket without a token with 401', async () => {
    const outcome = await openEvents(server);

    expect(outcome).toMatchObject({ refused: 401 });
  });

  it('refuses a wrong Bearer token, a wrong scheme and a wrong sign-in link with 401', async () => {
    const wrongBearer = await callApi(server, 'hosts.list', {}, { Authorization: 'Bearer nope' });
    const basic = await callApi(
      server,
      'hosts.list',
      {},
      {
        Authorization: `Basic ${server.token}`,
      },
    );
    const wrongLink = await send(server, { path: '/?token=nope' });
    const wrongSocket = await openEvents(server, { query: '?token=nope' });

    expect([wrongBearer.status, basic.status, wrongLink.status]).toEqual([401, 401, 401]);
    expect(wrongLink.headers['set-cookie']).toBeUndefined();
    expect(wrongSocket).toMatchObject({ refused: 401 });
  });

  it('accepts a script calling with the Bearer token', async () => {
    const answer = await callApi(server, 'hosts.list', {});

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ ok: true, result: [] });
  });

  it('signs a browser in from the printed link with an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const answer = await send(server, { path: `/?token=${server.token}` });

    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const cookie = answer.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^berth_session_\d+=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(server.token);
  });

  it('lets a signed-in browser load pages, call the API from its own page and open the event socket', async () => {
    const cookie = await signIn(server);

    const page = await send(server, { path: '/', headers: { Cookie: cookie } });
    const call = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const socket = await openEvents(server, {
      headers: { Cookie: cookie, Origin: server.origin },
    });

    expect(page.status).toBe(200);
    expect(call.status).toBe(200);
    expect(socket).toHaveProperty('opened');
    if ('opened' in socket) {
      socket.opened.close();
      await closed(socket.opened);
    }
  });

  it('treats the localhost spelling of its own address as its own origin', async () => {
    const cookie = await signIn(server);
    const localhost = server.origin.replace('127.0.0.1', 'localhost');

    const call = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Cookie: cookie, Origin: localhost, 'Content-Type': 'application/json' },
      body: '{}',
    });

    expect(call.status).toBe(200);
  });

  it('refuses a cookie-signed API call that does not carry its own Origin (CSRF)', async () => {
    const cookie = await signIn(server);

    const answer = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });

    expect(answer.status).toBe(403);
  });

  it('refuses a token in the query string of a POST with 401, even alongside a Bearer header', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: `/api/hosts.list?token=${server.token}`,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });

    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('refuses an API call from another site with 403, even with the right token', async () => {
    const answer = await callApi(server, 'hosts.list', {}, { Origin: 'http://evil.example' });

    expect(answer.status).toBe(403);
  });

  it('refuses the event socket from another site with 403, even with the right token', async () => {
    const cookie = await signIn(server);

    const outcome = await openEvents(server, {
      headers: { Cookie: cookie, Origin: 'http://evil.example' },
    });
    const nullOrigin = await openEvents(server, {
      query: `?token=${server.token}`,
      headers: { Origin: 'null' },
    });

    expect(outcome).toMatchObject({ refused: 403 });
    expect(nullOrigin).toMatchObject({ refused: 403 });
  });

  it('opens the event socket with the token in its address, since the upgrade is a GET', async () => {
    const outcome = await openEvents(server, { query: `?token=${server.token}` });

    expect(outcome).toHaveProperty('opened');
    if ('opened' in outcome) {
      outcome.opened.close();
      await closed(outcome.opened);
    }
  });

  it('does not accept a session cookie it did not set', async () => {
    const cookieName = (await signIn(server)).split('=')[0] ?? '';

    const forged = await send(server, {
      path: '/',
      headers: { Cookie: `${cookieName}=${'A'.repeat(43)}` },
    });

    expect(forged.status).toBe(401);
  });

  it('never writes the token to its log, even from a sign-in link', async () => {
    await signIn(server);
    await send(server, { path: '/?token=wrong-guess' });
    await callApi(server, 'hosts.list', {});

    expect(server.log.text()).toContain('"path":"/"');
    expect(server.log.text()).not.toContain(server.token);
  });
});
