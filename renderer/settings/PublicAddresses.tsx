// The public address of each host, which connection info shows to teams; port ranges live on Hosts.
import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import type { HostView } from '../../shared/views';
import { toErrorInfo } from '../api/api-error';
import { useNavigation } from '../app/navigation-store';
import { hostFormFrom, hostInputFrom } from '../hosts/host-form';
import { useHosts } from '../hosts/hosts-store';

function AddressRow({ host }: { host: HostView }): ReactElement {
  const [address, setAddress] = useState(host.publicAddress);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const update = useHosts((state) => state.update);

  async function save(): Promise<void> {
    const result = hostInputFrom({ ...hostFormFrom(host), publicAddress: address }, host.drained);
    if (!result.ok) {
      setError(result.errors.publicAddress ?? Object.values(result.errors)[0] ?? 'Not valid');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await update(host.id, result.input);
    } catch (failure) {
      setError(toErrorInfo(failure).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <tr>
      <th scope="row">{host.name}</th>
      <td>
        <input
          aria-label={`Public address of ${host.name}`}
          value={address}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setAddress(event.target.value);
          }}
        />
        {error ? (
          <p className="field-error" data-testid="field-error">
            {error}
          </p>
        ) : null}
      </td>
      <td className="mono muted">
        {host.portRange.start}–{host.portRange.end}
      </td>
      <td>
        <button
          type="button"
          disabled={saving || address === host.publicAddress}
          aria-label={`Save public address of ${host.name}`}
          onClick={() => void save()}
        >
          Save
        </button>
      </td>
    </tr>
  );
}

/** One row per host: its public address (editable) and its port range (edited on Hosts). */
export function PublicAddresses(): ReactElement {
  const hosts = useHosts((state) => state.hosts);
  const go = useNavigation((state) => state.go);

  useEffect(() => {
    void useHosts.getState().refresh();
  }, []);

  return (
    <section className="panel" aria-labelledby="public-addresses">
      <h2 id="public-addresses" className="form-section">
        Public addresses
      </h2>
      <p className="field-hint">
        Teams connect to a host&apos;s public address; connection info shows it. Port ranges are set
        per host on the{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => {
            go('hosts');
          }}
        >
          Hosts screen
        </button>
        .
      </p>
      {hosts.data && hosts.data.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Public address</th>
              <th scope="col">Ports</th>
              <th scope="col">
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hosts.data.map((host) => (
              <AddressRow key={`${host.id}:${host.publicAddress}`} host={host} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{hosts.status === 'loading' ? 'Loading hosts…' : 'No hosts added.'}</p>
      )}
    </section>
  );
}
