// The Audit screen's state: the filter, the page shown, exports and the chain check.
import { create } from 'zustand';
import type { AuditEntry, AuditFilter, AuditPage, AuditVerification } from '../../shared/audit';
import { api } from '../api/client';
import { notifyError } from '../app/notices-store';
import { downloadText } from '../lib/download';
import type { Loadable } from '../lib/loadable';
import { failed, idle, loading, ready } from '../lib/loadable';

/** The filter as the form holds it; blank fields do not filter. */
export interface AuditFilterForm {
  action: string;
  outcome: '' | 'ok' | 'failed';
  hostId: string;
  target: string;
  /** datetime-local text, local time. */
  since: string;
  until: string;
}

/** No filter: every entry. */
export const emptyAuditFilter: AuditFilterForm = {
  action: '',
  outcome: '',
  hostId: '',
  target: '',
  since: '',
  until: '',
};

/** Entries on one page of the Audit screen. */
export const auditPageSize = 50;

/** The API filter for a form and a page. */
export function auditFilterOf(
  form: AuditFilterForm,
  offset: number,
  limit = auditPageSize,
): AuditFilter {
  const filter: AuditFilter = { offset, limit };
  if (form.action.trim()) filter.action = form.action.trim();
  if (form.outcome) filter.outcome = form.outcome;
  if (form.hostId) filter.hostId = form.hostId;
  if (form.target.trim()) filter.target = form.target.trim();
  const since = form.since ? new Date(form.since).getTime() : Number.NaN;
  const until = form.until ? new Date(form.until).getTime() : Number.NaN;
  if (Number.isFinite(since) && since >= 0) filter.since = since;
  if (Number.isFinite(until) && until >= 0) filter.until = until;
  return filter;
}

interface AuditState {
  form: AuditFilterForm;
  offset: number;
  page: Loadable<AuditPage>;
  verification: Loadable<AuditVerification>;
  /** Entries appended since the page loaded, when the page shows the newest entries. */
  newEntries: number;
  setForm: (patch: Partial<AuditFilterForm>) => void;
  resetForm: () => void;
  goTo: (offset: number) => Promise<void>;
  refresh: () => Promise<void>;
  verify: () => Promise<void>;
  exportAs: (format: 'csv' | 'json') => Promise<void>;
  receive: (entry: AuditEntry) => void;
}

/** The Audit screen: filter form, page, verification and exports. */
export const useAudit = create<AuditState>()((set, get) => ({
  form: emptyAuditFilter,
  offset: 0,
  page: idle(),
  verification: idle(),
  newEntries: 0,

  setForm(patch) {
    set((state) => ({ form: { ...state.form, ...patch } }));
  },

  resetForm() {
    set({ form: emptyAuditFilter });
    void get().goTo(0);
  },

  async goTo(offset) {
    set((state) => ({ offset, page: loading(state.page) }));
    try {
      const page = await api.call('audit.query', auditFilterOf(get().form, offset));
      if (get().offset === offset) set({ page: ready(page), newEntries: 0 });
    } catch (error) {
      set((state) => ({ page: failed(state.page, error) }));
    }
  },

  async refresh() {
    await get().goTo(get().offset);
  },

  async verify() {
    set((state) => ({ verification: loading(state.verification) }));
    try {
      set({ verification: ready(await api.call('audit.verify')) });
    } catch (error) {
      set((state) => ({ verification: failed(state.verification, error) }));
    }
  },

  async exportAs(format) {
    try {
      const { text, fileName } = await api.call('audit.export', {
        format,
        filter: auditFilterOf(get().form, 0, 1000),
      });
      downloadText(fileName, text, format === 'csv' ? 'text/csv' : 'application/json');
    } catch (error) {
      notifyError(`Could not export the audit log as ${format.toUpperCase()}`, error);
    }
  },

  receive() {
    set((state) => ({ newEntries: state.newEntries + 1 }));
  },
}));
