// Per-team flags: derived with HMAC from the panel's secret, so they are reproducible and never stored.
import { createHash, createHmac } from 'node:crypto';
import { BerthError } from '../../shared/errors';
import type { FlagSettings } from '../../shared/challenge';

const hmacPlaceholder = /\{hmac:(\d+)\}/g;
const maxHmacLength = 64;

/** The flag a team gets for a challenge: the static value, or the template with {hmac:N} filled in. */
export function deriveFlag(
  secret: Buffer,
  flag: FlagSettings,
  challengeId: string,
  teamId: string,
): string {
  if (flag.mode === 'static') return flag.value;

  const digest = createHmac('sha256', secret)
    .update(`berth-flag\0${challengeId}\0${teamId}`)
    .digest('hex');
  return flag.template.replace(hmacPlaceholder, (_match, length: string) => {
    const size = Number(length);
    if (size < 1 || size > maxHmacLength) {
      throw new BerthError(
        'invalid-input',
        `A flag's {hmac:N} takes N from 1 to ${maxHmacLength}`,
        {
          field: 'flag.template',
        },
      );
    }
    return digest.slice(0, size);
  });
}

/** SHA-256 of a flag: what the database and the audit log keep instead of the flag. */
export function hashFlag(flag: string): string {
  return createHash('sha256').update(flag, 'utf8').digest('hex');
}
