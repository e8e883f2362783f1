// The Instances screen: the live table of every team's containers, with filters and actions.
import type { ReactElement } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useNavigation } from '../app/navigation-store';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { plural } from '../lib/format';
import { BulkBar } from './BulkBar';
import type { ConfirmedAction } from './confirm-text';
import { confirmationText, needsConfirmation } from './confirm-text';
import { FlagDialog } from './FlagDialog';
import { InstanceFilters } from './InstanceFilters';
import type { RowAction } from './InstanceRow';
import { ownerOf } from './InstanceRow';
import { InstanceTable } from './InstanceTable';
import { visibleInstances } from './instance-selectors';
import type { InstanceAction } from './instances-store';
import { useInstances } from './instances-store';
import { useInstancesView } from './instances-view-store';
import { LaunchDialog } from './LaunchDialog';
import { ProbeDialog } from './ProbeDialog';
import { useInstanceShortcuts } from './use-instance-shortcuts';

interface Confirming {
  action: ConfirmedAction;
  ids: string[];
}

/** The table, its toolbar, the selection bar and the dialogs the actions open. */
export function InstancesScreen(): ReactElement {
  const { instances, busy, bulk, shownFlagId } = useInstances(
    useShallow((state) => ({
      instances: state.instances,
      busy: state.busy,
      bulk: state.bulk,
      shownFlagId: state.shownFlagId,
    })),
  );
  const { filter, sort, selected, activeId } = useInstancesView(
    useShallow((state) => ({
      filter: state.filter,
      sort: state.sort,
      selected: state.selected,
      activeId: state.activeId,
    })),
  );
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [probing, setProbing] = useState<string | null>(null);
  const [launching, setLaunching] = useState(false);

  const rows = useMemo(
    () => visibleInstances(instances.data ?? {}, filter, sort),
    [instances.data, filter, sort],
  );
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  useEffect(() => {
    void useInstances.getState().refresh();
  }, []);

  const onAction = useCallback((action: RowAction, id: string) => {
    if (action === 'logs') {
      useNavigation.getState().go('logs', id);
    } else if (action === 'probe') {
      setProbing(id);
      void useInstances.getState().probe(id);
    } else if (needsConfirmation(action)) {
      setConfirming({ action, ids: [id] });
    } else {
      void useInstances.getState().act(action, id);
    }
  }, []);

  const onBulk = useCallback((action: InstanceAction) => {
    const ids = [...useInstancesView.getState().selected];
    if (needsConfirmation(action)) setConfirming({ action, ids });
    else void useInstances.getState().actOnMany(action, ids);
  }, []);

  const onLaunch = useCallback(() => {
    setLaunching(true);
  }, []);

  useInstanceShortcuts({ rows: () => rowsRef.current, onAction, onLaunch });

  const view = useInstancesView.getState();
  const total = Object.keys(instances.data ?? {}).length;
  const confirmViews = confirming
    ? confirming.ids.flatMap((id) => {
        const found = instances.data?.[id];
        return found ? [found] : [];
      })
    : [];
  const probeView = probing === null ? undefined : instances.data?.[probing];
  const flagView = shownFlagId === null ? undefined : instances.data?.[shownFlagId];

  return (
    <section className="screen fill" aria-labelledby="screen-title">
      <ScreenHeader
        title="Instances"
        subtitle={
          instances.data ? (
            <span data-testid="instance-count">
              {rows.length === total
                ? plural(total, 'instance')
                : `${rows.length.toLocaleString('en')} of ${plural(total, 'instance')}`}
            </span>
          ) : (
            'Every team’s containers'
          )
        }
      >
        <button type="button" onClick={() => void useInstances.getState().refresh()}>
          Refresh
        </button>
        <button type="button" className="primary" onClick={onLaunch}>
          Launch
        </button>
      </ScreenHeader>
      <InstanceFilters />
      <BulkBar count={selected.size} bulk={bulk} onAction={onBulk} onClear={view.clearSelection} />

      <LoadView
        state={instances}
        what="instances"
        isEmpty={(data) => Object.keys(data).length === 0}
        onRetry={() => void useInstances.getState().refresh()}
        empty={
          <>
            <strong>No instances running</strong>
            <p>Launch a challenge for a team here, or for every team from the Teams screen.</p>
          </>
        }
      >
        {() =>
          rows.length === 0 ? (
            <div className="state empty" data-testid="no-match">
              No instance matches these filters.
            </div>
          ) : (
            <InstanceTable
              rows={rows}
              sort={sort}
              selected={selected}
              activeId={activeId}
              busy={busy}
              onSort={view.sortBy}
              onToggle={view.toggle}
              onToggleAll={() => {
                const allShown = rows.every((row) => selected.has(row.id));
                view.selectOnly(allShown ? [] : rows.map((row) => row.id));
              }}
              onAction={onAction}
              onActivate={view.setActive}
            />
          )
        }
      </LoadView>

      {confirming && confirmViews.length > 0 ? (
        <ConfirmDialog
          {...confirmationText(confirming.action, confirmViews)}
          onCancel={() => {
            setConfirming(null);
          }}
          onConfirm={() => {
            const { action, ids } = confirming;
            setConfirming(null);
            if (ids.length === 1 && ids[0] !== undefined) {
              void useInstances.getState().act(action, ids[0]);
            } else {
              view.clearSelection();
              void useInstances.getState().actOnMany(action, ids);
            }
          }}
        />
      ) : null}
      {probing !== null ? (
        <ProbeDialog
          id={probing}
          owner={probeView ? ownerOf(probeView) : 'the instance'}
          onClose={() => {
            useInstances.getState().closeProbe(probing);
            setProbing(null);
          }}
        />
      ) : null}
      {shownFlagId !== null ? (
        <FlagDialog id={shownFlagId} owner={flagView ? ownerOf(flagView) : 'the instance'} />
      ) : null}
      {launching ? (
        <LaunchDialog
          onClose={() => {
            setLaunching(false);
          }}
        />
      ) : null}
    </section>
  );
}
