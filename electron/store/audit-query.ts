// Filtered, paged reads of the audit log that stay fast on millions of rows.
//
// Each filter picks its access path instead of leaving it to SQLite's guesses:
// - a target of 3+ characters whose rarest trigrams are rare enough: the trigram index, newest first;
// - a narrow id range (a short time window, or a small log): a newest-first walk of that range;
// - action / outcome / host filters: the one covering index whose prefix they form, which counts
//   matches without touching the table; when more than `auditCountCap` rows match, the page is
//   read by walking newest first instead, where matches are dense enough to be found quickly;
// - anything else: a newest-first walk.
// `total` is counted up to `auditCountCap` (then `totalIsExact` is false), so no count scans the log;
// a target search no index narrows counts only up to 1,000, since every match there costs a row read.
// Known slow case: a target of one or two characters that matches almost nothing reads every row.
import type { z } from 'zod';
import type Database from 'better-sqlite3';
import type { auditFilterSchema } from '../../shared/audit';
import type { AuditRow } from './audit-rows';
import { statementCache } from './statement-cache';

export type ParsedAuditFilter = z.output<typeof auditFilterSchema>;

/** Matches are counted up to this many; beyond it a page says `totalIsExact: false`. */
export const auditCountCap = 10_000;

/** The thresholds that choose an access path; only tests change them, to reach every path on small logs. */
export interface AuditTuning {
  /** Matches are counted up to this many. */
  countCap: number;
  /** An id range this short is walked whatever the filters: cheaper than any index. */
  walkSpan: number;
  /** The trigram index is used when some trigram of the target is in at most this many entries. */
  ftsProbeLimit: number;
}

export const defaultAuditTuning: AuditTuning = {
  countCap: auditCountCap,
  walkSpan: 20_000,
  ftsProbeLimit: 5_000,
};

/** Trigrams tried per target text: enough to find a rare one, few enough to stay cheap. */
const maxProbes = 8;
/** Trigrams this many times commoner than the rarest add more reading than they save. */
const commonFactor = 4;

type Access = { kind: 'walk' } | { kind: 'index'; index: string } | { kind: 'fts'; match: string };

interface Plan {
  access: Access;
  /** Matches are counted up to this many. */
  countCap: number;
  conditions: string[];
  params: (string | number)[];
}

export interface AuditReader {
  /** The ids of one page, newest first, with the count of matches (up to the plan's cap). */
  page(filter: ParsedAuditFilter): {
    ids: number[];
    total: number;
    totalIsExact: boolean;
    hasMore: boolean;
  };
  /** Every matching row, newest first. */
  all(filter: ParsedAuditFilter): IterableIterator<AuditRow>;
}

