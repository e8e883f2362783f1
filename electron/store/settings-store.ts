// Panel-wide settings: defaults until changed, each key stored on its own, every change validated.
import type { z } from 'zod';
import { BerthError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import { defaultSettings, settingsSchema } from '../../shared/settings';
import type { StoreContext } from './store-context';
import { givenEntries, parseInput } from './validation';

export interface SettingsRepository {
  /** The settings in force: stored values over the defaults. */
  get(): Settings;
  /** Applies the given keys; any invalid or unknown key is 'invalid-input' naming it, and nothing changes. */
  update(patch: Partial<Settings>): Settings;
}

const fields: Partial<Record<string, z.ZodType>> = settingsSchema.shape;

/** The settings of one store. */
export function createSettingsRepository(context: StoreContext): SettingsRepository {
  const { db, scope } = context;
  const all = db.prepare('SELECT key, value FROM settings');
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function get(): Settings {
    const settings: Record<string, unknown> = { ...defaultSettings };
    for (const { key, value } of all.all() as { key: string; value: string }[]) {
      const field = fields[key];
      // A value an older or newer Berth wrote that this one cannot read falls back to its default.
      const parsed = field?.safeParse(safeJson(value));
      if (parsed?.success) settings[key] = parsed.data;
    }
    return settings as Settings;
  }

  return {
    get,

    update(patch) {
      for (const key of Object.keys(patch)) {
        if (fields[key] === undefined) {
          throw new BerthError('invalid-input', `There is no setting called ${key}`, {
            field: key,
          });
        }
      }
      return scope.write(() => {
        const changed = givenEntries(patch);
        const next = parseInput(settingsSchema, { ...get(), ...Object.fromEntries(changed) });
        for (const [key] of changed) put.run(key, JSON.stringify(next[key as keyof Settings]));
        return next;
      });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
