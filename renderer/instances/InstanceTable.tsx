// The virtualised instances table: only the rows in view exist in the page, so thousands stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { InstanceView } from '../../shared/views';
import type { InstanceSort, SortKey } from './instance-selectors';
import type { InstanceAction } from './instances-store';
import type { RowAction } from './InstanceRow';
import { InstanceRow } from './InstanceRow';

interface InstanceTableProps {
  rows: readonly InstanceView[];
  sort: InstanceSort;
  selected: ReadonlySet<string>;
  activeId: string | null;
  busy: Readonly<Record<string, InstanceAction>>;
  onSort: (key: SortKey) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onAction: (action: RowAction, id: string) => void;
  onActivate: (id: string) => void;
}

const rowHeight = 44;
const extraLinkHeight = 20;
const headerHeight = 36;

const columns: { label: string; key: SortKey | null }[] = [
  { label: 'Team', key: 'team' },
  { label: 'Challenge', key: 'challenge' },
  { label: 'Host', key: 'host' },
  { label: 'Connection', key: null },
  { label: 'Status', key: 'status' },
  { label: 'Usage', key: 'cpu' },
  { label: 'Time left', key: 'timeLeft' },
  { label: 'Flag', key: null },
  { label: 'Actions', key: null },
];

function heightOf(view: InstanceView | undefined): number {
  const links = Math.min(3, Math.max(1, view?.connection.length ?? 1));
  return rowHeight + (links - 1) * extraLinkHeight;
}

/** Rows with sortable headers and a select-all box; scrolls the active row into view. */
export function InstanceTable({
  rows,
  sort,
  selected,
  activeId,
  busy,
  onSort,
  onToggle,
  onToggleAll,
  onAction,
  onActivate,
}: InstanceTableProps): ReactElement {
  const scroller = useRef<HTMLDivElement>(null);
  // New functions would make the virtualiser re-measure every row on each scroll frame.
  const getScrollElement = useCallback(() => scroller.current, []);
  const estimateSize = useCallback((index: number) => heightOf(rows[index]), [rows]);
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser's own memoisation is what keeps 5,000 rows cheap
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 8,
    scrollMargin: headerHeight,
  });

  const activeIndex = useMemo(
    () => (activeId === null ? -1 : rows.findIndex((row) => row.id === activeId)),
    [rows, activeId],
  );
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const allSelected = useMemo(
    () => rows.length > 0 && rows.every((row) => selected.has(row.id)),
    [rows, selected],
  );

  return (
    <div
      ref={scroller}
      className="grid-scroll"
      role="table"
      aria-label="Instances"
      aria-rowcount={rows.length + 1}
      data-testid="instance-table"
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header">
        <div role="columnheader" className="cell check">
          <input
            type="checkbox"
            aria-label="Select all shown instances"
            checked={allSelected}
            onChange={onToggleAll}
          />
        </div>
        {columns.map((column) => {
          const sorted = column.key !== null && sort.key === column.key;
          return (
            <div
              key={column.label}
              role="columnheader"
              className="cell"
              aria-sort={
                sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
              }
            >
              {column.key === null ? (
                column.label
              ) : (
                <button
                  type="button"
                  className="sort"
                  aria-label={`Sort by ${column.label}`}
                  onClick={() => {
                    if (column.key) onSort(column.key);
                  }}
                >
                  {column.label}
                  <span className="sort-mark" aria-hidden="true">
                    {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              )}
            </div>
          );
        })}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const view = rows[item.index];
          if (!view) return null;
          return (
            <InstanceRow
              key={view.id}
              view={view}
              position={item.index + 1}
              top={item.start - headerHeight}
              height={item.size}
              selected={selected.has(view.id)}
              active={view.id === activeId}
              busy={busy[view.id]}
              onToggle={onToggle}
              onAction={onAction}
              onActivate={onActivate}
            />
          );
        })}
      </div>
    </div>
  );
}
