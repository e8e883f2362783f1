// Secrets sealed with AES-256-GCM under a key kept in a file of the data directory (mode 0600).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../shared/errors';
import { componentLogger } from '../logger';
import type { SecretBox } from './secret-box';

export { plainTextSecretBox } from './secret-box';

const log = componentLogger('store');

const keyFileName = 'secret.key';
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const version = 'v1:';
/** Binds every sealed string to its purpose, so a ciphertext from another AES-GCM use does not open. */
const associatedData = Buffer.from('berth-secret-v1', 'utf8');

function createKeyFile(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw keyFileError(path, 'cannot be created', error);
  }
  try {
    writeSync(fd, randomBytes(keyBytes));
  } finally {
    closeSync(fd);
  }
}

function keyFileError(path: string, what: string, cause: unknown): BerthError {
  return new BerthError('storage', `Berth's key file ${path} ${what}`, {
    engineMessage: cause instanceof Error ? cause.message : String(cause),
    cause,
  });
}

/**
 * A key readable by group or others is tightened to 0600 (and the fact logged) rather than refused:
 * refusing would not undo any earlier exposure, and would leave the operator without their secrets.
 */
function tightenMode(path: string): void {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(path, 0o600);
  } catch (error) {
    throw keyFileError(
      path,
      `is readable by other users (mode ${mode.toString(8)}) and Berth cannot change that; run chmod 600 on it`,
      error,
    );
  }
  log.warn({ path, mode: mode.toString(8) }, 'key file was readable by other users; set to 0600');
}

function readKey(path: string): Buffer {
  let key: Buffer;
  try {
    key = readFileSync(path);
  } catch (error) {
    throw keyFileError(path, 'cannot be read', error);
  }
  if (key.length !== keyBytes) {
    throw new BerthError(
      'storage',
      `Berth's key file ${path} is damaged (it holds ${key.length} bytes, not ${keyBytes}); restore it from a backup`,
    );
  }
  return key;
}

function unreadable(reason: string): BerthError {
  return new BerthError(
    'storage',
    'A stored secret cannot be opened: it was changed, or sealed with another key file',
    { engineMessage: reason },
  );
}

/** Opens (creating on first use) `<dataDir>/secret.key` and seals strings as 'v1:' + base64(iv|tag|ciphertext). */
export function openKeyFileSecretBox(dataDir: string): SecretBox {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, keyFileName);
  createKeyFile(path);
  tightenMode(path);
  const key = readKey(path);

  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return version + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(version)) throw unreadable('Unknown sealed-string version');
      const raw = Buffer.from(sealed.slice(version.length), 'base64');
      if (raw.length < ivBytes + tagBytes) throw unreadable('Sealed string too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes));
      decipher.setAAD(associatedData);
      decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
      try {
        const plain = Buffer.concat([
          decipher.update(raw.subarray(ivBytes + tagBytes)),
          decipher.final(),
        ]);
        return plain.toString('utf8');
      } catch (error) {
        throw unreadable(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
