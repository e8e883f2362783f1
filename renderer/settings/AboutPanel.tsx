// What this Berth is, where it keeps its data, and how it protects the secrets it holds.
import type { ReactElement } from 'react';
import type { SecretBoxKindView } from '../../shared/secret-kind';
import type { AppInfo } from '../../shared/views';

const protection: Record<SecretBoxKindView, { title: string; text: string; warn: boolean }> = {
  'safe-storage': {
    title: 'Encrypted by the operating system',
    text: 'TLS and SSH keys are encrypted with a key held by the system keychain of the account running Berth.',
    warn: false,
  },
  'key-file': {
    title: 'Encrypted with a key file',
    text: 'TLS and SSH keys are encrypted with a key kept in a file inside the data folder. Anyone who can read that folder can read the keys.',
    warn: true,
  },
  'plain-text': {
    title: 'Not encrypted: secrets are stored in plain text',
    text: 'TLS and SSH keys are saved as plain text in the data folder. Anyone who can read that folder can read the keys. Protect the folder, or run Berth where the system keychain is available.',
    warn: true,
  },
};

/** Version, mode, data folder and secret protection, plainly worded. */
export function AboutPanel({ info }: { info: AppInfo }): ReactElement {
  const secrets = protection[info.secretStorage];
  return (
    <section className="panel" aria-labelledby="about-berth">
      <h2 id="about-berth" className="form-section">
        This installation
      </h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.version}</dd>
        <dt>Running as</dt>
        <dd>{info.mode === 'desktop' ? 'Desktop window' : 'Browser mode (served by Berth)'}</dd>
        <dt>Data folder</dt>
        <dd className="mono break">{info.dataDir}</dd>
      </dl>
      <div
        className={`secret-protection ${secrets.warn ? 'warn' : 'good'}`}
        role={info.secretStorage === 'plain-text' ? 'alert' : undefined}
        data-testid="secret-storage"
        data-kind={info.secretStorage}
      >
        <strong>{secrets.title}</strong>
        <p>{secrets.text}</p>
      </div>
    </section>
  );
}
