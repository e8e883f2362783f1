// How the operator looks at the instances: filter, sort, selection and the keyboard cursor.
import { create } from 'zustand';
import type { InstanceFilter, InstanceSort, SortKey } from './instance-selectors';
import { nextSort, noFilter } from './instance-selectors';

interface InstancesViewState {
  filter: InstanceFilter;
  sort: InstanceSort;
  selected: ReadonlySet<string>;
  /** The row the keyboard acts on. */
  activeId: string | null;
  setFilter: (patch: Partial<InstanceFilter>) => void;
  sortBy: (key: SortKey) => void;
  toggle: (id: string) => void;
  selectOnly: (ids: readonly string[]) => void;
  clearSelection: () => void;
  setActive: (id: string | null) => void;
}

/** The Instances screen view: filter, sort, selection and cursor. */
export const useInstancesView = create<InstancesViewState>()((set) => ({
  filter: noFilter,
  sort: { key: 'team', direction: 'asc' },
  selected: new Set(),
  activeId: null,

  setFilter(patch) {
    set((state) => ({ filter: { ...state.filter, ...patch } }));
  },

  sortBy(key) {
    set((state) => ({ sort: nextSort(state.sort, key) }));
  },

  toggle(id) {
    set((state) => {
      const selected = new Set(state.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected };
    });
  },

  selectOnly(ids) {
    set({ selected: new Set(ids) });
  },

  clearSelection() {
    set({ selected: new Set() });
  },

  setActive(activeId) {
    set({ activeId });
  },
}));
