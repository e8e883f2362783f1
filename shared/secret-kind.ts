// How secrets are protected at rest, as the Settings screen explains it.
export type SecretBoxKindView = 'safe-storage' | 'key-file' | 'plain-text';
