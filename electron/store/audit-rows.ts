// Audit rows as SQLite holds them, and as entries the rest of Berth reads.
import type { AuditEntry, AuditOutcome } from '../../shared/audit';
import type { ChainedContent } from './audit-hash';
import { readJson } from './validation';

export interface AuditRow {
  id: number;
  time: number;
  actor: string;
  action: string;
  host_id: string | null;
  target: string;
  outcome: AuditOutcome;
  message: string;
  engine_message: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export const auditColumns =
  'id, time, actor, action, host_id, target, outcome, message, engine_message, details, prev_hash, hash';

/** The entry a row stands for. */
export function entryFromRow(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    time: row.time,
    actor: row.actor,
    action: row.action,
    hostId: row.host_id,
    target: row.target,
    outcome: row.outcome,
    message: row.message,
    engineMessage: row.engine_message,
    details: readJson(row.details, 'audit.details') as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The part of a row the chain hash covers. */
export function contentOfRow(row: AuditRow): ChainedContent {
  return {
    time: row.time,
    actor: row.actor,
    action: row.action,
    hostId: row.host_id,
    target: row.target,
    outcome: row.outcome,
    message: row.message,
    engineMessage: row.engine_message,
    details: row.details,
  };
}
