import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/api';
import { apiMethods } from '../../../shared/api';
import { errorKinds } from '../../../shared/errors';
import type { ApiResponse } from '../../../shared/rpc';
import type { FuzzBackend } from './fuzz-backend';
import { startFuzzBackend } from './fuzz-backend';
import { fuzzSeed, InputCounter } from './fuzz-seed';
import { hostileStrings } from './hostile-strings';
import { anyInput, inputJsonSchema, nearValidArbitrary, validArbitrary } from './schema-arbitrary';
import { prototypePollution, snapshotTables, storeProblems } from './store-invariants';

const seed = fuzzSeed('api inputs');
const counter = new InputCounter('api inputs');
// Methods with more fields get more runs: each field needs its share of mutations.
function runsFor(schema: unknown): number {
  const fields = (JSON.stringify(schema).match(/"type":/g) ?? []).length;
  return Math.min(40 + 6 * fields, 200);
}
const callBoundMs = 10_000;

// A launch that fails keeps its instance row as 'failed' on purpose: the record of the attempt.
const recordsAttempts = new Set<MethodName>(['instances.launch', 'instances.launchAll']);
// Kinds that say Berth itself broke: a bug, not an answer to bad input.
const bugKinds = new Set(['internal', 'storage']);

// Saving a host starts a health check in the background; its writes must not count as the call's.
function settle(method: MethodName): Promise<void> {
  return method === 'hosts.add' || method === 'hosts.update'
    ? new Promise((resolve) => setTimeout(resolve, 5))
    : new Promise((resolve) => setImmediate(resolve));
}

function withinBound(call: Promise<ApiResponse>, method: string): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${method} did not answer within ${callBoundMs} ms`));
    }, callBoundMs);
    call.then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function callAndCheck(fuzz: FuzzBackend, method: MethodName, input: unknown): Promise<void> {
  counter.add();
  await settle(method);
  const untouched = recordsAttempts.has(method) ? ['instances', 'port_reservations'] : [];
  const before = snapshotTables(fuzz.file, untouched);

  const response = await withinBound(fuzz.backend.api.invoke(method, input), method);
  await settle(method);

  if (!response.ok) {
    expect(errorKinds).toContain(response.error.kind);
    expect(bugKinds.has(response.error.kind), response.error.message).toBe(false);
    expect(response.error.message).not.toMatch(/\n\s+at |node_modules|SQLITE_/);
    expect(snapshotTables(fuzz.file, untouched)).toBe(before);
  }
  expect(storeProblems(fuzz.backend.store)).toEqual([]);
  expect(prototypePollution()).toEqual([]);
}

const methods = Object.keys(apiMethods) as MethodName[];

describe('every API method fed arbitrary and near-valid input', () => {
  let fuzz: FuzzBackend;
  beforeEach(async () => {
    fuzz = await startFuzzBackend();
  });
  afterEach(async () => {
    await fuzz.dispose();
  });
  afterAll(() => {
    counter.report();
  });

  it.each(methods)(
    '%s answers with a result or a typed error, never a crash or a half write',
    async (method) => {
      const schema = inputJsonSchema(apiMethods[method].input);
      const hints = { strings: fuzz.known };
      const input = fc.oneof(
        { arbitrary: nearValidArbitrary(schema, hints), weight: 4 },
        { arbitrary: validArbitrary(schema, hints), weight: 2 },
        { arbitrary: anyInput, weight: 1 },
      );

      await fc.assert(
        fc.asyncProperty(input, (value) => callAndCheck(fuzz, method, value)),
        { seed, numRuns: runsFor(schema) },
      );

      const verified = await fuzz.backend.api.invoke('audit.verify', {});
      expect(verified).toMatchObject({ ok: true, result: { ok: true } });
    },
    60_000,
  );

  it('keeps the audit chain verifiable whatever characters the recorded names carry', async () => {
    for (const name of hostileStrings) {
      counter.add();
      await fuzz.backend.api.invoke('teams.add', { name });
      await fuzz.backend.api.invoke('hosts.add', { name, connection: { kind: 'local' } });
    }

    const verified = await fuzz.backend.api.invoke('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, result: { ok: true } });
  });

  it.each([
    ['a BigInt', { big: 10n }],
    ['a Date', { when: new Date(0) }],
    ['a Map', { map: new Map([[1, 2]]) }],
    [
      'a value that holds itself',
      (() => {
        const cyclic: Record<string, unknown> = { a: 1 };
        cyclic.self = cyclic;
        return cyclic;
      })(),
    ],
    [
      'lists nested 10,000 deep',
      { deep: JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown },
    ],
  ])('refuses kept challenge data holding %s as invalid input', async (_what, extra) => {
    counter.add();
    const answer = await fuzz.backend.api.invoke('challenges.create', {
      name: 'Odd extra',
      image: 'berth-test/web:1.0',
      ports: [{ port: 8080 }],
      extra,
    });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'extra' } });
  });

  it('searches the audit log for any text, control characters and NULs included', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.array(fc.constantFrom('\0', 'a', '"', '*', ' '), { maxLength: 8 }).map((c) => c.join('')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (target) => {
        counter.add();
        const answer = await fuzz.backend.api.invoke('audit.query', { target });
        expect(answer.ok, JSON.stringify(answer)).toBe(true);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('answers unknown method names and non-string names with invalid-input', async () => {
    const names = fc.oneof(fc.string(), anyInput);
    await fc.assert(
      fc.asyncProperty(names, anyInput, async (name, input) => {
        counter.add();
        const response = await fuzz.backend.api.invoke(name as string, input);
        if (typeof name === 'string' && name in apiMethods) return;
        expect(response).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
      }),
      { seed, numRuns: 200 },
    );
  });
});
