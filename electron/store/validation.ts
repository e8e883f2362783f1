// What the store accepts: schema checks that name the field at fault, and how names compare.
import type { z } from 'zod';
import { BerthError } from '../../shared/errors';

/**
 * Parses `value` with `schema`, or throws 'invalid-input' naming the first field at fault
 * (`field` prefixes the path, for a schema of one field).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  field = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...(issue?.path.map(String) ?? [])].filter((part) => part !== '');
  const message = issue?.message ?? 'The input is not valid';
  throw new BerthError(
    'invalid-input',
    message,
    path.length === 0 ? {} : { field: path.join('.') },
  );
}

/** The form two names are compared in: case-insensitive in any script, Unicode-normalised. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A JSON column read back; the store wrote it, so a parse failure is damage, reported as such. */
export function readJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BerthError('storage', `Berth's database holds unreadable data in ${column}`, {
      engineMessage: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The entries of a patch whose value is given: undefined means "leave as is". */
export function givenEntries(patch: object): [string, unknown][] {
  return Object.entries(patch as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
}
