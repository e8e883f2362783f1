// The settings form's values as typed, and their conversion to the Settings the API accepts.
import type { Settings } from '../../shared/settings';
import { settingsSchema } from '../../shared/settings';
import type { FieldErrors } from '../lib/field-errors';
import { numberField, validate } from '../lib/field-errors';

export interface SettingsFormValues {
  reaperIntervalSeconds: string;
  healthIntervalSeconds: string;
  reconcilePolicy: 'adopt' | 'remove';
  /** Blank for no cap. */
  maxInstancesPerTeam: string;
  memory: string;
  cpus: string;
  pids: string;
}

/** The form filled from the saved settings. */
export function settingsFormFrom(settings: Settings): SettingsFormValues {
  return {
    reaperIntervalSeconds: String(settings.reaperIntervalSeconds),
    healthIntervalSeconds: String(settings.healthIntervalSeconds),
    reconcilePolicy: settings.reconcilePolicy,
    maxInstancesPerTeam:
      settings.maxInstancesPerTeam === null ? '' : String(settings.maxInstancesPerTeam),
    memory: settings.defaultLimits.memory,
    cpus: String(settings.defaultLimits.cpus),
    pids: String(settings.defaultLimits.pids),
  };
}

/** The Settings the form describes, or the message for each field that is wrong. */
export function settingsFrom(
  values: SettingsFormValues,
): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const numbers: Record<string, string> = {
    reaperIntervalSeconds: values.reaperIntervalSeconds,
    healthIntervalSeconds: values.healthIntervalSeconds,
    maxInstancesPerTeam: values.maxInstancesPerTeam,
    'defaultLimits.cpus': values.cpus,
    'defaultLimits.pids': values.pids,
  };
  const result = validate(settingsSchema, {
    reaperIntervalSeconds: numberField(values.reaperIntervalSeconds),
    healthIntervalSeconds: numberField(values.healthIntervalSeconds),
    reconcilePolicy: values.reconcilePolicy,
    maxInstancesPerTeam: numberField(values.maxInstancesPerTeam) ?? null,
    defaultLimits: {
      memory: values.memory.trim(),
      cpus: numberField(values.cpus),
      pids: numberField(values.pids),
    },
  });

  const errors: FieldErrors = result.ok ? {} : { ...result.errors };
  for (const [path, text] of Object.entries(numbers)) {
    if (Number.isNaN(numberField(text))) errors[path] = 'Write a number';
  }
  if (!result.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: result.value };
}
