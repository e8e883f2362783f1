// How secrets (TLS keys, passphrases, the flag secret) are sealed at rest.

export type SecretBoxKind = 'safe-storage' | 'key-file' | 'plain-text';

/** Seals and opens secret strings; `kind` tells the operator how well they are protected. */
export interface SecretBox {
  readonly kind: SecretBoxKind;
  seal(plain: string): string;
  open(sealed: string): string;
}
