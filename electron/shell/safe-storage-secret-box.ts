// Seals secrets with the operating system's keychain through Electron's safeStorage.
import { BerthError } from '../../shared/errors';
import type { SecretBox } from '../store/secret-box';

/** The parts of Electron's safeStorage the box uses. */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
}

const sealedPrefix = 'safe-storage:v1:';
const plainPrefix = 'plain-text:v1:';

/**
 * A SecretBox of kind 'safe-storage' when the system keychain protects the key, or 'plain-text'
 * when it cannot (no keychain, or Linux's basic_text backend whose key is public), so Settings
 * can say so. Either box opens what the other sealed while the keychain is reachable.
 * Call it after the app is ready: on Linux the backend is only known then.
 */
export function createSafeStorageSecretBox(
  safeStorage: SafeStorage,
  platform: NodeJS.Platform,
): SecretBox {
  const protectedByKeychain = isKeychainProtected(safeStorage, platform);

  return {
    kind: protectedByKeychain ? 'safe-storage' : 'plain-text',

    seal(plain) {
      if (!protectedByKeychain) return plainPrefix + Buffer.from(plain, 'utf8').toString('base64');
      return sealedPrefix + safeStorage.encryptString(plain).toString('base64');
    },

    open(sealed) {
      if (sealed.startsWith(plainPrefix)) {
        return Buffer.from(sealed.slice(plainPrefix.length), 'base64').toString('utf8');
      }
      if (!sealed.startsWith(sealedPrefix)) {
        throw new BerthError(
          'storage',
          'A saved secret is in a form Berth does not know; enter it again.',
        );
      }
      if (!safeStorage.isEncryptionAvailable()) {
        throw new BerthError(
          'storage',
          'A saved secret is locked in the system keychain, which is not available; unlock it and restart Berth, or enter the secret again.',
        );
      }
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(sealedPrefix.length), 'base64'));
      } catch (error) {
        throw new BerthError(
          'storage',
          'A saved secret could not be unlocked with this system keychain; enter it again.',
          { engineMessage: error instanceof Error ? error.message : String(error), cause: error },
        );
      }
    },
  };
}

function isKeychainProtected(safeStorage: SafeStorage, platform: NodeJS.Platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // Only Linux can fall back to a built-in key; elsewhere availability means the OS keychain.
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}
