// The composition root's contract: what the Electron shell and browser mode both start.
import type { Api } from '../api/create-api';
import type { SecretBox } from '../store/secret-box';

export interface BackendOptions {
  /** Folder holding the database and secrets. */
  dataDir: string;
  secretBox: SecretBox;
}

export interface Backend {
  /** The handler table behind both transports; `invokeAs` names the caller for the audit log. */
  api: Api;
  /** Stops the reaper and monitors and closes the database; running instances keep running. */
  close(): Promise<void>;
}
