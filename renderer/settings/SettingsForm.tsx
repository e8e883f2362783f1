// Reaper and health intervals, reconcile policy, per-team cap and default limits.
import type { ReactElement } from 'react';
import { useRef, useState } from 'react';
import type { Settings } from '../../shared/settings';
import { toErrorInfo } from '../api/api-error';
import { notifyError } from '../app/notices-store';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import type { FieldErrors } from '../lib/field-errors';
import { serverFieldErrors } from '../lib/field-errors';
import { focusFirstInvalid } from '../lib/focus-invalid';
import type { SettingsFormValues } from './settings-form';
import { settingsFormFrom, settingsFrom } from './settings-form';
import { useSettings } from './settings-store';

/** The form; the parent keys it by the saved settings so a save refills it. */
export function SettingsForm({ settings }: { settings: Settings }): ReactElement {
  const [values, setValues] = useState<SettingsFormValues>(() => settingsFormFrom(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSettings((state) => state.save);

  function set<K extends keyof SettingsFormValues>(key: K) {
    return (value: SettingsFormValues[K]): void => {
      setValues((current) => ({ ...current, [key]: value }));
    };
  }

  async function submit(): Promise<void> {
    const result = settingsFrom(values);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    try {
      await save(result.settings);
    } catch (error) {
      const fieldErrors = serverFieldErrors(toErrorInfo(error));
      if (fieldErrors) {
        setErrors(fieldErrors);
        focusFirstInvalid(formRef.current);
      } else notifyError('Settings were not saved', error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="panel form-grid"
      aria-label="Runtime settings"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="form-section">Runtime</h2>
      <TextField
        name="reaperIntervalSeconds"
        label="Reaper interval (seconds)"
        value={values.reaperIntervalSeconds}
        onChange={set('reaperIntervalSeconds')}
        error={errors.reaperIntervalSeconds}
        inputMode="numeric"
        hint="How often expired instances are looked for and removed"
      />
      <TextField
        name="healthIntervalSeconds"
        label="Host check interval (seconds)"
        value={values.healthIntervalSeconds}
        onChange={set('healthIntervalSeconds')}
        error={errors.healthIntervalSeconds}
        inputMode="numeric"
      />
      <SelectField
        name="reconcilePolicy"
        label="Unknown Berth containers"
        value={values.reconcilePolicy}
        options={[
          { value: 'remove', label: 'Remove them' },
          { value: 'adopt', label: 'Adopt them as instances' },
        ]}
        onChange={(v) => {
          set('reconcilePolicy')(v === 'adopt' ? 'adopt' : 'remove');
        }}
        hint="What reconciliation does with labelled containers the database does not know"
      />
      <TextField
        name="maxInstancesPerTeam"
        label="Live instances per team"
        value={values.maxInstancesPerTeam}
        onChange={set('maxInstancesPerTeam')}
        error={errors.maxInstancesPerTeam}
        inputMode="numeric"
        placeholder="no cap"
        hint="Across challenges; blank for no cap"
      />
      <h3 className="form-section">Default limits for new challenges</h3>
      <TextField
        name="defaultLimits.memory"
        label="Memory"
        value={values.memory}
        onChange={set('memory')}
        error={errors['defaultLimits.memory']}
      />
      <TextField
        name="defaultLimits.cpus"
        label="CPUs"
        value={values.cpus}
        onChange={set('cpus')}
        error={errors['defaultLimits.cpus']}
        inputMode="decimal"
      />
      <TextField
        name="defaultLimits.pids"
        label="Processes"
        value={values.pids}
        onChange={set('pids')}
        error={errors['defaultLimits.pids']}
        inputMode="numeric"
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  );
}
