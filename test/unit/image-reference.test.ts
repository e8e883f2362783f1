import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../shared/errors';
import {
  isImageId,
  parseImageReference,
  safeParseImageReference,
  sameImageReference,
} from '../../shared/image-reference';

const sha256 = `sha256:${'a1'.repeat(32)}`;
const sha512 = `sha512:${'0f'.repeat(64)}`;

// [what the operator types, canonical form, what docker shows]
const validReferences: [string, string, string][] = [
  ['nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
  ['nginx:1.25', 'docker.io/library/nginx:1.25', 'nginx:1.25'],
  ['library/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
  ['docker.io/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
  ['docker.io/library/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
  ['index.docker.io/library/nginx:1.25', 'docker.io/library/nginx:1.25', 'nginx:1.25'],
  ['index.docker.io/nginx', 'docker.io/library/nginx:latest', 'nginx:latest'],
  ['ctfd/ctfd:3.7', 'docker.io/ctfd/ctfd:3.7', 'ctfd/ctfd:3.7'],
  ['docker.io/library/a/b', 'docker.io/library/a/b:latest', 'library/a/b:latest'],
  ['docker.io/team.one/web', 'docker.io/team.one/web:latest', 'docker.io/team.one/web:latest'],
  ['docker.io/localhost/web', 'docker.io/localhost/web:latest', 'docker.io/localhost/web:latest'],
  ['localhost:5000/ctf/web:1.0', 'localhost:5000/ctf/web:1.0', 'localhost:5000/ctf/web:1.0'],
  ['localhost/web', 'localhost/web:latest', 'localhost/web:latest'],
  ['localhost', 'docker.io/library/localhost:latest', 'localhost:latest'],
  ['localhost:5000', 'docker.io/library/localhost:5000', 'localhost:5000'],
  ['registry:5000/a/b/c:tag', 'registry:5000/a/b/c:tag', 'registry:5000/a/b/c:tag'],
  [
    'registry.example.com/t/c',
    'registry.example.com/t/c:latest',
    'registry.example.com/t/c:latest',
  ],
  ['Registry.Example.com/x', 'Registry.Example.com/x:latest', 'Registry.Example.com/x:latest'],
  ['[::1]:5000/x', '[::1]:5000/x:latest', '[::1]:5000/x:latest'],
  ['[fe80::1]/x:v2', '[fe80::1]/x:v2', '[fe80::1]/x:v2'],
  ['10.0.0.5:443/pwn/heap', '10.0.0.5:443/pwn/heap:latest', '10.0.0.5:443/pwn/heap:latest'],
  [`ghcr.io/org/app@${sha256}`, `ghcr.io/org/app@${sha256}`, `ghcr.io/org/app@${sha256}`],
  [`nginx:1.25@${sha256}`, `docker.io/library/nginx:1.25@${sha256}`, `nginx:1.25@${sha256}`],
  [`nginx@${sha512}`, `docker.io/library/nginx@${sha512}`, `nginx@${sha512}`],
  ['x/a_b.c__d-e---f', 'docker.io/x/a_b.c__d-e---f:latest', 'x/a_b.c__d-e---f:latest'],
  ['web:_private', 'docker.io/library/web:_private', 'web:_private'],
  ['web:V1.0-RC_2', 'docker.io/library/web:V1.0-RC_2', 'web:V1.0-RC_2'],
  [`web:${'t'.repeat(128)}`, `docker.io/library/web:${'t'.repeat(128)}`, `web:${'t'.repeat(128)}`],
];

const invalidReferences: { text: string; says: RegExp }[] = [
  { text: '', says: /empty/ },
  { text: ' nginx', says: /whitespace/ },
  { text: 'nginx ', says: /whitespace/ },
  { text: 'ng inx', says: /whitespace/ },
  { text: 'nginx\t:1', says: /whitespace/ },
  { text: 'UPPER/case', says: /"UPPER\/case" must be lowercase/ },
  { text: 'Nginx', says: /must be lowercase/ },
  { text: 'ghcr.io/Org/app', says: /"Org\/app" must be lowercase/ },
  { text: 'a//b', says: /empty part/ },
  { text: '/nginx', says: /cannot start with "\/"/ },
  { text: 'nginx/', says: /cannot end with "\/"/ },
  { text: 'ghcr.io/', says: /cannot end with "\/"/ },
  { text: 'a:', says: /":" but no tag/ },
  { text: 'localhost:5000/a:', says: /":" but no tag/ },
  { text: ':latest', says: /no image name/ },
  { text: 'nginx@', says: /"@" but no digest/ },
  { text: `@${sha256}`, says: /no image name/ },
  { text: 'nginx@sha256', says: /algorithm:hex/ },
  { text: 'nginx@sha256:abc', says: /exactly 64 lowercase hex/ },
  { text: `nginx@sha256:${'A1'.repeat(32)}`, says: /exactly 64 lowercase hex/ },
  { text: `nginx@md5:${'a'.repeat(32)}`, says: /"md5" is not supported/ },
  { text: `nginx@${sha256}@${sha256}`, says: /more than one "@"/ },
  { text: 'nginx:-dash', says: /tag "-dash" is not valid/ },
  { text: 'nginx:.dot', says: /tag ".dot" is not valid/ },
  { text: 'nginx:a+b', says: /tag "a\+b" is not valid/ },
  { text: `nginx:${'t'.repeat(129)}`, says: /longer than 128/ },
  { text: 'a-/b', says: /part "a-" is not valid/ },
  { text: '-a/b', says: /part "-a" is not valid/ },
  { text: 'a..b', says: /part "a..b" is not valid/ },
  { text: 'a___b', says: /part "a___b" is not valid/ },
  { text: 'my_registry.com/x', says: /registry "my_registry.com" is not a valid host/ },
  { text: '-bad.example.com/x', says: /not a valid host/ },
  { text: 'example..com/x', says: /not a valid host/ },
  { text: 'localhost:port/x', says: /port .* from 1 to 65535/ },
  { text: 'localhost:70000/x', says: /port .* from 1 to 65535/ },
  { text: '[::1/x', says: /not a valid host/ },
  { text: '[zz::1]:5000/x', says: /not a valid host/ },
  { text: 'a'.repeat(64), says: /64-digit image id/ },
  { text: `${'a'.repeat(250)}/b`, says: /longer than 255/ },
];

describe('image references an operator types', () => {
  it.each(validReferences)('accepts %s as %s, shown as %s', (text, canonical, familiar) => {
    const parsed = parseImageReference(text);
    expect(parsed.canonical).toBe(canonical);
    expect(parsed.familiar).toBe(familiar);
    const suffix =
      (parsed.tag === null ? '' : `:${parsed.tag}`) +
      (parsed.digest === null ? '' : `@${parsed.digest}`);
    expect(`${parsed.registry}/${parsed.repository}${suffix}`).toBe(canonical);
  });

  it('splits a reference into registry, repository, tag and digest', () => {
    expect(parseImageReference('localhost:5000/ctf/web:1.0')).toEqual({
      registry: 'localhost:5000',
      repository: 'ctf/web',
      tag: '1.0',
      digest: null,
      canonical: 'localhost:5000/ctf/web:1.0',
      familiar: 'localhost:5000/ctf/web:1.0',
    });
    expect(parseImageReference(`ghcr.io/org/app@${sha256}`)).toMatchObject({
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: null,
      digest: sha256,
    });
    expect(parseImageReference('nginx')).toMatchObject({
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: 'latest',
      digest: null,
    });
  });

  it.each(invalidReferences)(
    'rejects $text with a message saying what is wrong',
    ({ text, says }) => {
      expect(() => parseImageReference(text)).toThrow(says);
      expect(() => parseImageReference(text)).toThrow(BerthError);
    },
  );

  it('reports a bad reference as invalid input on the image field', () => {
    expect(() => parseImageReference('a//b')).toThrow(
      expect.objectContaining({ kind: 'invalid-input', field: 'image' }),
    );
  });

  it('shows the name docker would show for the canonical form', () => {
    expect(parseImageReference('docker.io/library/nginx:1.25').canonical).toBe(
      'docker.io/library/nginx:1.25',
    );
    expect(parseImageReference('index.docker.io/library/nginx:1.25').familiar).toBe('nginx:1.25');
  });

  it('shortens a very long reference in the message', () => {
    expect(() => parseImageReference(`${'x'.repeat(300)} `)).toThrow(/^[^]{0,150}$/);
  });
});

describe('image ids', () => {
  it.each([
    [sha256, true],
    ['a1b2c3d4e5f6', true],
    ['a'.repeat(64), true],
    ['a1b2c3d4e5f', false],
    ['a'.repeat(65), false],
    ['A1B2C3D4E5F6', false],
    ['sha256:abc', false],
    ['nginx', false],
    ['', false],
  ])('recognises %s as an image id: %s', (text, expected) => {
    expect(isImageId(text)).toBe(expected);
  });
});

describe('comparing references', () => {
  it('treats the short and the full name of one image as the same image', () => {
    expect(sameImageReference('nginx', 'docker.io/library/nginx:latest')).toBe(true);
    expect(sameImageReference('index.docker.io/nginx', parseImageReference('library/nginx'))).toBe(
      true,
    );
  });

  it('tells apart different tags, registries and digests', () => {
    expect(sameImageReference('nginx', 'nginx:1.25')).toBe(false);
    expect(sameImageReference('localhost:5000/ctf/web:1.0', 'ctf/web:1.0')).toBe(false);
    expect(sameImageReference(`nginx@${sha256}`, `nginx:1.25@${sha256}`)).toBe(false);
  });

  it('matches nothing when a reference does not parse', () => {
    expect(sameImageReference('a//b', 'a//b')).toBe(false);
    expect(sameImageReference('nginx', 'Nginx')).toBe(false);
  });
});

const lowerAlnum = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const separator = fc.constantFrom('.', '_', '__', '-', '--');
const pathComponent = fc
  .tuple(lowerAlnum, fc.array(fc.tuple(separator, lowerAlnum), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(''));
const registry = fc.oneof(
  fc.constant(''),
  fc.constantFrom('docker.io/', 'index.docker.io/', 'localhost/', 'localhost:5000/', '[::1]:5000/'),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,5}[a-z0-9]$/), fc.constantFrom('.io', '.com:443'))
    .map(([host, rest]) => `${host}${rest}/`),
);
const tag = fc.option(fc.stringMatching(/^\w[\w.-]{0,20}$/), { nil: undefined });
const digest = fc.option(
  fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`),
  { nil: undefined },
);
const validReference = fc
  .tuple(registry, fc.array(pathComponent, { minLength: 1, maxLength: 3 }), tag, digest)
  // Without a registry, a first part with a dot is read as a host, as docker reads it.
  .filter(([host, path]) => host !== '' || !(path[0] ?? '').includes('.'))
  .filter(([, path]) => !/^[a-f0-9]{64}$/.test(path.join('/')))
  .map(
    ([host, path, maybeTag, maybeDigest]) =>
      host +
      path.join('/') +
      (maybeTag === undefined ? '' : `:${maybeTag}`) +
      (maybeDigest === undefined ? '' : `@${maybeDigest}`),
  );

describe('reference parsing, for any input', () => {
  it('parses its own canonical and familiar forms back to the same reference', () => {
    fc.assert(
      fc.property(validReference, (text) => {
        const parsed = parseImageReference(text);
        expect(parseImageReference(parsed.canonical)).toEqual(parsed);
        expect(parseImageReference(parsed.familiar)).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but a BerthError', () => {
    const referenceLike = fc.stringMatching(/^[a-zA-Z0-9:/@._\-[\] ]{0,40}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), referenceLike, validReference), (text) => {
        // safeParse rethrows anything that is not a BerthError, so it returning is the property.
        const result = safeParseImageReference(text);
        expect(result.ok || result.error.kind === 'invalid-input').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns the error as a value when asked to', () => {
    const result = safeParseImageReference('a:');
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.message).toMatch(/":" but no tag/);
  });
});
