// The browser-mode access token: where it comes from, how it is compared, and the cookie it becomes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AccessToken {
  token: string;
  /** 'env' when BERTH_TOKEN set it, 'random' when made for this start. */
  source: 'env' | 'random';
}

/** BERTH_TOKEN when set and not blank, otherwise 32 fresh random bytes in base64url. */
export function resolveToken(env: NodeJS.ProcessEnv): AccessToken {
  const fromEnv = env.BERTH_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env' };
  return { token: randomBytes(32).toString('base64url'), source: 'random' };
}

// Hashing first gives equal-length buffers, so neither the content nor the length leaks by timing.
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** True when `given` equals `expected`, compared in constant time. */
export function tokensMatch(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

/** The session cookie's value for a token: derived from it, so the cookie is not the token itself. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('berth-browser-session-v1').digest('base64url');
}
