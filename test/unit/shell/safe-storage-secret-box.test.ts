import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SafeStorage } from '../../../electron/shell/safe-storage-secret-box';
import { createSafeStorageSecretBox } from '../../../electron/shell/safe-storage-secret-box';

/** A safeStorage stand-in with a reversible cipher, so sealed text differs from the secret. */
function fakeSafeStorage(backend: string, available = true): SafeStorage & { available: boolean } {
  const mask = 0x5a;
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString(plain) {
      if (!this.available) throw new Error('Encryption is not available.');
      return Buffer.from(Buffer.from(`v11${plain}`, 'utf8').map((byte) => byte ^ mask));
    },
    decryptString(encrypted) {
      if (!this.available) throw new Error('Decryption is not available.');
      const text = Buffer.from(encrypted.map((byte) => byte ^ mask)).toString('utf8');
      if (!text.startsWith('v11')) throw new Error('Error while decrypting the ciphertext');
      return text.slice(3);
    },
    getSelectedStorageBackend: () => backend,
  };
}

const secret = 'flag-secret: 3f9c1e…ü';

describe("Berth's safeStorage secret box", () => {
  it('round-trips secrets sealed by the system keychain, never storing them in clear', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux');

    const sealed = box.seal(secret);
    expect(box.kind).toBe('safe-storage');
    expect(sealed).not.toContain('flag-secret');
    expect(Buffer.from(sealed.split(':').at(-1) ?? '', 'base64').toString()).not.toContain(
      'flag-secret',
    );
    expect(box.open(sealed)).toBe(secret);
  });

  it("reports 'plain-text' on Linux's basic_text backend, so Settings can say so", () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('basic_text'), 'linux');

    expect(box.kind).toBe('plain-text');
    expect(box.open(box.seal(secret))).toBe(secret);
  });

  it("reports 'plain-text' when the platform offers no encryption at all", () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('unknown', false), 'darwin');

    expect(box.kind).toBe('plain-text');
    expect(box.open(box.seal(secret))).toBe(secret);
  });

  it("reports 'safe-storage' on macOS and Windows whenever encryption is available", () => {
    expect(createSafeStorageSecretBox(fakeSafeStorage('unknown'), 'darwin').kind).toBe(
      'safe-storage',
    );
    expect(createSafeStorageSecretBox(fakeSafeStorage('unknown'), 'win32').kind).toBe(
      'safe-storage',
    );
  });

  it('opens secrets saved without a keychain once a keychain is available', () => {
    const before = createSafeStorageSecretBox(fakeSafeStorage('basic_text'), 'linux');
    const after = createSafeStorageSecretBox(fakeSafeStorage('kwallet5'), 'linux');

    expect(after.open(before.seal(secret))).toBe(secret);
  });

  it('says a keychain-sealed secret is locked, as a storage error, when the keychain is gone', () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const box = createSafeStorageSecretBox(storage, 'linux');
    const sealed = box.seal(secret);

    storage.available = false;
    expect(() => box.open(sealed)).toThrow(/keychain/);
    expect(() => box.open(sealed)).toThrow(expect.objectContaining({ kind: 'storage' }));
  });

  it('refuses a sealed value it does not recognise, as a storage error', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux');

    expect(() => box.open('key-file:v1:abc')).toThrow(expect.objectContaining({ kind: 'storage' }));
    expect(() => box.open('safe-storage:v1:AAAA')).toThrow(
      expect.objectContaining({ kind: 'storage' }),
    );
  });

  it('round-trips any string with either kind', () => {
    const boxes = [
      createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux'),
      createSafeStorageSecretBox(fakeSafeStorage('basic_text'), 'linux'),
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const box of boxes) expect(box.open(box.seal(text))).toBe(text);
      }),
    );
  });
});
