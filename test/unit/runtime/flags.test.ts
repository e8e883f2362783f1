import { describe, expect, it } from 'vitest';
import { flagSettingsSchema } from '../../../shared/challenge';
import { deriveFlag, hashFlag } from '../../../electron/runtime/flags';

const secret = Buffer.alloc(32, 7);
const dynamic = flagSettingsSchema.parse({});

describe('per-team flags', () => {
  it('fill the template with the requested number of hex characters', () => {
    const flag = deriveFlag(secret, dynamic, 'challenge-1', 'team-1');
    expect(flag).toMatch(/^flag\{[0-9a-f]{16}\}$/);
  });

  it('are stable for a team and differ between teams and challenges', () => {
    const a = deriveFlag(secret, dynamic, 'challenge-1', 'team-1');
    expect(deriveFlag(secret, dynamic, 'challenge-1', 'team-1')).toBe(a);
    expect(deriveFlag(secret, dynamic, 'challenge-1', 'team-2')).not.toBe(a);
    expect(deriveFlag(secret, dynamic, 'challenge-2', 'team-1')).not.toBe(a);
    expect(deriveFlag(Buffer.alloc(32, 8), dynamic, 'challenge-1', 'team-1')).not.toBe(a);
  });

  it('are not confused by ids that run together', () => {
    expect(deriveFlag(secret, dynamic, 'ab', 'c')).not.toBe(deriveFlag(secret, dynamic, 'a', 'bc'));
  });

  it('support several placeholders and other lengths', () => {
    const settings = flagSettingsSchema.parse({ template: 'CTF{{hmac:8}_{hmac:32}}' });
    expect(deriveFlag(secret, settings, 'c', 't')).toMatch(/^CTF\{[0-9a-f]{8}_[0-9a-f]{32}\}$/);
  });

  it('refuse a length past the digest', () => {
    const settings = flagSettingsSchema.parse({ template: 'flag{{hmac:65}}' });
    expect(() => deriveFlag(secret, settings, 'c', 't')).toThrow(/from 1 to 64/);
  });

  it('give every team the static value when the challenge has one', () => {
    const settings = flagSettingsSchema.parse({ mode: 'static', value: 'flag{same}' });
    expect(deriveFlag(secret, settings, 'c', 't1')).toBe('flag{same}');
  });

  it('are stored only as a SHA-256 hash', () => {
    expect(hashFlag('flag{x}')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashFlag('flag{x}')).not.toContain('flag');
  });
});
