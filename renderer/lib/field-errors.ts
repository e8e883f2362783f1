// Validation messages keyed by field path ("limits.memory", "ports.0.port"), to show next to fields.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** The path of a field as forms name it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

const defaultMessage = /^(Too small|Too big|Invalid input|Invalid option):/;

/** Zod's own wording ("Too small: expected number to be >=1") in an operator's words. */
export function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (!defaultMessage.test(issue.message)) return issue.message;
  const strict = 'inclusive' in issue && issue.inclusive === false;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? 'This is needed'
          : `Use at least ${issue.minimum} characters`;
      }
      return strict ? `Use more than ${issue.minimum}` : `Use ${issue.minimum} or more`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${issue.maximum} characters`;
      return strict ? `Use less than ${issue.maximum}` : `Use ${issue.maximum} or less`;
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'Use a whole number'
        : issue.expected === 'number'
          ? 'Write a number'
          : 'This is needed';
    case 'invalid_value':
      return 'Choose one of the offered values';
    default:
      return issue.message;
  }
}

/** The first message for each field of a failed parse. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = fieldPath(issue.path);
    errors[key] ??= friendlyMessage(issue);
  }
  return errors;
}

/** Parses `value` with the schema: the parsed value, or the messages per field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

/** A form's text for a number: a number, undefined when blank, or NaN for anything else. */
export function numberField(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A server's invalid-input error as a message beside its field, when it names one. */
export function serverFieldErrors(
  info: { kind: string; message: string; field?: string },
  prefix = '',
): FieldErrors | null {
  if (info.kind !== 'invalid-input' || !info.field) return null;
  const field =
    prefix && info.field.startsWith(`${prefix}.`)
      ? info.field.slice(prefix.length + 1)
      : info.field;
  return { [field]: info.message };
}
