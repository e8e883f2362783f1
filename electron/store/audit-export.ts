// The audit log as files an operator takes away: CSV (RFC 4180) and JSON.
import type { AuditEntry } from '../../shared/audit';

const csvHeader = [
  'id',
  'time',
  'time_ms',
  'actor',
  'action',
  'host_id',
  'target',
  'outcome',
  'message',
  'engine_message',
  'details',
  'prev_hash',
  'hash',
];

/**
 * A spreadsheet runs a cell that starts with one of these as a formula; team and challenge names
 * come from outside, so such text gets a leading apostrophe (the usual defence) in the CSV only.
 */
const formulaStart = /^[=+\-@\t\r]/;

function csvText(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(entry: AuditEntry): string {
  return [
    String(entry.id),
    new Date(entry.time).toISOString(),
    String(entry.time),
    csvText(entry.actor),
    csvText(entry.action),
    csvText(entry.hostId ?? ''),
    csvText(entry.target),
    entry.outcome,
    csvText(entry.message),
    csvText(entry.engineMessage),
    csvText(JSON.stringify(entry.details)),
    entry.prevHash,
    entry.hash,
  ].join(',');
}

/** CSV with a header row and CRLF line ends; fields with commas, quotes or line breaks are quoted. */
export function auditCsv(entries: Iterable<AuditEntry>): string {
  const lines = [csvHeader.join(',')];
  for (const entry of entries) lines.push(csvRow(entry));
  return `${lines.join('\r\n')}\r\n`;
}

/** A JSON array of entries, one entry per line. */
export function auditJson(entries: Iterable<AuditEntry>): string {
  const lines: string[] = [];
  for (const entry of entries) lines.push(JSON.stringify(entry));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}
