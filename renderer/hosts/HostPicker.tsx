// Choosing a host by name, with "automatic" or "default" as the first choice.
import type { ReactElement } from 'react';
import { useEffect, useId } from 'react';
import { useHosts } from './hosts-store';

interface HostPickerProps {
  value: string;
  onChange: (hostId: string) => void;
  /** The label of the empty choice: "Default host", "Any host (automatic)". */
  emptyLabel: string;
  label?: string;
}

/** A select of the known hosts; loads them when nobody has yet. */
export function HostPicker({
  value,
  onChange,
  emptyLabel,
  label = 'Host',
}: HostPickerProps): ReactElement {
  const id = useId();
  const hosts = useHosts((state) => state.hosts);
  const refresh = useHosts((state) => state.refresh);

  useEffect(() => {
    if (hosts.status === 'idle') void refresh();
  }, [hosts.status, refresh]);

  return (
    <div className="inline-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">{emptyLabel}</option>
        {(hosts.data ?? []).map((host) => (
          <option key={host.id} value={host.id}>
            {host.name}
          </option>
        ))}
      </select>
    </div>
  );
}
