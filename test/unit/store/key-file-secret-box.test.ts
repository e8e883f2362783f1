import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openKeyFileSecretBox,
  plainTextSecretBox,
} from '../../../electron/store/key-file-secret-box';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-keyfile-'));
  dirs.push(dir);
  return dir;
}

const unreadable: unknown = expect.objectContaining({
  kind: 'storage',
  message: 'A stored secret cannot be opened: it was changed, or sealed with another key file',
});

describe('the key-file secret box', () => {
  it('seals to a versioned string that opens to the original, unicode included', () => {
    const box = openKeyFileSecretBox(dataDir());
    const sealed = box.seal('passphrase with ünïcode 🔑');

    expect(box.kind).toBe('key-file');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('passphrase');
    expect(box.open(sealed)).toBe('passphrase with ünïcode 🔑');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('creates a 32-byte key readable by its owner only, and reuses it', () => {
    const dir = dataDir();
    const sealed = openKeyFileSecretBox(dir).seal('kept');
    const key = join(dir, 'secret.key');

    expect(readFileSync(key)).toHaveLength(32);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(openKeyFileSecretBox(dir).open(sealed)).toBe('kept');
  });

  it('tightens a key file that others could read to 0600', () => {
    const dir = dataDir();
    openKeyFileSecretBox(dir);
    chmodSync(join(dir, 'secret.key'), 0o644);
    openKeyFileSecretBox(dir);

    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file with a clear message', () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'secret.key'), 'short', { mode: 0o600 });

    expect(() => openKeyFileSecretBox(dir)).toThrow(
      expect.objectContaining({
        kind: 'storage',
        message: expect.stringMatching(/is damaged \(it holds 5 bytes, not 32\)/) as unknown,
      }),
    );
  });

  it('refuses a tampered sealed string', () => {
    const box = openKeyFileSecretBox(dataDir());
    const raw = Buffer.from(box.seal('secret').slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;

    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow(unreadable);
  });

  it('refuses a string sealed under another key, of another version, or too short', () => {
    const box = openKeyFileSecretBox(dataDir());
    const foreign = openKeyFileSecretBox(dataDir()).seal('secret');

    expect(() => box.open(foreign)).toThrow(unreadable);
    expect(() => box.open('v2:AAAA')).toThrow(unreadable);
    expect(() => box.open('v1:AAAA')).toThrow(unreadable);
  });
});

describe('the plain-text secret box', () => {
  it('says it protects nothing and round-trips what it is given', () => {
    expect(plainTextSecretBox.kind).toBe('plain-text');
    expect(plainTextSecretBox.open(plainTextSecretBox.seal('x'))).toBe('x');
    expect(() => plainTextSecretBox.open('v1:abc')).toThrow(
      expect.objectContaining({ kind: 'storage' }),
    );
  });
});
