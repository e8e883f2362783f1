// Docker image references (the distribution/reference grammar), parsed and normalised the way
// the Docker CLI does, so Berth compares and shows images exactly as an operator would type them.

import { BerthError } from './errors';

/** A parsed image reference; `canonical` is the normalised form used for comparisons. */
export interface ImageReference {
  /** Registry host, with its port when one is given; 'docker.io' by default. */
  registry: string;
  /** Repository path; 'library/nginx' for official images on docker.io. */
  repository: string;
  /** 'latest' when neither a tag nor a digest is given; null when only a digest is given. */
  tag: string | null;
  digest: string | null;
  /** 'docker.io/library/nginx:latest'; with a digest 'docker.io/library/nginx@sha256:...'. */
  canonical: string;
  /** What docker shows: 'nginx:latest', 'localhost:5000/ctf/web:1.0'. */
  familiar: string;
}

const defaultRegistry = 'docker.io';
const legacyDefaultRegistry = 'index.docker.io';
const officialPrefix = 'library/';
const defaultTag = 'latest';
const maxNameLength = 255;
const maxTagLength = 128;

const pathComponentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^\w[\w.-]*$/;
const domainComponentPattern = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const ipv6HostPattern = /^\[[a-fA-F0-9:]+\]$/;
const portPattern = /^[0-9]+$/;
const digestAlgorithmPattern = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*$/;
const fullIdPattern = /^[a-f0-9]{64}$/;
const imageIdPattern = /^(?:sha256:[a-f0-9]{64}|[a-f0-9]{12,64})$/;

// The digest algorithms Docker accepts, with the length of their lowercase hex encoding.
const digestHexLengths: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** Parses an image reference, or throws an invalid-input BerthError saying what is wrong. */
export function parseImageReference(text: string): ImageReference {
  if (typeof text !== 'string' || text === '') fail('The image reference is empty.');
  if (/\s/.test(text)) fail(`The image reference ${quote(text)} contains whitespace.`);

  const { nameAndTag, digest } = splitDigest(text);
  const { name, tag } = splitTag(nameAndTag, text);
  const { registry, remainder } = splitRegistry(checkSlashes(name, text));

  checkRegistry(registry);
  checkRepository(remainder, text);
  const repository =
    registry === defaultRegistry && !remainder.includes('/')
      ? officialPrefix + remainder
      : remainder;
  if (registry.length + 1 + repository.length > maxNameLength) {
    fail(`The image name in ${quote(text)} is longer than ${maxNameLength} characters.`);
  }

  const effectiveTag = tag ?? (digest === null ? defaultTag : null);
  const suffix =
    (effectiveTag === null ? '' : `:${effectiveTag}`) + (digest === null ? '' : `@${digest}`);
  return {
    registry,
    repository,
    tag: effectiveTag,
    digest,
    canonical: `${registry}/${repository}${suffix}`,
    familiar: familiarName(registry, repository) + suffix,
  };
}

/** True for a full image id ('sha256:' and 64 hex digits) or a 12 to 64 hex digit id prefix. */
export function isImageId(text: string): boolean {
  return imageIdPattern.test(text);
}

/** Parses like parseImageReference but returns the BerthError instead of throwing it. */
export function safeParseImageReference(
  text: string,
): { ok: true; reference: ImageReference } | { ok: false; error: BerthError } {
  try {
    return { ok: true, reference: parseImageReference(text) };
  } catch (error) {
    if (error instanceof BerthError) return { ok: false, error };
    throw error;
  }
}

/** True when both name the same image in canonical form; one that fails to parse matches none. */
export function sameImageReference(
  a: string | ImageReference,
  b: string | ImageReference,
): boolean {
  const left = canonicalOrNull(a);
  return left !== null && left === canonicalOrNull(b);
}

function canonicalOrNull(reference: string | ImageReference): string | null {
  if (typeof reference !== 'string') return reference.canonical;
  const result = safeParseImageReference(reference);
  return result.ok ? result.reference.canonical : null;
}

function splitDigest(text: string): { nameAndTag: string; digest: string | null } {
  const at = text.indexOf('@');
  if (at === -1) return { nameAndTag: text, digest: null };

  const digest = text.slice(at + 1);
  if (digest === '') fail(`The image reference ${quote(text)} has "@" but no digest after it.`);
  if (digest.includes('@')) fail(`The image reference ${quote(text)} has more than one "@".`);
  checkDigest(digest);
  return { nameAndTag: text.slice(0, at), digest };
}