/** Which covering index serves a set of equality filters (and an action prefix, as a range). */
function indexFor(
  equal: { action: boolean; outcome: boolean; host: boolean },
  prefix: boolean,
): string | null {
  const { outcome, host } = equal;
  if (prefix || equal.action) {
    if (outcome && host) return prefix ? 'audit_by_outcome_host' : 'audit_by_action';
    if (host) return 'audit_by_host_action';
    if (outcome) return prefix ? 'audit_by_outcome_action' : 'audit_by_action';
    return 'audit_by_action';
  }
  if (outcome && host) return 'audit_by_outcome_host';
  if (outcome) return 'audit_by_outcome_action';
  if (host) return 'audit_by_host_action';
  return null;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function fromClause(access: Access): string {
  switch (access.kind) {
    case 'walk':
      return 'audit AS a NOT INDEXED';
    case 'index':
      return `audit AS a INDEXED BY ${access.index}`;
    case 'fts':
      return 'audit_target AS t CROSS JOIN audit AS a NOT INDEXED ON a.id = t.rowid';
  }
}

/** A reader over one connection; statements are prepared once per distinct plan. */
export function createAuditReader(
  db: Database.Database,
  tuning: AuditTuning = defaultAuditTuning,
): AuditReader {
  const { countCap, walkSpan, ftsProbeLimit } = tuning;
  const prepared = statementCache(db);

  const firstAtOrAfter = db
    .prepare('SELECT id FROM audit WHERE time >= ? ORDER BY time, id LIMIT 1')
    .pluck();
  const lastAtOrBefore = db
    .prepare('SELECT id FROM audit WHERE time <= ? ORDER BY time DESC, id DESC LIMIT 1')
    .pluck();
  const minId = db.prepare('SELECT min(id) FROM audit').pluck();
  const maxId = db.prepare('SELECT max(id) FROM audit').pluck();
  const termCount = db
    .prepare('SELECT count(*) FROM (SELECT 1 FROM audit_target WHERE audit_target MATCH ? LIMIT ?)')
    .pluck();

  /**
   * Up to three of the text's rarest trigrams as an FTS5 query, or null when none is rare enough.
   * Trigrams are counted only up to a bound (reading a common trigram's whole list is what costs),
   * at most `maxProbes` of them, from the end of the text, where names carry their distinct parts.
   */
  function trigramMatch(text: string): string | null {
    const chars = Array.from(text);
    if (chars.length < 3) return null;
    // A NUL cannot be written in an FTS5 query (its string ends there): such trigrams are left out.
    const grams = [...new Set(chars.slice(2).map((_, i) => chars.slice(i, i + 3).join('')))]
      .filter((gram) => !gram.includes('\0'))
      .reverse();
    const step = Math.max(1, grams.length / maxProbes);
    const probes = new Set(
      Array.from(
        { length: Math.min(maxProbes, grams.length) },
        (_, i) => grams[Math.floor(i * step)] ?? '',
      ),
    );

    let bound = ftsProbeLimit + 1;
    const counted: { query: string; docs: number }[] = [];
    for (const gram of probes) {
      const query = `"${gram.replace(/"/g, '""')}"`;
      const docs = termCount.get(query, bound) as number;
      counted.push({ query, docs });
      bound = Math.min(bound, Math.max(docs, 1) * commonFactor + 1);
    }
    counted.sort((x, y) => x.docs - y.docs);
    const rarest = counted[0];
    if (!rarest || rarest.docs > ftsProbeLimit) return null;
    return counted
      .filter((term) => term.docs <= Math.max(rarest.docs, 1) * commonFactor)
      .slice(0, 3)
      .map((term) => term.query)
      .join(' ');
  }

  /** The cap for a plan whose target text no index narrows: each match costs a row read. */
  const likeCountCap = Math.min(countCap, 1_000);

  /** The plan for a filter, or null when the time range holds no entry at all. */
  function plan(filter: ParsedAuditFilter): Plan | null {
    const conditions: string[] = [];
    const params: (string | number)[] = [];

    const low =
      filter.since === undefined
        ? undefined
        : (firstAtOrAfter.get(filter.since) as number | undefined);
    const high =
      filter.until === undefined
        ? undefined
        : (lastAtOrBefore.get(filter.until) as number | undefined);
    if (
      (filter.since !== undefined && low === undefined) ||
      (filter.until !== undefined && high === undefined)
    ) {
      return null;
    }
    if (low !== undefined && high !== undefined && low > high) return null;
    if (low !== undefined) {
      conditions.push('a.id >= ?');
      params.push(low);
    }
    if (high !== undefined) {
      conditions.push('a.id <= ?');
      params.push(high);
    }

    const action = filter.action ?? '';
    const prefix = action.endsWith('*') ? action.slice(0, -1) : null;
    if (prefix !== null && prefix !== '') {
      conditions.push('a.action >= ? AND a.action < ?');
      params.push(prefix, `${prefix}\u{10FFFF}`);
    } else if (prefix === null && action !== '') {
      conditions.push('a.action = ?');
      params.push(action);
    }
    if (filter.outcome !== undefined) {
      conditions.push('a.outcome = ?');
      params.push(filter.outcome);
    }
    if (filter.hostId !== undefined) {
      conditions.push('a.host_id = ?');
      params.push(filter.hostId);
    }

    const target = filter.target ?? '';
    const match = target === '' ? null : trigramMatch(target);
    if (target !== '') {
      // ESCAPE makes SQLite compare more slowly, so it is added only when the text needs it.
      conditions.push(/[\\%_]/.test(target) ? `a.target LIKE ? ESCAPE '\\'` : 'a.target LIKE ?');
      params.push(likePattern(target));
    }
    if (match !== null) {
      conditions.unshift('t.audit_target MATCH ?');
      params.unshift(match);
      return { access: { kind: 'fts', match }, countCap, conditions, params };
    }

    const first = low ?? (minId.get() as number | null) ?? 0;
    const last = high ?? (maxId.get() as number | null) ?? 0;
    const index = indexFor(
      {
        action: prefix === null && action !== '',
        outcome: filter.outcome !== undefined,
        host: filter.hostId !== undefined,
      },
      prefix !== null && prefix !== '',
    );
    const access: Access =
      index === null || last - first < walkSpan ? { kind: 'walk' } : { kind: 'index', index };
    const cap = target === '' ? countCap : likeCountCap;
    return { access, countCap: cap, conditions, params };
  }

  function sql(plan: Plan, select: string, tail: string, ordered = true): string {
    const where = plan.conditions.length > 0 ? plan.conditions.join(' AND ') : '1';
    const order = plan.access.kind === 'fts' ? 't.rowid DESC' : 'a.id DESC';
    const orderBy = ordered ? ` ORDER BY ${order}` : '';
    return `SELECT ${select} FROM ${fromClause(plan.access)} WHERE ${where}${orderBy}${tail}`;
  }

  return {
    page(filter) {
      const found = plan(filter);
      if (found === null) return { ids: [], total: 0, totalIsExact: true, hasMore: false };

      // Unordered: counting needs no sort, and the index yields matches in its own order.
      const countSql = `SELECT count(*) FROM (${sql(found, '1', ` LIMIT ${found.countCap + 1}`, false)})`;
      const counted = prepared(countSql)
        .pluck()
        .get(...found.params) as number;

      // Past the cap the matches are dense: walking newest first finds a page sooner than sorting.
      const pagePlan: Plan =
        found.access.kind === 'index' && counted > found.countCap
          ? { ...found, access: { kind: 'walk' } }
          : found;
      const ids = prepared(sql(pagePlan, 'a.id', ' LIMIT ? OFFSET ?'))
        .pluck()
        .all(...pagePlan.params, filter.limit + 1, filter.offset) as number[];
      const hasMore = ids.length > filter.limit;
      return {
        ids: hasMore ? ids.slice(0, filter.limit) : ids,
        total: Math.min(counted, found.countCap),
        totalIsExact: counted <= found.countCap,
        hasMore,
      };
    },

    all(filter) {
      const found = plan(filter);
      if (found === null) return [][Symbol.iterator]();
      const walk: Plan =
        found.access.kind === 'index' ? { ...found, access: { kind: 'walk' } } : found;
      return prepared(sql(walk, 'a.*', '')).iterate(...walk.params) as IterableIterator<AuditRow>;
    },
  };
}
