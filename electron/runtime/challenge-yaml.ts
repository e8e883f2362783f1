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
  return new BerthError(
    'invalid-input',
    `${field}: ${issue.message}${locate(doc, counter, yamlPath)}`,
    { field },
  );
}

function staticFlagFrom(flags: unknown): string | null {
  if (!Array.isArray(flags)) return null;
  for (const flag of flags as unknown[]) {
    if (typeof flag === 'string' && flag !== '') return flag;
    if (flag && typeof flag === 'object') {
      const { type, content } = flag as { type?: unknown; content?: unknown };
      if (
        (type === undefined || type === 'static') &&
        typeof content === 'string' &&
        content !== ''
      )
        return content;
    }
  }
  return null;
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

  const data = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
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
  if (challenge.flag.mode === 'static' && !('flags' in extra)) out.flags = [challenge.flag.value];
  out[berthKey] = Object.fromEntries(berthFields.map((field) => [field, challenge[field]]));
  return stringify(out, { lineWidth: 0 });
}
