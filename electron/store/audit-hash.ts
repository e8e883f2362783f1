// The audit hash chain: how an entry's content is serialised and hashed onto the one before it.
import { createHash } from 'node:crypto';
import { BerthError } from '../../shared/errors';

/** The prev_hash of the first entry. */
export const genesisHash = '0'.repeat(64);

/** What the hash covers: every column of an entry except its id and its own hash. */
export interface ChainedContent {
  time: number;
  actor: string;
  action: string;
  hostId: string | null;
  target: string;
  outcome: string;
  message: string;
  engineMessage: string;
  /** The details as stored: canonical JSON text (see canonicalJson). */
  details: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** JSON with object keys sorted at every depth, so equal details always serialise the same way. */
export function canonicalJson(value: Record<string, unknown>): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) =>
      isPlainObject(item)
        ? Object.fromEntries(
            Object.keys(item)
              .sort()
              .map((key) => [key, item[key]]),
          )
        : item,
    );
  } catch (error) {
    throw new BerthError('invalid-input', 'Audit details must be plain JSON data', {
      field: 'details',
      engineMessage: error instanceof Error ? error.message : String(error),
    });
  }
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as SQLite will store it: UTF-8 cannot carry a lone surrogate, so it becomes U+FFFD.
 * Hashing the text in this form is what lets a stored entry verify against its hash.
 */
export function storedText(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD');
}

/**
 * SHA-256 (lower-case hex) of the UTF-8 preimage
 *   prevHash + "\n" + JSON.stringify([time, actor, action, hostId, target, outcome, message,
 *                                      engineMessage, details])
 * where time is the integer milliseconds, hostId is a string or null, and details is the canonical
 * JSON text stored in the row (a string inside the array, so it is escaped once more).
 */
export function chainHash(prevHash: string, content: ChainedContent): string {
  const body = JSON.stringify([
    content.time,
    content.actor,
    content.action,
    content.hostId,
    content.target,
    content.outcome,
    content.message,
    content.engineMessage,
    content.details,
  ]);
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}
