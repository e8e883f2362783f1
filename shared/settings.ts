// Settings that apply to the whole panel.
import { z } from 'zod';
import { limitsSchema } from './challenge';

export const settingsSchema = z.object({
  reaperIntervalSeconds: z.number().int().min(1).max(3600).default(5),
  /** What reconciliation does with labelled containers the database does not know. */
  reconcilePolicy: z.enum(['adopt', 'remove']).default('remove'),
  /** Live instances a team may hold at once across challenges; null for no cap. */
  maxInstancesPerTeam: z.number().int().min(1).nullable().default(null),
  defaultLimits: limitsSchema.default(limitsSchema.parse({})),
  healthIntervalSeconds: z.number().int().min(2).max(3600).default(10),
});
export type Settings = z.output<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

/** A change to some settings: the keys given, no defaults filled in for the others. */
export const settingsPatchSchema = z
  .object({
    reaperIntervalSeconds: settingsSchema.shape.reaperIntervalSeconds.unwrap().optional(),
    reconcilePolicy: settingsSchema.shape.reconcilePolicy.unwrap().optional(),
    maxInstancesPerTeam: settingsSchema.shape.maxInstancesPerTeam.unwrap().optional(),
    defaultLimits: limitsSchema.optional(),
    healthIntervalSeconds: settingsSchema.shape.healthIntervalSeconds.unwrap().optional(),
  })
  .strict();
