// Turns a zod failure into the one invalid-input error an operator can act on.
import type { z } from 'zod';
import { BerthError } from '../../shared/errors';

/** The dotted path of a zod issue, e.g. 'limits.memory' or 'ports.0.port'; '' for the input itself. */
export function issueField(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => String(part));
  // An unknown key is reported at its parent; naming the key itself tells the operator what to remove.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    path.push(issue.keys[0]);
  }
  return path.join('.');
}

/** What is wrong, in the schema's own words: a bad record key says why the key is bad. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  return issue.message;
}

/** An invalid-input BerthError naming the first field at fault and what is wrong with it. */
export function inputError(error: z.ZodError): BerthError {
  const issue = error.issues[0];
  if (issue === undefined) return new BerthError('invalid-input', 'The input is not valid');

  const field = issueField(issue);
  const text = issueMessage(issue);
  const message = field === '' ? `The input is not valid: ${text}` : `${field}: ${text}`;
  return new BerthError('invalid-input', message, field === '' ? {} : { field });
}
