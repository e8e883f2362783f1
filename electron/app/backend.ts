// The composition root's contract: what the Electron shell and browser mode both start.
import type { ApiTransport } from '../../shared/rpc';
import type { SecretBox } from '../store/secret-box';

export interface BackendOptions {
  /** Folder holding the database and secrets. */
  dataDir: string;
  secretBox: SecretBox;
}

export interface Backend {
  api: ApiTransport;
  /** Stops the reaper and monitors and closes the database; running instances keep running. */
  close(): Promise<void>;
}
