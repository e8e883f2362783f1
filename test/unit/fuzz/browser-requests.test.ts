import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/harness';
import { openEvents, send, signIn, startTestServer } from '../server/harness';
import { fuzzSeed, InputCounter } from './fuzz-seed';

const seed = fuzzSeed('browser requests');
const counter = new InputCounter('browser requests');

type Placement = 'none' | 'right' | 'wrong';

/** One request as a browser, a script or an attacker might shape it. */
interface Shape {
  method: string;
  path: string;
  query: Placement;
  bearer: Placement | 'malformed';
  cookie: Placement;
  origin: 'none' | 'own' | 'own-localhost' | 'foreign' | 'null' | 'own-upper';
}

const shape: fc.Arbitrary<Shape> = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path: fc.constantFrom('/api/hosts.list', '/', '/assets/app.js', '/instances', '/api/nope'),
  query: fc.constantFrom<Placement>('none', 'right', 'wrong'),
  bearer: fc.constantFrom<Shape['bearer']>('none', 'right', 'wrong', 'malformed'),
  cookie: fc.constantFrom<Placement>('none', 'right', 'wrong'),
  origin: fc.constantFrom<Shape['origin']>(
    'none',
    'own',
    'own-localhost',
    'foreign',
    'null',
    'own-upper',
  ),
});

/**
 * Browser mode's rules, as the operator is promised them: another site's Origin is refused; a
 * token in the address counts only for a GET; a Bearer header, when sent, is the credential;
 * the session cookie counts alone, and for a change of state only with Berth's own Origin.
 */
function allowed(request: Shape): boolean {
  const ownOrigin = ['own', 'own-localhost', 'own-upper'].includes(request.origin);
  if (request.origin === 'foreign' || request.origin === 'null') return false;
  if (request.query !== 'none') return request.method === 'GET' && request.query === 'right';
  if (request.bearer !== 'none') return request.bearer === 'right';
  if (request.cookie !== 'right') return false;
  return ['GET', 'HEAD'].includes(request.method) || ownOrigin;
}

describe('browser mode against requests of every shape', () => {
  let server: TestServer;
  let cookie = '';

  beforeAll(async () => {
    server = await startTestServer({ handlers: { 'hosts.list': () => [] } });
    cookie = await signIn(server);
  });
  afterAll(async () => {
    await server.close();
    counter.report();
  });

  function headersOf(request: Shape): Record<string, string> {
    const port = server.server.port;
    const origins: Record<Shape['origin'], string | undefined> = {
      none: undefined,
      own: `http://127.0.0.1:${port}`,
      'own-localhost': `http://localhost:${port}`,
      'own-upper': `HTTP://127.0.0.1:${port}`,
      foreign: 'http://127.0.0.1.evil.example',
      null: 'null',
    };
    const bearer = {
      none: undefined,
      right: `Bearer ${server.token}`,
      wrong: 'Bearer not-the-token',
      malformed: `Bearer${server.token}`,
    }[request.bearer];
    const session = {
      none: undefined,
      right: cookie,
      wrong: `${cookie.split('=')[0] ?? 'x'}=forged`,
    }[request.cookie];
    const origin = origins[request.origin];
    return {
      ...(origin === undefined ? {} : { Origin: origin }),
      ...(bearer === undefined ? {} : { Authorization: bearer }),
      ...(session === undefined ? {} : { Cookie: session }),
      'Content-Type': 'application/json',
    };
  }

  function targetOf(request: Shape): string {
    const token = { none: '', right: server.token, wrong: 'not-the-token' }[request.query];
    return request.query === 'none' ? request.path : `${request.path}?token=${token}`;
  }

  it('lets a request through only when it holds the token as the rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async (request) => {
        counter.add();
        const answer = await send(server, {
          method: request.method,
          path: targetOf(request),
          headers: headersOf(request),
          ...(['POST', 'PUT', 'PATCH'].includes(request.method) ? { body: '{}' } : {}),
        });
        const refused = answer.status === 401 || answer.status === 403;
        expect(refused, `${JSON.stringify(request)} answered ${answer.status}`).toBe(
          !allowed(request),
        );
        if (request.origin === 'foreign' || request.origin === 'null') {
          expect(answer.status).toBe(403);
        }
        expect(answer.text).not.toContain(server.token);
      }),
      { seed, numRuns: 400 },
    );
  });

  it('opens the event socket only for a request the rules allow', async () => {
    const upgrade = shape.map((request) => ({ ...request, method: 'GET', path: '/api/events' }));
    await fc.assert(
      fc.asyncProperty(upgrade, async (request) => {
        counter.add();
        const outcome = await openEvents(server, {
          ...(request.query === 'none'
            ? {}
            : { query: targetOf(request).slice(request.path.length) }),
          headers: headersOf(request),
        });
        if ('opened' in outcome) outcome.opened.terminate();
        expect('opened' in outcome, JSON.stringify(request)).toBe(allowed(request));
      }),
      { seed, numRuns: 120 },
    );
  });
});
