// The audit filter form: action, outcome, host, target and a time window.
import type { ReactElement } from 'react';
import { useId } from 'react';
import { HostPicker } from '../hosts/HostPicker';
import { useAudit } from './audit-store';

/** Filter fields; Apply (or Enter) loads the first page that matches. */
export function AuditFilters(): ReactElement {
  const ids = {
    action: useId(),
    outcome: useId(),
    target: useId(),
    since: useId(),
    until: useId(),
  };
  const form = useAudit((state) => state.form);
  const { setForm, resetForm, goTo } = useAudit.getState();

  return (
    <form
      className="toolbar filters"
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        void goTo(0);
      }}
    >
      <div className="inline-field">
        <label htmlFor={ids.action}>Action</label>
        <input
          id={ids.action}
          value={form.action}
          placeholder="instance.launch"
          data-shortcut="search"
          onChange={(event) => {
            setForm({ action: event.target.value });
          }}
        />
      </div>
      <div className="inline-field">
        <label htmlFor={ids.outcome}>Outcome</label>
        <select
          id={ids.outcome}
          value={form.outcome}
          onChange={(event) => {
            const value = event.target.value;
            setForm({ outcome: value === 'ok' || value === 'failed' ? value : '' });
          }}
        >
          <option value="">Any</option>
          <option value="ok">ok</option>
          <option value="failed">failed</option>
        </select>
      </div>
      <HostPicker
        value={form.hostId}
        onChange={(hostId) => {
          setForm({ hostId });
        }}
        emptyLabel="Any"
      />
      <div className="inline-field">
        <label htmlFor={ids.target}>Target</label>
        <input
          id={ids.target}
          value={form.target}
          placeholder="team, instance, challenge…"
          onChange={(event) => {
            setForm({ target: event.target.value });
          }}
        />
      </div>
      <div className="inline-field">
        <label htmlFor={ids.since}>From</label>
        <input
          id={ids.since}
          type="datetime-local"
          step={1}
          value={form.since}
          onChange={(event) => {
            setForm({ since: event.target.value });
          }}
        />
      </div>
      <div className="inline-field">
        <label htmlFor={ids.until}>To</label>
        <input
          id={ids.until}
          type="datetime-local"
          step={1}
          value={form.until}
          onChange={(event) => {
            setForm({ until: event.target.value });
          }}
        />
      </div>
      <button type="submit" className="primary">
        Apply
      </button>
      <button type="button" onClick={resetForm}>
        Reset
      </button>
    </form>
  );
}