function checkDigest(digest: string): void {
  const colon = digest.indexOf(':');
  const algorithm = colon === -1 ? '' : digest.slice(0, colon);
  const hex = colon === -1 ? '' : digest.slice(colon + 1);
  if (!digestAlgorithmPattern.test(algorithm) || hex === '') {
    fail(
      `The digest ${quote(digest)} is not of the form algorithm:hex, like sha256:<64 hex digits>.`,
    );
  }

  const length = digestHexLengths.get(algorithm);
  if (length === undefined) {
    fail(
      `The digest algorithm ${quote(algorithm)} is not supported; use sha256, sha384 or sha512.`,
    );
  }
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    fail(`The ${algorithm} digest must be exactly ${length} lowercase hex digits.`);
  }
}

function splitTag(nameAndTag: string, text: string): { name: string; tag: string | null } {
  const colon = nameAndTag.lastIndexOf(':');
  // A colon before the last slash belongs to the registry port, not to a tag.
  if (colon === -1 || colon < nameAndTag.lastIndexOf('/')) return { name: nameAndTag, tag: null };

  const tag = nameAndTag.slice(colon + 1);
  if (tag === '') fail(`The image reference ${quote(text)} has ":" but no tag after it.`);
  if (tag.length > maxTagLength) fail(`The tag is longer than ${maxTagLength} characters.`);
  if (!tagPattern.test(tag)) {
    fail(
      `The tag ${quote(tag)} is not valid: use letters, digits, "_", "." and "-", ` +
        'starting with a letter, digit or "_".',
    );
  }
  return { name: nameAndTag.slice(0, colon), tag };
}

function checkSlashes(name: string, text: string): string {
  if (name === '') fail(`The image reference ${quote(text)} has no image name.`);
  if (name.startsWith('/')) fail(`The image name in ${quote(text)} cannot start with "/".`);
  if (name.endsWith('/')) fail(`The image name in ${quote(text)} cannot end with "/".`);
  if (name.includes('//')) fail(`The image name in ${quote(text)} has an empty part ("//").`);
  return name;
}

function splitRegistry(name: string): { registry: string; remainder: string } {
  const slash = name.indexOf('/');
  const first = name.slice(0, slash);
  const isRegistry =
    slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!isRegistry) return { registry: defaultRegistry, remainder: name };

  const registry = first === legacyDefaultRegistry ? defaultRegistry : first;
  return { registry, remainder: name.slice(slash + 1) };
}

function checkRegistry(registry: string): void {
  const portColon = registry.startsWith('[')
    ? registry.indexOf(':', registry.indexOf(']'))
    : registry.indexOf(':');
  const host = portColon === -1 ? registry : registry.slice(0, portColon);
  const port = portColon === -1 ? null : registry.slice(portColon + 1);

  const hostIsValid = host.startsWith('[')
    ? ipv6HostPattern.test(host)
    : host.split('.').every((part) => domainComponentPattern.test(part));
  if (!hostIsValid) fail(`The registry ${quote(registry)} is not a valid host name.`);

  if (port !== null && (!portPattern.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    fail(`The registry port in ${quote(registry)} must be a number from 1 to 65535.`);
  }
}

function checkRepository(remainder: string, text: string): void {
  if (remainder !== remainder.toLowerCase()) {
    fail(`The repository name ${quote(remainder)} must be lowercase.`);
  }
  // Docker refuses these so that a full image id is never mistaken for a name.
  if (fullIdPattern.test(remainder)) {
    fail(`The image reference ${quote(text)} is a 64-digit image id, not a repository name.`);
  }

  for (const component of remainder.split('/')) {
    if (!pathComponentPattern.test(component)) {
      fail(
        `The repository name part ${quote(component)} is not valid: use lowercase letters and ` +
          'digits, separated by ".", "_", "__" or "-".',
      );
    }
  }
}

function familiarName(registry: string, repository: string): string {
  if (registry !== defaultRegistry) return `${registry}/${repository}`;

  const official = repository.slice(officialPrefix.length);
  if (repository.startsWith(officialPrefix) && !official.includes('/')) return official;
  // Keep the registry when dropping it would make the first part read as a host: docker.io/a.b/c.
  const first = repository.slice(0, repository.indexOf('/'));
  return first.includes('.') || first === 'localhost' ? `${registry}/${repository}` : repository;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function fail(message: string): never {
  throw new BerthError('invalid-input', message, { field: 'image' });
}
