// The audit log: one entry per action, hash-chained so tampering shows.
import { z } from 'zod';

export const auditOutcomes = ['ok', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** What a caller records; the store adds id, time and hashes. */
export interface AuditRecord {
  actor: string;
  action: string;
  hostId: string | null;
  target: string;
  outcome: AuditOutcome;
  /** Safe to show to operators. */
  message: string;
  /** The engine's own text, if any. */
  engineMessage: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends AuditRecord {
  id: number;
  time: number;
  prevHash: string;
  hash: string;
}

export const auditFilterSchema = z.object({
  action: z.string().max(100).optional(),
  outcome: z.enum(auditOutcomes).optional(),
  hostId: z.string().max(100).optional(),
  target: z.string().max(300).optional(),
  since: z.number().int().nonnegative().optional(),
  until: z.number().int().nonnegative().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export interface AuditPage {
  entries: AuditEntry[];
  /** Matching entries, counted up to a cap (10,000) so that no query scans the whole log. */
  total: number;
  /** False when more entries match than were counted: `total` is then a lower bound. */
  totalIsExact: boolean;
  /** True when entries match beyond this page. */
  hasMore: boolean;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose hashes do not hold, if any. */
  firstBroken: { id: number; reason: string } | null;
}
