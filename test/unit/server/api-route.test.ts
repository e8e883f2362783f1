import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorKind } from '../../../shared/errors';
import { BerthError } from '../../../shared/errors';
import type { CallContext } from '../../../electron/api/create-api';
import type { Answer, TestServer } from './harness';
import { callApi, send, signIn, startTestServer } from './harness';

function body(answer: Answer): unknown {
  return JSON.parse(answer.text);
}

describe('the HTTP API', () => {
  let server: TestServer;
  const contexts: CallContext[] = [];
  beforeEach(async () => {
    contexts.length = 0;
    server = await startTestServer({
      handlers: {
        'hosts.list': (_input, context) => {
          contexts.push(context);
          return [];
        },
        'hosts.remove': ({ id }) => {
          throw new BerthError(id as ErrorKind, `Refused as ${id}`, {
            engineMessage: 'engine internals',
          });
        },
        'instances.revealFlag': () => {
          throw new Error('boom at /work/main/electron/runtime/flags.ts:42');
        },
        'challenges.import': ({ yaml }) => ({ yamlLength: yaml.length }) as never,
      },
    });
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers a good call with 200 and the ApiResponse', async () => {
    const answer = await callApi(server, 'hosts.list', {});

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(body(answer)).toEqual({ ok: true, result: [] });
  });

  it('treats an empty body as {}', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Authorization: `Bearer ${server.token}` },
    });

    expect(answer.status).toBe(200);
  });

  it('names the caller: script for Bearer, browser for the cookie, with the address', async () => {
    const cookie = await signIn(server);

    await callApi(server, 'hosts.list', {});
    await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Cookie: cookie, Origin: server.origin, 'Content-Type': 'application/json' },
      body: '{}',
    });

    expect(contexts.map((context) => context.actor)).toEqual([
      'script:127.0.0.1',
      'browser:127.0.0.1',
    ]);
    expect(contexts[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it('answers malformed JSON with 400 and says so', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{"id": ',
    });

    expect(answer.status).toBe(400);
    expect(body(answer)).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'The body is not valid JSON' },
    });
  });

  it('answers a schema failure with 400 naming the field', async () => {
    const answer = await callApi(server, 'instances.launch', { challengeId: 'c1', team: 42 });

    expect(answer.status).toBe(400);
    expect(body(answer)).toEqual({
      ok: false,
      error: {
        kind: 'invalid-input',
        field: 'team',
        message: 'team: Invalid input: expected string, received number',
      },
    });
  });

  it('answers an unknown method with 400 naming it', async () => {
    const answer = await callApi(server, 'hosts.explode', {});

    expect(answer.status).toBe(400);
    expect(body(answer)).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Unknown method hosts.explode' },
    });
  });

  it('answers GET on an API path with 405 and says to POST', async () => {
    const answer = await send(server, {
      path: '/api/hosts.list',
      headers: { Authorization: `Bearer ${server.token}` },
    });

    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST');
  });

  it('refuses a body that is not JSON by its type with 415', async () => {
    const answer = await send(server, {
      method: 'POST',
      path: '/api/hosts.list',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'a=1',
    });

    expect(answer.status).toBe(415);
  });

  it.each<[ErrorKind, number]>([
    ['invalid-input', 400],
    ['not-found', 404],
    ['conflict', 409],
    ['already-in-state', 409],
    ['port-in-use', 409],
    ['limit', 409],
    ['cancelled', 409],
    ['unreachable', 502],
    ['tls', 502],
    ['engine', 502],
    ['timeout', 504],
    ['storage', 503],
    ['internal', 500],
  ])('answers a %s error with status %i and its safe message only', async (kind, status) => {
    const answer = await callApi(server, 'hosts.remove', { id: kind });

    expect(answer.status).toBe(status);
    expect(body(answer)).toEqual({ ok: false, error: { kind, message: `Refused as ${kind}` } });
  });

  it('answers a handler bug with 500, a generic message and no stack or error text', async () => {
    const answer = await callApi(server, 'instances.revealFlag', { id: 'i1' });

    expect(answer.status).toBe(500);
    expect(body(answer)).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: 'Something went wrong inside Berth; the details are in the log.',
      },
    });
    expect(answer.text).not.toMatch(/boom|flags\.ts|\bat\b|Error/);
  });

  it('accepts a body just under 2 MiB', async () => {
    const yaml = 'x'.repeat(1_000_000);

    const answer = await callApi(server, 'challenges.import', { yaml });

    expect(answer.status).toBe(200);
    expect(body(answer)).toEqual({ ok: true, result: { yamlLength: 1_000_000 } });
  });

  it('refuses a body announced larger than 2 MiB with 413 before reading it, and closes the connection', async () => {
    const socket = connect(server.server.port, '127.0.0.1');
    socket.write(
      'POST /api/challenges.import HTTP/1.1\r\n' +
        'Host: 127.0.0.1\r\n' +
        `Authorization: Bearer ${server.token}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${3 * 1024 * 1024}\r\n\r\n{"yaml":"`,
    );

    const reply = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      socket.on('error', () => undefined);
    });

    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(reply).toContain('"kind":"limit"');
    expect(reply).toContain('2 MiB');
  });

  it('refuses a chunked body that grows past 2 MiB with 413', async () => {
    const socket = connect(server.server.port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 'x');
    socket.write(
      'POST /api/challenges.import HTTP/1.1\r\n' +
        'Host: 127.0.0.1\r\n' +
        `Authorization: Bearer ${server.token}\r\n` +
        'Content-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    for (let sent = 0; sent <= 2 * 1024 * 1024; sent += chunk.length) {
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      socket.write('\r\n');
    }

    const reply = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      socket.on('data', (data: Buffer) => chunks.push(data));
      socket.on('close', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      socket.on('error', () => undefined);
    });

    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('keeps serving after an upload is cut off midway', async () => {
    const socket = connect(server.server.port, '127.0.0.1');
    socket.write(
      'POST /api/hosts.list HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${server.token}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 1000\r\n\r\n{"a":',
    );
    await new Promise<void>((resolve) => socket.end(resolve));
    socket.destroy();

    const answer = await callApi(server, 'hosts.list', {});

    expect(answer.status).toBe(200);
  });

  it('answers a malformed escape in the address with 400 and keeps serving', async () => {
    const broken = await send(server, {
      method: 'POST',
      path: '/api/hosts.%E0%A4%A',
      headers: { Authorization: `Bearer ${server.token}` },
    });
    const after = await callApi(server, 'hosts.list', {});

    expect(broken.status).toBe(400);
    expect(after.status).toBe(200);
  });

  it('answers oversized headers with 431 and keeps serving', async () => {
    const huge = await send(server, {
      path: '/',
      headers: { Authorization: `Bearer ${server.token}`, 'X-Padding': 'p'.repeat(64 * 1024) },
    });
    const after = await callApi(server, 'hosts.list', {});

    expect(huge.status).toBe(431);
    expect(after.status).toBe(200);
  });
});
