// The Hosts screen: every engine Berth drives, with add, edit, test and remove.
import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import type { HostView } from '../../shared/views';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { plural } from '../lib/format';
import { HostCard } from './HostCard';
import { HostFormDialog } from './HostFormDialog';
import { useHosts } from './hosts-store';

type Editing = { host: HostView | null } | null;

/** Hosts as cards; the form opens in a dialog. */
export function HostsScreen(): ReactElement {
  const hosts = useHosts((state) => state.hosts);
  const refresh = useHosts((state) => state.refresh);
  const remove = useHosts((state) => state.remove);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<HostView | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title="Hosts"
        subtitle={hosts.data ? plural(hosts.data.length, 'Docker engine') : 'Docker engines'}
      >
        <button type="button" onClick={() => void refresh()}>
          Refresh
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing({ host: null });
          }}
        >
          Add host
        </button>
      </ScreenHeader>

      <LoadView
        state={hosts}
        what="hosts"
        isEmpty={(list) => list.length === 0}
        onRetry={() => void refresh()}
        empty={
          <>
            <strong>No hosts yet</strong>
            <p>
              Berth uses this machine's engine until you add one. Add a host to run instances on it.
            </p>
          </>
        }
      >
        {(list) => (
          <div className="card-grid">
            {list.map((host) => (
              <HostCard
                key={host.id}
                host={host}
                onEdit={() => {
                  setEditing({ host });
                }}
                onRemove={() => {
                  setRemoving(host);
                }}
              />
            ))}
          </div>
        )}
      </LoadView>

      {editing ? (
        <HostFormDialog
          host={editing.host}
          onClose={() => {
            setEditing(null);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          message="Berth forgets this host and its connection settings."
          items={[`${removing.name} (${plural(removing.liveInstances, 'live instance')})`]}
          confirmLabel="Remove host"
          onCancel={() => {
            setRemoving(null);
          }}
          onConfirm={() => {
            void remove(removing.id);
            setRemoving(null);
          }}
        />
      ) : null}
    </section>
  );
}
