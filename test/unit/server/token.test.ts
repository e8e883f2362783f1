import { describe, expect, it } from 'vitest';
import { resolveToken, sessionValue, tokensMatch } from '../../../electron/server/token';

describe('the browser-mode token', () => {
  it('is 32 random bytes in base64url, new at each start', () => {
    const first = resolveToken({});
    const second = resolveToken({});

    expect(first.source).toBe('random');
    expect(first.token).toMatch(/^[\w-]{43}$/);
    expect(second.token).not.toBe(first.token);
  });

  it('comes from BERTH_TOKEN when it is set and not blank', () => {
    expect(resolveToken({ BERTH_TOKEN: ' from-env ' })).toEqual({
      token: 'from-env',
      source: 'env',
    });
    expect(resolveToken({ BERTH_TOKEN: '   ' }).source).toBe('random');
  });

  it('matches only the exact same text, whatever the lengths', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abc', 'abd')).toBe(false);
    expect(tokensMatch('abc', 'abcd')).toBe(false);
    expect(tokensMatch('abc', '')).toBe(false);
  });

  it('gives a session cookie value that is not the token and differs per token', () => {
    expect(sessionValue('one')).not.toContain('one');
    expect(sessionValue('one')).not.toBe(sessionValue('two'));
    expect(sessionValue('one')).toBe(sessionValue('one'));
  });
});
