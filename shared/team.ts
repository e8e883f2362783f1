// A team: a row of the roster, with any columns the imported CSV carried.
import { z } from 'zod';

export const teamNameSchema = z
  .string()
  .trim()
  .min(1, 'A team needs a name')
  .max(120, 'A team name has at most 120 characters')
  .refine((name) => !/[\0\n\r]/.test(name), 'A team name is one line');

export const teamInputSchema = z.object({
  name: teamNameSchema,
  extra: z.record(z.string(), z.string()).default({}),
});
export type TeamInput = z.input<typeof teamInputSchema>;

export interface Team {
  id: string;
  name: string;
  extra: Record<string, string>;
  createdAt: number;
}
