// How secrets (TLS keys, passphrases, the flag secret) are sealed at rest.
import { BerthError } from '../../shared/errors';

export type SecretBoxKind = 'safe-storage' | 'key-file' | 'plain-text';

/** Seals and opens secret strings; `kind` tells the operator how well they are protected. */
export interface SecretBox {
  readonly kind: SecretBoxKind;
  seal(plain: string): string;
  open(sealed: string): string;
}

const plainPrefix = 'plain:';

/** A SecretBox that protects nothing: for tests and for platforms with no keychain, where the UI says so. */
export const plainTextSecretBox: SecretBox = {
  kind: 'plain-text',
  seal: (plain) => `${plainPrefix}${plain}`,
  open: (sealed) => {
    if (!sealed.startsWith(plainPrefix)) {
      throw new BerthError('storage', 'A stored secret was not written by this secret store', {
        engineMessage: 'Sealed text lacks the plain: prefix',
      });
    }
    return sealed.slice(plainPrefix.length);
  },
};
