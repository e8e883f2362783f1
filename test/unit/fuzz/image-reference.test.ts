import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { engineImageName } from '../../../electron/docker/images';
import { isBerthError } from '../../../shared/errors';
import { safeParseImageReference } from '../../../shared/image-reference';
import { fuzzSeed, InputCounter } from './fuzz-seed';
import { hostileString } from './hostile-strings';

const seed = fuzzSeed('image references');
const counter = new InputCounter('image references');
afterAll(() => {
  counter.report();
});

const known = [
  'berth-test/web:1.0',
  'localhost:5000/ctf/web:1.0',
  'docker.io/library/nginx:latest',
  'ghcr.io/org/team/app@sha256:' + 'a'.repeat(64),
  '[::1]:5000/x/y:z',
  'nginx',
];

const pieces = [
  '/',
  '..',
  '../',
  '/../',
  '%2f',
  '%2e%2e',
  '?',
  '#',
  '&',
  ' ',
  '\n',
  '\0',
  ':',
  '@',
  '@sha256:',
  '\\',
  'A',
  'ı',
  'ｗｅｂ',
  '\u202e',
  '$(id)',
  ';',
];

/** A known-good reference with a piece inserted or substituted somewhere. */
const nearReference: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom(...pieces), fc.boolean())
  .map(([text, at, piece, replace]) => {
    const position = at % (text.length + 1);
    return text.slice(0, position) + piece + text.slice(replace ? position + 1 : position);
  });

// What may appear in the path of an engine request built from a parsed reference.
const urlSafe = /^[A-Za-z0-9._\-:/@[\]]+$/;

describe('image references from hostile or damaged text', () => {
  it('parse into names safe to put in an engine request path, or are refused as invalid input', () => {
    fc.assert(
      fc.property(fc.oneof(nearReference, hostileString, fc.string({ maxLength: 300 })), (text) => {
        counter.add();
        const result = safeParseImageReference(text);
        if (!result.ok) {
          expect(result.error.kind).toBe('invalid-input');
          return;
        }
        const name = engineImageName(text);
        expect(name).toMatch(urlSafe);
        expect(name.split('/')).not.toContain('..');
        expect(safeParseImageReference(result.reference.familiar)).toEqual(result);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('leave an engine name only for text that parses or is an image id', () => {
    fc.assert(
      fc.property(fc.oneof(nearReference, hostileString), (text) => {
        counter.add();
        let name: string | null = null;
        let refusal: unknown = null;
        try {
          name = engineImageName(text);
        } catch (error) {
          refusal = error;
        }
        if (name === null) expect(isBerthError(refusal, 'invalid-input')).toBe(true);
        else expect(name).toMatch(urlSafe);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
