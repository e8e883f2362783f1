// The Audit screen: every action Berth took, filtered and paged, exportable, with its chain checked.
import type { ReactElement } from 'react';
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../shared/audit';
import { LoadView } from '../components/LoadView';
import { ScreenHeader } from '../components/ScreenHeader';
import { useHosts } from '../hosts/hosts-store';
import { plural } from '../lib/format';
import { AuditDetailsDialog } from './AuditDetailsDialog';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { auditPageSize, useAudit } from './audit-store';
import { ChainStatus } from './ChainStatus';

/** Filters, chain status, the page of entries and the pager. */
export function AuditScreen(): ReactElement {
  const page = useAudit((state) => state.page);
  const offset = useAudit((state) => state.offset);
  const newEntries = useAudit((state) => state.newEntries);
  const { goTo, refresh, exportAs } = useAudit.getState();
  const hosts = useHosts((state) => state.hosts.data);
  const [details, setDetails] = useState<AuditEntry | null>(null);

  useEffect(() => {
    void useAudit.getState().refresh();
    void useAudit.getState().verify();
  }, []);

  const hostName = useCallback(
    (hostId: string | null) =>
      hostId === null ? '—' : (hosts?.find((h) => h.id === hostId)?.name ?? hostId),
    [hosts],
  );

  const total = page.data?.total ?? 0;
  const totalText = `${total.toLocaleString('en')}${page.data?.totalIsExact === false ? '+' : ''}`;
  const shownTo = offset + (page.data?.entries.length ?? 0);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenHeader
        title="Audit"
        subtitle={
          page.data
            ? `${totalText} ${total === 1 ? 'entry' : 'entries'}`
            : 'Every action Berth took'
        }
      >
        <button type="button" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
      </ScreenHeader>
      <ChainStatus />
      <AuditFilters />
      {newEntries > 0 ? (
        <button type="button" className="banner-button" onClick={() => void goTo(0)}>
          {plural(newEntries, 'new entry', 'new entries')} — show the newest
        </button>
      ) : null}

      <LoadView
        state={page}
        what="the audit log"
        isEmpty={(data) => data.entries.length === 0}
        onRetry={() => void refresh()}
        empty={
          <>
            <strong>No entries</strong>
            <p>Nothing matches these filters.</p>
          </>
        }
      >
        {(data) => (
          <>
            <AuditTable entries={data.entries} hostName={hostName} onDetails={setDetails} />
            <nav className="pager" aria-label="Audit pages">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => void goTo(Math.max(0, offset - auditPageSize))}
              >
                Previous page
              </button>
              <span data-testid="audit-range">
                {offset + 1}–{shownTo} of {totalText}
              </span>
              <button
                type="button"
                disabled={!data.hasMore}
                onClick={() => void goTo(offset + auditPageSize)}
              >
                Next page
              </button>
            </nav>
          </>
        )}
      </LoadView>

      {details ? (
        <AuditDetailsDialog
          entry={details}
          onClose={() => {
            setDetails(null);
          }}
        />
      ) : null}
    </section>
  );
}
