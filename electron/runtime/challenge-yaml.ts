// ctfcli's challenge.yml in and out, with Berth's own settings under `x-berth` and unknown keys kept.
import { isMap, LineCounter, parseDocument, stringify } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { challengeInputSchema } from '../../shared/challenge';
import type { ChallengeSpec } from '../../shared/challenge';
import { BerthError } from '../../shared/errors';

export const berthKey = 'x-berth';

/** Keys of challenge.yml that map onto Berth's own fields; everything else is kept in `extra`. */
const mappedKeys = new Set([
  'name',
  'category',
  'description',
  'value',
  'image',
  'connection_info',
  berthKey,
]);

/** Berth's settings that live under `x-berth`. */
const berthFields = [
  'ports',
  'env',
  'command',
  'flag',
  'limits',
  'readOnlyRootfs',
  'lifetimeSeconds',
  'extensionSeconds',
  'maxExtensions',
] as const;

type Issue = z.core.$ZodIssue;

function locate(doc: Document, counter: LineCounter, path: (string | number)[]): string {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return ` (line ${counter.linePos(node.range[0]).line})`;
  }
  return '';
}

function yamlPathFor(fieldPath: PropertyKey[]): (string | number)[] {
  const [head, ...rest] = fieldPath.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (head === undefined) return [];
  if (head === 'connectionInfo') return ['connection_info', ...rest];
  if ((berthFields as readonly (string | number)[]).includes(head))
    return [berthKey, head, ...rest];
  return [head, ...rest];
}

function describeIssue(issue: Issue, doc: Document, counter: LineCounter): BerthError {
  const yamlPath = yamlPathFor(issue.path);
  const field = yamlPath.join('.') || 'file';
  // A bad record key (an environment name, say) says why in its inner issue.
  const text =
    issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return new BerthError('invalid-input', `${field}: ${text}${locate(doc, counter, yamlPath)}`, {
    field,
  });
}

function staticFlagText(flag: unknown): string | null {
  if (typeof flag === 'string') return flag === '' ? null : flag;
  if (!flag || typeof flag !== 'object') return null;
  const { type, content } = flag as { type?: unknown; content?: unknown };
  const isStatic = type === undefined || type === 'static';
  return isStatic && typeof content === 'string' && content !== '' ? content : null;
}

function staticFlagFrom(flags: unknown): string | null {
  if (!Array.isArray(flags)) return null;
  for (const flag of flags as unknown[]) {
    const text = staticFlagText(flag);
    if (text !== null) return text;
  }
  return null;
}

// ctfcli's flag list with its first static flag set to Berth's, so an export never carries a stale one.
function flagsWith(flags: unknown, value: string): unknown[] {
  if (!Array.isArray(flags)) return [value];
  const list = [...(flags as unknown[])];
  const at = list.findIndex((flag) => staticFlagText(flag) !== null);
  if (at === -1) return [value, ...list];
  const entry = list[at];
  list[at] = typeof entry === 'string' ? value : { ...(entry as object), content: value };
  return list;
}

// yaml refuses a document whose aliases expand past the limit (a "billion laughs" file) by throwing.
function documentData(doc: Document): Record<string, unknown> {
  try {
    return doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
  } catch (error) {
    throw new BerthError(
      'invalid-input',
      'challenge.yml repeats its anchors (aliases) too often to be read safely',
      { field: 'file', engineMessage: error instanceof Error ? error.message : String(error) },
    );
  }
}

/** Parses challenge.yml text into a validated challenge; a bad file names the field and its line. */
export function importChallengeYaml(text: string): ChallengeSpec {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line;
    throw new BerthError(
      'invalid-input',
      `challenge.yml is not valid YAML${line ? ` (line ${line})` : ''}: ${syntaxError.code}`,
      {
        field: 'file',
      },
    );
  }
  if (!isMap(doc.contents)) {
    throw new BerthError(
      'invalid-input',
      'challenge.yml must be a mapping of keys such as name, category and image',
      {
        field: 'file',
      },
    );
  }

  const data = documentData(doc);
  const berth: unknown = data[berthKey] ?? {};
  if (typeof berth !== 'object' || berth === null || Array.isArray(berth)) {
    throw new BerthError(
      'invalid-input',
      `${berthKey}: must be a mapping${locate(doc, counter, [berthKey])}`,
      {
        field: berthKey,
      },
    );
  }

  const extra = Object.fromEntries(Object.entries(data).filter(([key]) => !mappedKeys.has(key)));
  const candidate: Record<string, unknown> = {
    name: data.name,
    category: data.category ?? '',
    description: data.description ?? '',
    value: data.value ?? 0,
    image: data.image,
    connectionInfo: data.connection_info ?? '',
    ...(berth as Record<string, unknown>),
    extra,
  };
  if (!('flag' in berth)) {
    const staticFlag = staticFlagFrom(data.flags);
    if (staticFlag !== null) candidate.flag = { mode: 'static', value: staticFlag };
  }
  const parsed = challengeInputSchema.safeParse(candidate);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw issue
      ? describeIssue(issue, doc, counter)
      : new BerthError('invalid-input', 'challenge.yml is not valid');
  }
  const { flag } = parsed.data;
  // A flag list that says no more than Berth's static flag is Berth's own, written again on export.
  const flags = parsed.data.extra.flags;
  if (
    flag.mode === 'static' &&
    Array.isArray(flags) &&
    flags.length === 1 &&
    flags[0] === flag.value
  ) {
    const { flags: _own, ...rest } = parsed.data.extra;
    return { ...parsed.data, extra: rest };
  }
  return parsed.data;
}

/** Writes a challenge as challenge.yml: ctfcli's keys, the kept unknown keys, and `x-berth`. */
export function exportChallengeYaml(challenge: ChallengeSpec): string {
  const { extra } = challenge;
  const out: Record<string, unknown> = {
    name: challenge.name,
    category: challenge.category,
    description: challenge.description,
    value: challenge.value,
    image: challenge.image,
    ...(challenge.connectionInfo ? { connection_info: challenge.connectionInfo } : {}),
    ...extra,
  };
  if (challenge.flag.mode === 'static') out.flags = flagsWith(extra.flags, challenge.flag.value);
  out[berthKey] = Object.fromEntries(berthFields.map((field) => [field, challenge[field]]));
  return stringify(out, { lineWidth: 0 });
}
