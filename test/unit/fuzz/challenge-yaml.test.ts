import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { exportChallengeYaml, importChallengeYaml } from '../../../electron/runtime/challenge-yaml';
import { challengeInputSchema } from '../../../shared/challenge';
import type { ChallengeSpec } from '../../../shared/challenge';
import { isBerthError } from '../../../shared/errors';
import { fuzzSeed, InputCounter } from './fuzz-seed';
import { hostileString } from './hostile-strings';
import { inputJsonSchema, nearValidArbitrary, validArbitrary } from './schema-arbitrary';
import { prototypePollution } from './store-invariants';

const seed = fuzzSeed('challenge.yml');
const counter = new InputCounter('challenge.yml');
afterAll(() => {
  counter.report();
});

const challengeSchema = inputJsonSchema(challengeInputSchema);
const hints = { strings: ['berth-test/web:1.0', 'web', 'FLAG', '/flag.txt', '256m'] };

/** Valid challenges, as Berth itself would save them. */
const challenge: fc.Arbitrary<ChallengeSpec> = validArbitrary(challengeSchema, hints)
  .map((value) => challengeInputSchema.safeParse(value))
  .filter((parsed) => parsed.success)
  .map((parsed) => parsed.data);

const snippets = [
  // Aliases that expand exponentially ("billion laughs").
  'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
  `deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  `deep: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`,
  'name: !!binary aGVsbG8=\n',
  'tags: !!set {a, b}\nodd: !!js/function "function () { return 1 }"\n',
  'py: !!python/object/apply:os.system ["touch /tmp/berth-fuzz-pwned"]\n',
  '__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n',
  'x-berth: {__proto__: {polluted: true}, env: {__proto__: x}}\n',
  'base: &b {image: evil}\nmerged: {<<: *b}\n<<: *b\n',
  'name: one\nname: two\n',
  '%YAML 1.1\n---\nname: x\n',
  '---\nname: a\n---\nname: b\n',
  '? [complex, key]\n: value\n',
  'value: 0x7fffffffffffffffff\nlifetimeSeconds: .inf\n',
  '\ttabbed: indentation\n',
  '\ufeffname: bom\n',
  `long: ${'z'.repeat(200_000)}\n`,
  'x-berth: [not, a, mapping]\n',
  'x-berth: {flag: {filePath: /../../etc/passwd, delivery: file}}\n',
  'x-berth: {env: {"BAD NAME": x, "1X": y}}\n',
];

/** A document cut, spliced or extended somewhere: what a half-copied or hand-edited file looks like. */
const damaged: fc.Arbitrary<string> = fc
  .tuple(
    challenge.map((c) => exportChallengeYaml(c)),
    fc.nat(),
    fc.oneof(fc.constantFrom(...snippets), hostileString, fc.string({ unit: 'binary' })),
    fc.constantFrom('cut', 'insert', 'append', 'replace-line'),
  )
  .map(([text, at, piece, how]) => {
    const position = at % (text.length + 1);
    if (how === 'cut') return text.slice(0, position);
    if (how === 'insert') return text.slice(0, position) + piece + text.slice(position);
    if (how === 'append') return `${text}${piece}\n`;
    const lines = text.split('\n');
    lines[at % lines.length] = piece;
    return lines.join('\n');
  });

/** Any shape at all, written as YAML. */
const anyShape: fc.Arbitrary<string> = fc
  .oneof(nearValidArbitrary(challengeSchema, hints), fc.jsonValue({ maxDepth: 4 }))
  .map((value) => (value === undefined ? '' : stringify(value)));

function importsOrRefuses(text: string): void {
  counter.add();
  let imported: ChallengeSpec | null = null;
  let refusal: unknown = null;
  try {
    imported = importChallengeYaml(text);
  } catch (error) {
    refusal = error;
  }

  if (imported === null) {
    expect(isBerthError(refusal, 'invalid-input'), String(refusal)).toBe(true);
    expect((refusal as Error).message).not.toMatch(/\n\s+at /);
  } else {
    expect(challengeInputSchema.safeParse(imported).success).toBe(true);
  }
  expect(prototypePollution()).toEqual([]);
}

describe('the challenge.yml importer fed damaged and hostile files', () => {
  it('reads back every challenge it exports, unchanged', () => {
    fc.assert(
      fc.property(challenge, (original) => {
        counter.add();
        expect(importChallengeYaml(exportChallengeYaml(original))).toEqual(original);
      }),
      { seed, numRuns: 150 },
    );
  });

  it('refuses an alias bomb with a message saying so', () => {
    expect(() => importChallengeYaml(`name: x\nimage: web\n${snippets[0] ?? ''}`)).toThrow(
      expect.objectContaining({
        kind: 'invalid-input',
        message: 'challenge.yml repeats its anchors (aliases) too often to be read safely',
      }),
    );
  });

  it('exports the static flag the operator set, not the one the imported file listed', () => {
    const imported = importChallengeYaml(
      'name: x\nimage: web\nflags:\n  - {type: static, content: old}\n  - {type: regex, content: r.*}\n',
    );
    const changed = { ...imported, flag: { ...imported.flag, value: 'new' } };

    const again = importChallengeYaml(exportChallengeYaml(changed));
    expect(again.flag.value).toBe('new');
    expect(again.extra.flags).toEqual([
      { type: 'static', content: 'new' },
      { type: 'regex', content: 'r.*' },
    ]);
  });

  it('imports or refuses with a typed invalid-input error each known hostile file', () => {
    for (const snippet of snippets) importsOrRefuses(`name: x\nimage: web\n${snippet}`);
  });

  it('imports or refuses damaged files, any shape and random bytes, never throwing anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(damaged, anyShape, fc.string({ unit: 'binary', maxLength: 400 })),
        importsOrRefuses,
      ),
      { seed, numRuns: 600 },
    );
  });
});
