// Adding or editing a host: connection, addresses, port range and capacity, with a connection test.
import type { ReactElement } from 'react';
import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors';
import type { HostTestResult, HostView } from '../../shared/views';
import { api } from '../api/client';
import { toErrorInfo } from '../api/api-error';
import { CheckboxField } from '../components/CheckboxField';
import { Dialog } from '../components/Dialog';
import { ErrorState } from '../components/ErrorState';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import type { FieldErrors } from '../lib/field-errors';
import { serverFieldErrors } from '../lib/field-errors';
import { focusFirstInvalid } from '../lib/focus-invalid';
import type { ConnectionKind, HostFormValues } from './host-form';
import { emptyHostForm, hostFormFrom, hostInputFrom } from './host-form';
import { HostConnectionFields } from './HostConnectionFields';
import { HostTestLine } from './HostTestLine';
import { useHosts } from './hosts-store';

const kindOptions = [
  { value: 'local', label: 'This machine (DOCKER_HOST or the default socket)' },
  { value: 'socket', label: 'Unix socket' },
  { value: 'tcp', label: 'TCP, no encryption' },
  { value: 'tls', label: 'TCP with mutual TLS' },
  { value: 'ssh', label: 'SSH' },
];

type TestState = { status: 'idle' } | { status: 'testing' } | ({ status: 'done' } & HostTestResult);

/** The add/edit dialog; `host` set means editing that host. */
export function HostFormDialog({
  host,
  onClose,
}: {
  host: HostView | null;
  onClose: () => void;
}): ReactElement {
  const [values, setValues] = useState<HostFormValues>(() =>
    host ? hostFormFrom(host) : emptyHostForm(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const add = useHosts((state) => state.add);
  const update = useHosts((state) => state.update);

  function change<K extends keyof HostFormValues>(key: K, value: HostFormValues[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function checked(): ReturnType<typeof hostInputFrom> {
    const result = hostInputFrom(values, host?.drained ?? false);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) focusFirstInvalid(formRef.current);
    return result;
  }

  async function save(): Promise<void> {
    const result = checked();
    if (!result.ok) return;
    setSaving(true);
    setFailure(null);
    try {
      if (host) await update(host.id, result.input);
      else await add(result.input);
      onClose();
    } catch (error) {
      const info = toErrorInfo(error);
      const fieldErrors = serverFieldErrors(info, host ? 'host' : '');
      if (fieldErrors) {
        setErrors(fieldErrors);
        focusFirstInvalid(formRef.current);
      } else {
        setFailure(info);
      }
    } finally {
      setSaving(false);
    }
  }

  async function testConnection(): Promise<void> {
    const result = checked();
    if (!result.ok) return;
    setTest({ status: 'testing' });
    try {
      setTest({ status: 'done', ...(await api.call('hosts.test', { host: result.input })) });
    } catch (error) {
      setTest({
        status: 'done',
        ok: false,
        version: null,
        apiVersion: null,
        error: toErrorInfo(error),
      });
    }
  }

  return (
    <Dialog
      title={host ? `Edit ${host.name}` : 'Add a host'}
      onClose={onClose}
      testId="host-form"
      size="large"
      footer={
        <>
          <HostTestLine test={test} />
          <button type="button" onClick={() => void testConnection()}>
            Test connection
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Saving…' : host ? 'Save host' : 'Add host'}
          </button>
        </>
      }
    >
      <form
        ref={formRef}
        className="form-grid"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {failure ? <ErrorState title="The host was not saved" error={failure} compact /> : null}
        <TextField
          name="name"
          label="Name"
          value={values.name}
          onChange={(v) => {
            change('name', v);
          }}
          error={errors.name}
          placeholder="lab-1"
          autoFocus
        />
        <SelectField
          name="connection.kind"
          label="Connection"
          value={values.kind}
          options={kindOptions}
          onChange={(v) => {
            change('kind', v as ConnectionKind);
          }}
          error={errors['connection.kind']}
        />
        <HostConnectionFields
          values={values}
          errors={errors}
          editing={host !== null}
          onChange={change}
        />
        <TextField
          name="publicAddress"
          label="Public address"
          value={values.publicAddress}
          onChange={(v) => {
            change('publicAddress', v);
          }}
          error={errors.publicAddress}
          hint="What teams connect to; shown in connection info"
        />
        <TextField
          name="bindAddress"
          label="Bind address"
          value={values.bindAddress}
          onChange={(v) => {
            change('bindAddress', v);
          }}
          error={errors.bindAddress}
          hint="Where ports are published on the engine's machine"
        />
        <TextField
          name="portRange.start"
          label="First port"
          value={values.portStart}
          onChange={(v) => {
            change('portStart', v);
          }}
          error={errors['portRange.start']}
          inputMode="numeric"
        />
        <TextField
          name="portRange.end"
          label="Last port"
          value={values.portEnd}
          onChange={(v) => {
            change('portEnd', v);
          }}
          error={errors['portRange.end']}
          inputMode="numeric"
        />
        <TextField
          name="capacity"
          label="Capacity"
          value={values.capacity}
          onChange={(v) => {
            change('capacity', v);
          }}
          error={errors.capacity}
          inputMode="numeric"
          hint="Live instances this host takes at most"
        />
        <CheckboxField
          name="swarm"
          label="Swarm manager (run instances as services)"
          checked={values.swarm}
          onChange={(v) => {
            change('swarm', v);
          }}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </form>
    </Dialog>
  );
}
