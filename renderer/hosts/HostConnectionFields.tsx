// The fields of a host's connection, which depend on its kind (socket, TCP, TLS, SSH).
import type { ReactElement } from 'react';
import { TextAreaField } from '../components/TextAreaField';
import { TextField } from '../components/TextField';
import type { FieldErrors } from '../lib/field-errors';
import type { HostFormValues } from './host-form';

interface HostConnectionFieldsProps {
  values: HostFormValues;
  errors: FieldErrors;
  /** Editing a saved host: blank secret fields keep the saved secret. */
  editing: boolean;
  onChange: <K extends keyof HostFormValues>(key: K, value: HostFormValues[K]) => void;
}

/** Address, port, certificates or keys, as the connection kind needs. */
export function HostConnectionFields({
  values,
  errors,
  editing,
  onChange: change,
}: HostConnectionFieldsProps): ReactElement {
  const remote = values.kind === 'tcp' || values.kind === 'tls' || values.kind === 'ssh';
  const keepHint = editing ? 'Leave blank to keep the saved one' : undefined;

  return (
    <>
      {values.kind === 'socket' ? (
        <TextField
          name="connection.socketPath"
          label="Socket path"
          value={values.socketPath}
          onChange={(v) => {
            change('socketPath', v);
          }}
          error={errors['connection.socketPath']}
          wide
        />
      ) : null}
      {remote ? (
        <>
          <TextField
            name="connection.host"
            label="Address"
            value={values.host}
            onChange={(v) => {
              change('host', v);
            }}
            error={errors['connection.host']}
            placeholder="10.0.0.5"
          />
          <TextField
            name="connection.port"
            label="Port"
            value={values.port}
            onChange={(v) => {
              change('port', v);
            }}
            error={errors['connection.port']}
            inputMode="numeric"
            placeholder={values.kind === 'ssh' ? '22' : values.kind === 'tls' ? '2376' : '2375'}
          />
        </>
      ) : null}
      {values.kind === 'tls' ? (
        <>
          <TextField
            name="connection.certPath"
            label="Certificate folder"
            value={values.certPath}
            onChange={(v) => {
              change('certPath', v);
            }}
            error={errors['connection.certPath']}
            hint="A folder with ca.pem, cert.pem and key.pem, like DOCKER_CERT_PATH; or paste the PEM text below"
            wide
          />
          <TextAreaField
            name="connection.ca"
            label="CA certificate (PEM)"
            value={values.ca}
            onChange={(v) => {
              change('ca', v);
            }}
            error={errors['connection.ca']}
          />
          <TextAreaField
            name="connection.cert"
            label="Client certificate (PEM)"
            value={values.cert}
            onChange={(v) => {
              change('cert', v);
            }}
            error={errors['connection.cert']}
          />
          <TextAreaField
            name="connection.key"
            label="Client key (PEM)"
            value={values.key}
            onChange={(v) => {
              change('key', v);
            }}
            error={errors['connection.key']}
            hint={keepHint}
          />
          <TextField
            name="connection.servername"
            label="Certificate name"
            value={values.servername}
            onChange={(v) => {
              change('servername', v);
            }}
            hint="Only when the server certificate names another host than the address"
          />
        </>
      ) : null}
      {values.kind === 'ssh' ? (
        <>
          <TextField
            name="connection.username"
            label="User"
            value={values.username}
            onChange={(v) => {
              change('username', v);
            }}
            error={errors['connection.username']}
          />
          <TextAreaField
            name="connection.privateKey"
            label="Private key (PEM)"
            value={values.privateKey}
            onChange={(v) => {
              change('privateKey', v);
            }}
            error={errors['connection.privateKey']}
            hint={keepHint}
          />
        </>
      ) : null}
      {values.kind === 'tls' || values.kind === 'ssh' ? (
        <TextField
          name="connection.passphrase"
          label="Key passphrase"
          type="password"
          value={values.passphrase}
          onChange={(v) => {
            change('passphrase', v);
          }}
          hint={keepHint}
        />
      ) : null}
    </>
  );
}
